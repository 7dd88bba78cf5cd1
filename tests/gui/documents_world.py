"""A small database for the documents window tests: one family, a worker of its team, a
worker of another team and a reader; PDFs made with reportlab."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from plo_tracker.domain.vocabulary import GatewayDecision, Role
from plo_tracker.services.actor import SYSTEM, Actor
from plo_tracker.services.case_forms import AdultForm, ChildForm, GatewayForm, NewFamilyForm
from plo_tracker.services.registry import Services
from plo_tracker.services.users import NewUser
from tests.support import open_test_database


@dataclass(frozen=True)
class DocumentsWorld:
    services: Services
    admin: Actor
    sam: Actor  # the family's social worker
    kim: Actor  # a social worker of another team
    reader: Actor  # read only
    family_id: int
    folder: Path


def build_documents_world(folder: Path) -> DocumentsWorld:
    services = open_test_database(folder, "documents")
    services.users.create(SYSTEM, NewUser("admin", "Alex Byrne", Role.ADMINISTRATOR))
    admin = services.users.trusted_actor("admin")
    services.users.create(admin, NewUser("sam", "Sam Okafor", Role.SOCIAL_WORKER, "North"))
    services.users.create(admin, NewUser("kim", "Kim Lee", Role.SOCIAL_WORKER, "South"))
    services.users.create(admin, NewUser("robin", "Robin Hale", Role.READ_ONLY))
    sam = services.users.trusted_actor("sam")
    family_id = services.families.create(admin, NewFamilyForm(
        children=(ChildForm("Ruby", "Smith", date_of_birth=date(2019, 4, 2)),),
        adults=(AdultForm("Jade", "Smith", "mother", address="1 Refuge Road, Leeds LS6 2AB",
                          address_confidential=True),
                AdultForm("Liam", "Smith", "father", address="4 High Street, Leeds LS1 1AA")),
        team="North", gateway=GatewayForm(GatewayDecision.ENTER_PRE_PROCEEDINGS,
                                          date(2026, 9, 1)),
        social_worker_id=sam.user_id))
    return DocumentsWorld(services, admin, sam, services.users.trusted_actor("kim"),
                          services.users.trusted_actor("robin"), family_id, folder)


def make_pdf(path: Path, *lines: str, pages: int = 1) -> Path:
    """A real PDF with a text layer: each page carries the lines given."""
    page = canvas.Canvas(str(path), pagesize=A4)
    for number in range(1, pages + 1):
        y = 780
        for line in (*lines, f"Page {number}"):
            page.drawString(72, y, line)
            y -= 18
        page.showPage()
    page.save()
    return path

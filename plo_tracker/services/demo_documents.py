"""Documents, a confidential detail and court bundles for the app's demo database, so the
Documents tab and the Bundles page have something to show in `plo-tracker --demo`.

A few demo families (chosen by the seed: two with care proceedings issued, two in
pre-proceedings) get synthetic documents (documents/demo_pdfs.py), added through the real
services as each family's social worker, so every step is audited as it would be for a
person. One family's statement names a relative's address that is also in the family's
confidential register, so the guard has something to find. The two families in proceedings
each get a bundle for a hearing in the next three weeks; one is built, issued, and then has
a late document placed.

Done once per demo database (a database fact records it), after the demo families are
made; only `open_services` calls it, for the app's own demo database, so the many demo
databases that tests make stay fast. Nothing here needs OCR: every page has text.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from plo_tracker.domain.confidential_kinds import ConfidentialKind
from plo_tracker.domain.document_types import DocumentType
from plo_tracker.domain.errors import DomainError
from plo_tracker.domain.working_days import last_working_day, next_working_day
from plo_tracker.storage.models import DatabaseFact, GeneratedLetter

from .bundle_views import BundleForm
from .bundles import hearing_on
from .document_views import DocumentForm

if TYPE_CHECKING:
    from plo_tracker.documents.demo_pdfs import DemoCase

    from .actor import Actor
    from .registry import Services

log = logging.getLogger(__name__)

DONE_FACT = "demo_documents"
SOURCE = "demo"
ISSUED_FAMILIES, PRE_PROCEEDINGS_FAMILIES = 2, 2
# Fictional judges for the demo's hearings.
JUDGES = ("HHJ Wetherby", "District Judge Amberley")

Draw = Callable[["DemoCase", date], bytes]


@dataclass(frozen=True)
class _Planned:
    """One document to add: how it is drawn, what it is called, and its date."""

    draw: Draw
    title: str
    kind: DocumentType
    on: date
    author: str | None


@dataclass(frozen=True)
class DemoDocuments:
    """What was added, for the caller's log."""

    families: int
    documents: int
    bundles: int


def add_demo_documents(services: Services, bundles_folder: Path,
                       seed: int = 1) -> DemoDocuments | None:
    """Add the demo's documents, register entry and bundles once; None when they were added
    before (or the database is not a writable demo database). The built bundle's two
    copies are written into ``bundles_folder``.

    A refusal from a service (which would be a bug in the demo, never the user's doing) is
    logged without personal data and leaves the demo without some of its documents.
    """
    if services.context.database.read_only or not _claim(services):
        return None
    try:
        return _Maker(services, bundles_folder, seed).make()
    except DomainError as error:
        log.warning("Demo documents were not all added: %s", type(error).__name__)
        return None


def _claim(services: Services) -> bool:
    """Record that the demo documents are being added, unless they were before; first, so
    that a second run can never add them twice."""
    with services.context.database.unit_of_work() as session:
        if session.get(DatabaseFact, "demo") is None or session.get(DatabaseFact, DONE_FACT):
            return False
        session.add(DatabaseFact(key=DONE_FACT, value="true"))
        return True


class _Maker:
    def __init__(self, services: Services, folder: Path, seed: int) -> None:
        self.services, self.folder, self.rng = services, folder, random.Random(seed)
        self.today = services.context.clock.today()
        self.council = services.context.settings().council.name or "The local authority"
        self.seed = seed

    def make(self) -> DemoDocuments:
        # reportlab loads only when the demo documents are made, not on every demo start.
        from .demo_cases import choose_families, current_episodes, read_case, worker_username

        with self.services.context.database.reading() as conn, Session(bind=conn) as session:
            issued, pre = choose_families(session, self.seed, ISSUED_FAMILIES,
                                          PRE_PROCEEDINGS_FAMILIES)
            # The confidential address goes to the second family in proceedings, whose
            # bundle is left to build: building it shows the guard at work.
            carer_family = issued[1] if len(issued) > 1 else None
            episodes = current_episodes(session)
            cases = {family_id: read_case(session, episodes[family_id], self.council,
                                          self.rng, family_id == carer_family)
                     for family_id in issued + pre}
            actors = {family_id: worker_username(session, family_id) for family_id in cases}
            letters = {family_id: list(session.scalars(
                select(GeneratedLetter.id).where(GeneratedLetter.family_id == family_id)
                .order_by(GeneratedLetter.id))) for family_id in cases}
        added = bundles = 0
        for family_id, case in cases.items():
            if actors[family_id] is None:
                continue
            actor = self.services.users.trusted_actor(actors[family_id])
            ids = self._documents(actor, family_id, case, family_id in issued)
            for letter_id in letters[family_id]:
                ids[f"letter {letter_id}"] = self.services.documents.add_letter(
                    actor, letter_id).document_id
            if case.carer_address:
                self.services.confidential_register.add(
                    actor, family_id, ConfidentialKind.ADDRESS, case.carer_address)
            added += len(ids)
            if family_id in issued:
                self._bundle(actor, family_id, case, ids, built=family_id == issued[0])
                bundles += 1
        return DemoDocuments(len(cases), added, bundles)

    # -- documents ---------------------------------------------------------------------------
    def _plan(self, case: DemoCase, in_proceedings: bool) -> list[_Planned]:
        from plo_tracker.documents import demo_pdfs

        def day(wanted: date) -> date:
            """A working day no later than today nor earlier than the gateway decision."""
            return max(case.started, last_working_day(min(wanted, self.today)))

        mother = next((a.name for a in case.adults if a.relationship == "mother"),
                      "the mother")
        if in_proceedings and case.applied:
            applied = case.applied
            order = day(next_working_day(applied + timedelta(days=3)))
            return [
                _Planned(demo_pdfs.parenting_assessment, f"Parenting assessment of {mother}",
                         DocumentType.ASSESSMENT, day(applied - timedelta(days=24)),
                         case.assessor),
                _Planned(demo_pdfs.expert_report, "Psychological assessment of the parents",
                         DocumentType.EXPERT_REPORT, day(applied - timedelta(days=10)),
                         case.expert),
                _Planned(demo_pdfs.social_work_statement, "Social work evidence template",
                         DocumentType.STATEMENT, day(applied), case.worker),
                _Planned(demo_pdfs.care_plan, "Interim care plan", DocumentType.CARE_PLAN,
                         day(applied), case.worker),
                _Planned(demo_pdfs.application, "Application for a care order (C110A)",
                         DocumentType.APPLICATION, day(applied), self.council),
                _Planned(demo_pdfs.interim_care_order, "Interim care order",
                         DocumentType.ORDER, order, None),
                # Written last, just before the coming hearing: the late addition.
                _Planned(demo_pdfs.position_statement,
                         "Position statement of the local authority",
                         DocumentType.POSITION_STATEMENT,
                         max(order, day(self.today - timedelta(days=2))), case.worker),
            ]
        return [
            _Planned(demo_pdfs.parenting_assessment, f"Parenting assessment of {mother}",
                     DocumentType.ASSESSMENT, day(case.started + timedelta(weeks=8)),
                     case.assessor),
            _Planned(demo_pdfs.expert_report, "Psychological assessment of the parents",
                     DocumentType.EXPERT_REPORT, day(case.started + timedelta(weeks=10)),
                     case.expert),
            _Planned(demo_pdfs.social_work_statement,
                     "Social work evidence template (draft, ready for issue)",
                     DocumentType.STATEMENT, day(self.today - timedelta(days=3)), case.worker),
        ]

    def _documents(self, actor: Actor, family_id: int, case: DemoCase,
                   in_proceedings: bool) -> dict[str, int]:
        """Each planned document added; their ids by title."""
        ids = {}
        for planned in self._plan(case, in_proceedings):
            # The statement tells only what had happened by its date.
            dated = replace(case, events=tuple(e for e in case.events if e[0] <= planned.on))
            view = self.services.documents.add_generated(
                actor, family_id, planned.draw(dated, planned.on),
                DocumentForm(planned.title, planned.on, planned.author, planned.kind),
                source=SOURCE)
            ids[planned.title] = view.document_id
        return ids

    # -- bundles -----------------------------------------------------------------------------
    def _bundle(self, actor: Actor, family_id: int, case: DemoCase, ids: dict[str, int],
                built: bool) -> None:
        """A bundle for a hearing in the next three weeks. The built one: every document but
        the position statement placed, version 1 built and issued, then the position
        statement placed late. The other: every document placed, not yet built."""
        bundles = self.services.bundles
        days = 8 if built else 15
        hearing = hearing_on(next_working_day(self.today + timedelta(days=days)))
        if not built:
            hearing = hearing.replace(minute=30)
        made = bundles.create(actor, family_id, BundleForm(
            case.court or "The Family Court", case.case_number, hearing,
            JUDGES[0 if built else 1]))
        if not built:
            bundles.place_all(actor, made.bundle_id)
            return
        late = ids.pop("Position statement of the local authority", None)
        for document_id in ids.values():
            bundles.place(actor, made.bundle_id, document_id)
        self.folder.mkdir(parents=True, exist_ok=True)
        name = f"{case.reference} bundle version 1"
        version = bundles.build(actor, made.bundle_id, self.folder / f"{name}.pdf",
                                self.folder / f"{name} (parties' copy).pdf")
        bundles.issue(actor, made.bundle_id, version.number)
        if late is not None:
            bundles.place(actor, made.bundle_id, late)

"""Building court bundles through the service, from real PDFs (reportlab) added through the
real intake and document store, read back with pikepdf (page labels) and PDFium (text):
the page numbers layout() promised are the ones built; the guard stops the parties' copy
on a confidential detail, redaction removes it from that copy only; pages without text
need confirming; late additions keep every earlier number; cancel leaves nothing."""

from __future__ import annotations

import re
import tempfile
from datetime import UTC, date, datetime
from itertools import count
from pathlib import Path

import pikepdf
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from sqlalchemy import func, select

from plo_tracker.documents.bundle import BuildCancelled
from plo_tracker.documents.intake import page_texts
from plo_tracker.domain.confidential_kinds import ConfidentialKind
from plo_tracker.domain.document_types import DocumentType
from plo_tracker.services.bundle_views import (
    BundleForm,
    ConfidentialDetailsFound,
    PagesNotChecked,
)
from plo_tracker.services.document_views import DocumentForm
from plo_tracker.storage.models import AuditEntry, BundleVersion
from tests.documents.intake.makers import scan_image, scan_pdf

HEARING = datetime(2026, 12, 8, 10, 30, tzinfo=UTC)
# Where the father's new partner lives: the mother must never learn it.
ADDRESS = "14 Larch Close, Westmoor WM4 7QT"
_names = count(1)


def text_pdf(path: Path, pages: list[str]) -> Path:
    """One page per text; a text's lines ("\\n") are drawn one under another."""
    drawing = canvas.Canvas(str(path), pagesize=A4)
    for text in pages:
        for number, line in enumerate(text.split("\n")):
            drawing.drawString(72, 760 - 16 * number, line)
        drawing.showPage()
    drawing.save()
    return path


def add_pdf(world, family_id: int, title: str, pages: list[str],
            doc_type: DocumentType = DocumentType.STATEMENT,
            day: date | None = date(2026, 10, 1), path: Path | None = None) -> int:
    """A document added as a worker adds one: a file through the intake into the store."""
    path = path or text_pdf(Path(tempfile.mkdtemp()) / f"doc{next(_names)}.pdf", pages)
    return world.services.documents.add_file(
        world.actor("manager"), family_id, path,
        DocumentForm(title, day, None, doc_type)).document_id


def new_bundle(world, family_id: int) -> int:
    return world.services.bundles.create(world.actor("manager"), family_id, BundleForm(
        "Family Court at Northshire", "NS26C00042", HEARING, "HHJ Marsh")).bundle_id


def outputs(tmp_path: Path) -> tuple[Path, Path]:
    return tmp_path / "bundle.pdf", tmp_path / "bundle-parties.pdf"


def labels_of(path: Path) -> list[str]:
    with pikepdf.open(path) as pdf:
        return [page.label for page in pdf.pages]


def squashed(text: str) -> str:
    """Text compared as the guard compares it: no case, spaces, breaks or punctuation."""
    return re.sub(r"[\W_]+", "", text).casefold()


def versions_count(world, bundle_id: int) -> int:
    with world.database.reading() as conn:
        return conn.execute(select(func.count(BundleVersion.id)).where(
            BundleVersion.bundle_id == bundle_id)).scalar_one()


def test_the_page_numbers_promised_are_those_built(world, tmp_path):
    family_id = world.pre_proceedings()
    manager, bundles = world.actor("manager"), world.services.bundles
    add_pdf(world, family_id, "Chronology", ["Chronology page 1", "Chronology page 2"],
            DocumentType.CHRONOLOGY, date(2026, 11, 2))
    add_pdf(world, family_id, "Statement of the mother", [f"Mother {n}" for n in (1, 2, 3)],
            day=date(2026, 11, 1))
    add_pdf(world, family_id, "Statement of the social worker",
            [f"Social worker {n}" for n in range(1, 6)], day=date(2026, 10, 1))
    add_pdf(world, family_id, "Letter before proceedings", ["Dear Jade"], DocumentType.LETTER)
    bundle_id = new_bundle(world, family_id)
    layout = bundles.place_all(manager, bundle_id)
    promised = {d.title: (d.first_label, d.last_label)
                for s in layout.sections for d in s.documents}
    assert promised == {"Chronology": ("A1", "A2"),
                        "Statement of the social worker": ("C1", "C5"),
                        "Statement of the mother": ("C6", "C8"),
                        "Letter before proceedings": ("F1", "F1")}
    court, parties = outputs(tmp_path)
    steps: list[tuple[int, int]] = []
    version = bundles.build(manager, bundle_id, court, parties,
                            progress=lambda done, total: steps.append((done, total)))
    assert steps[-1][0] == steps[-1][1] and [d for d, _t in steps] == sorted(
        d for d, _t in steps)
    assert (version.number, version.court_path, version.parties_path) == (1, court, parties)
    court_labels, texts = labels_of(court), page_texts(court)
    assert labels_of(parties) == court_labels
    for row in version.manifest:
        assert (row.first_label, row.last_label) == promised[row.title]
        assert court_labels[row.first_page - 1] == row.first_label
        assert court_labels[row.last_page - 1] == row.last_label
    first = next(r for r in version.manifest if r.title == "Statement of the mother")
    assert "Mother 1" in texts[first.first_page - 1]
    assert "Mother 3" in texts[first.last_page - 1]
    assert version.page_count == len(court_labels)
    # The version is kept, with both copies in the document store, and the build audited.
    kept = bundles.versions(manager, bundle_id)
    assert [v.number for v in kept] == [1] and kept[0].manifest == version.manifest
    store = world.services.context.documents
    assert store.verify(version.court_sha256) is None
    assert store.verify(version.parties_sha256) is None
    assert world.last_audit().action == "bundle.build"
    assert "Section B (Applications and orders) is empty." in version.warnings


def test_a_confidential_address_stops_the_parties_copy_with_document_and_page(world,
                                                                             tmp_path):
    family_id = world.pre_proceedings()
    manager, bundles = world.actor("manager"), world.services.bundles
    world.services.confidential_register.add(manager, family_id, ConfidentialKind.ADDRESS,
                                             ADDRESS)
    add_pdf(world, family_id, "Statement of the father", [
        "The father's statement.", "He has moved.",
        # Split over a line break, as a word processor wraps it.
        "He now lives with his partner at 14 Larch Close,\nWestmoor WM4 7QT since May."])
    bundle_id = new_bundle(world, family_id)
    bundles.place_all(manager, bundle_id)
    check = bundles.check(manager, bundle_id)
    assert [(h.title, h.page, h.kind) for h in check.hits] == [
        ("Statement of the father", 3, "address")]
    court, parties = outputs(tmp_path)
    audits = world.audit_count()
    with pytest.raises(ConfidentialDetailsFound) as stopped:
        bundles.build(manager, bundle_id, court, parties)
    assert [h.words for h in stopped.value.hits] == [
        "document “Statement of the father”, page 3: a confidential detail (address) was found"]
    assert list(tmp_path.iterdir()) == []
    assert versions_count(world, bundle_id) == 0
    assert world.audit_count() == audits


def test_redaction_removes_the_address_from_the_parties_copy_only(world, tmp_path):
    family_id = world.pre_proceedings()
    manager, bundles = world.actor("manager"), world.services.bundles
    world.services.confidential_register.add(manager, family_id, ConfidentialKind.ADDRESS,
                                             ADDRESS)
    add_pdf(world, family_id, "Statement of the father", [
        "The father's statement.",
        "He now lives with his partner at 14 Larch Close,\nWestmoor WM4 7QT since May."])
    bundle_id = new_bundle(world, family_id)
    bundles.place_all(manager, bundle_id)
    court, parties = outputs(tmp_path)
    version = bundles.build(manager, bundle_id, court, parties, redact=True)
    assert any(squashed(ADDRESS) in squashed(text) for text in page_texts(court))
    assert not any(squashed(ADDRESS) in squashed(text) for text in page_texts(parties))
    assert not any(squashed("Larch Close") in squashed(t) for t in page_texts(parties))
    assert labels_of(parties) == labels_of(court)
    assert version.redacted == ("“Statement of the father”: page 2",)


def test_pages_without_text_must_be_confirmed_when_ocr_is_off(world, tmp_path, monkeypatch):
    family_id = world.pre_proceedings()
    manager, bundles = world.actor("manager"), world.services.bundles
    image = scan_image(tmp_path / "scan.png", ["Handwritten note of visit"])
    scanned = scan_pdf(tmp_path / "scan.pdf", image)
    with monkeypatch.context() as turned_off:
        turned_off.setenv("PATH", str(tmp_path / "no-tesseract-here"))
        add_pdf(world, family_id, "Note of visit", [], DocumentType.OTHER, path=scanned)
    bundle_id = new_bundle(world, family_id)
    bundles.place_all(manager, bundle_id)
    out = tmp_path / "out"
    out.mkdir()
    court, parties = outputs(out)
    with pytest.raises(PagesNotChecked) as refused:
        bundles.build(manager, bundle_id, court, parties)
    assert [u.words for u in refused.value.unchecked] == ["document “Note of visit”, page 1"]
    assert list(out.iterdir()) == []
    version = bundles.build(manager, bundle_id, court, parties, confirm_unchecked=True)
    assert version.unchecked == ("“Note of visit”: page 1",)
    assert court.exists() and parties.exists()


def test_cancel_leaves_no_file_and_no_version(world, tmp_path):
    family_id = world.pre_proceedings()
    manager, bundles = world.actor("manager"), world.services.bundles
    for n in range(3):
        add_pdf(world, family_id, f"Statement {n}", [f"Statement {n}"])
    bundle_id = new_bundle(world, family_id)
    bundles.place_all(manager, bundle_id)
    asked = count()
    court, parties = outputs(tmp_path)
    audits = world.audit_count()
    with pytest.raises(BuildCancelled):
        # Cancelled while the court's copy is being bound (after the guard's three checks).
        bundles.build(manager, bundle_id, court, parties, cancelled=lambda: next(asked) > 4)
    assert list(tmp_path.iterdir()) == []
    assert versions_count(world, bundle_id) == 0
    assert world.audit_count() == audits


def test_late_additions_keep_every_earlier_page_number(world, tmp_path):
    family_id = world.pre_proceedings()
    manager, bundles = world.actor("manager"), world.services.bundles
    add_pdf(world, family_id, "Statement of the social worker",
            [f"Social worker {n}" for n in range(1, 5)], day=date(2026, 10, 1))
    add_pdf(world, family_id, "Statement of the mother", ["Mother 1", "Mother 2"],
            day=date(2026, 11, 1))
    add_pdf(world, family_id, "Care plan", ["Care plan 1"], DocumentType.CARE_PLAN)
    bundle_id = new_bundle(world, family_id)
    bundles.place_all(manager, bundle_id)
    first = bundles.build(manager, bundle_id, tmp_path / "v1.pdf", tmp_path / "v1-p.pdf")
    bundles.issue(manager, bundle_id, first.number)
    # Dated before everything in section C, yet it must go at the end of C.
    late = add_pdf(world, family_id, "Statement of the grandmother", ["Grandmother 1",
                                                                     "Grandmother 2"],
                   day=date(2026, 9, 1))
    bundles.place(manager, bundle_id, late)
    second = bundles.build(manager, bundle_id, tmp_path / "v2.pdf", tmp_path / "v2-p.pdf")
    v1, v2 = labels_of(tmp_path / "v1.pdf"), labels_of(tmp_path / "v2.pdf")
    now = {row.document_id: row for row in second.manifest}
    for row in first.manifest:
        moved = now[row.document_id]
        assert (moved.first_label, moved.last_label) == (row.first_label, row.last_label)
        assert v1[row.first_page - 1:row.last_page] == v2[moved.first_page - 1:moved.last_page]
    added = now[late]
    assert (added.first_label, added.last_label) == ("C7", "C8")
    assert second.changes == ("Added “Statement of the grandmother” at C7 - C8.",)
    assert any("Statement of the grandmother" in text and "C7" in text
               for text in page_texts(tmp_path / "v2.pdf")[:3])
    with world.database.reading() as conn:
        entry = conn.execute(select(AuditEntry.after).where(
            AuditEntry.action == "bundle.issue", AuditEntry.entity_id == bundle_id)).scalar()
    assert entry == '{"version": 1}'


def test_identical_files_are_flagged_when_both_are_placed(world, tmp_path):
    family_id = world.pre_proceedings()
    source = text_pdf(tmp_path / "same.pdf", ["Position statement of the local authority"])
    for title in ("Position statement", "Position statement (again)"):
        add_pdf(world, family_id, title, [], DocumentType.POSITION_STATEMENT, path=source)
    bundle_id = new_bundle(world, family_id)
    layout = world.services.bundles.place_all(world.actor("manager"), bundle_id)
    assert ("“Position statement (again)” (A2) is the same file as “Position statement” "
            "(A1): it is in the bundle twice. Take one of them out.") in layout.warnings

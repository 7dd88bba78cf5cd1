"""Placing documents in a court bundle, through the service: date order unless put in order
by hand, the page numbers each document will have, the warnings before building, the
section template, and what issuing a version locks (late additions go at the end).

Documents are written straight into the documents table here: the placing rules need only
the rows (the builds, with real files, are in test_bundles_build.py).
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from itertools import count

import pytest
from sqlalchemy import select

from plo_tracker.domain.bundle_sections import DEFAULT_SECTIONS, SectionTemplate
from plo_tracker.domain.document_types import DocumentType
from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.services.bundle_views import BundleForm
from plo_tracker.services.errors import NotFound
from plo_tracker.settings import BundleSettings
from plo_tracker.storage.models import AuditEntry, BundleVersion, Document

HEARING = datetime(2026, 12, 8, 10, 30, tzinfo=UTC)
_files = count(1)


def add_document(world, family_id: int, title: str, day: date | None,
                 doc_type: DocumentType = DocumentType.STATEMENT, pages: int = 3,
                 sha256: str | None = None, without_text: tuple[int, ...] = (),
                 section: str | None = None) -> int:
    """A document row of the family (no file: the layout never opens one)."""
    from plo_tracker.domain.document_types import DEFAULT_SECTION

    with world.database.unit_of_work() as session:
        row = Document(
            family_id=family_id, title=title, document_date=day, author=None,
            doc_type=doc_type.value, default_section=section or DEFAULT_SECTION[doc_type],
            sha256=sha256 or hashlib.sha256(f"file {next(_files)}".encode()).hexdigest(),
            original_sha256="0" * 64, original_name=f"{title}.pdf", original_kind="PDF",
            page_count=pages, pages_without_text=list(without_text), ocr_pages=[],
            repaired=False, source="file", added_by="manager",
            added_at=datetime(2026, 11, 20, tzinfo=UTC))
        session.add(row)
        session.flush()
        return row.id


def new_bundle(world, family_id: int | None = None, **form) -> int:
    family_id = family_id or world.pre_proceedings()
    values = {"court": "Family Court at Northshire", "case_number": "NS26C00042",
              "hearing_at": HEARING, "judge": "HHJ Marsh"} | form
    return world.services.bundles.create(world.actor("manager"), family_id,
                                         BundleForm(**values)).bundle_id


def family_of(world, bundle_id: int) -> int:
    return world.services.bundles.layout(world.actor("manager"), bundle_id).bundle.family_id


def placed(layout, letter: str) -> list[tuple[str, str]]:
    """(title, page range) of each document in a section, in binding order."""
    section = next(s for s in layout.sections if s.letter == letter)
    return [(d.title, d.page_range) for d in section.documents]


def fake_version(world, bundle_id: int) -> int:
    """A version row as a build would keep it, from the layout now (for issuing)."""
    layout = world.services.bundles.layout(world.actor("manager"), bundle_id)
    manifest = [{"document_id": d.document_id, "title": d.title, "sha256": d.sha256,
                 "section": s.letter, "first_label": d.first_label,
                 "last_label": d.last_label, "first_page": 1, "last_page": 1}
                for s in layout.sections for d in s.documents]
    with world.database.unit_of_work() as session:
        number = len(session.scalars(select(BundleVersion.id).where(
            BundleVersion.bundle_id == bundle_id)).all()) + 1
        session.add(BundleVersion(bundle_id=bundle_id, number=number, built_by="manager",
                                  built_at=datetime(2026, 11, 26, 12, tzinfo=UTC),
                                  page_count=10, court_sha256="c" * 64, parties_sha256="p" * 64,
                                  manifest=manifest, changes=[], report={}))
    return number


def test_each_section_is_in_date_order_undated_last_with_page_numbers(world):
    bundle_id = new_bundle(world)
    family_id = family_of(world, bundle_id)
    manager, bundles = world.actor("manager"), world.services.bundles
    ids = [add_document(world, family_id, title, day, pages=pages) for title, day, pages in (
        ("Statement of the father", date(2026, 11, 3), 4),
        ("Undated note of visit", None, 1),
        ("Statement of the social worker", date(2026, 10, 1), 12),
        ("Addendum statement", None, 2),
    )]
    for document_id in ids:
        bundles.place(manager, bundle_id, document_id)
    layout = bundles.layout(manager, bundle_id)
    assert placed(layout, "C") == [
        ("Statement of the social worker", "C1 - C12"),
        ("Statement of the father", "C13 - C16"),
        ("Addendum statement", "C17 - C18"),
        ("Undated note of visit", "C19"),
    ]
    assert layout.total_pages == 19
    assert next(s for s in layout.sections if s.letter == "C").pages == 19
    assert layout.unplaced == ()


def test_a_document_moved_by_hand_keeps_its_place_until_sorted_by_date(world):
    bundle_id = new_bundle(world)
    family_id = family_of(world, bundle_id)
    manager, bundles = world.actor("manager"), world.services.bundles
    early = add_document(world, family_id, "Care plan (interim)", date(2026, 9, 1),
                         DocumentType.CARE_PLAN, pages=2)
    late = add_document(world, family_id, "Care plan (final)", date(2026, 11, 1),
                        DocumentType.CARE_PLAN, pages=5)
    for document_id in (early, late):
        bundles.place(manager, bundle_id, document_id)
    moved = bundles.move(manager, bundle_id, late, "D", 0)
    assert placed(moved, "D") == [("Care plan (final)", "D1 - D5"),
                                  ("Care plan (interim)", "D6 - D7")]
    # A document placed later goes at the end: the order given by hand is not guessed at.
    middle = add_document(world, family_id, "Care plan (revised)", date(2026, 10, 1),
                          DocumentType.CARE_PLAN, pages=1)
    layout = bundles.place(manager, bundle_id, middle)
    assert [t for t, _r in placed(layout, "D")] == [
        "Care plan (final)", "Care plan (interim)", "Care plan (revised)"]
    layout = bundles.sort_by_date(manager, bundle_id, "D")
    assert [t for t, _r in placed(layout, "D")] == [
        "Care plan (interim)", "Care plan (revised)", "Care plan (final)"]
    assert not any(d.placed_by_hand for s in layout.sections for d in s.documents)


def test_moving_into_another_section_and_taking_out(world):
    bundle_id = new_bundle(world)
    family_id = family_of(world, bundle_id)
    manager, bundles = world.actor("manager"), world.services.bundles
    letter = add_document(world, family_id, "Letter before proceedings", date(2026, 9, 3),
                          DocumentType.LETTER, pages=2)
    bundles.place(manager, bundle_id, letter)
    layout = bundles.move(manager, bundle_id, letter, "B")
    assert placed(layout, "B") == [("Letter before proceedings", "B1 - B2")]
    assert placed(layout, "F") == []
    layout = bundles.unplace(manager, bundle_id, letter)
    assert all(not s.documents for s in layout.sections)
    assert [u.title for u in layout.unplaced] == ["Letter before proceedings"]
    with pytest.raises(ValidationFailed, match="has no section Q; its sections are A, B"):
        bundles.place(manager, bundle_id, letter, "Q")


def test_only_the_familys_own_documents_can_be_placed(world):
    bundle_id = new_bundle(world)
    other = add_document(world, world.pre_proceedings(), "Someone else's statement",
                         date(2026, 10, 1))
    with pytest.raises(NotFound, match="no document with id"):
        world.services.bundles.place(world.actor("manager"), bundle_id, other)


def test_placing_twice_is_refused_with_where_it_is(world):
    bundle_id = new_bundle(world)
    document_id = add_document(world, family_of(world, bundle_id), "Statement",
                               date(2026, 10, 1))
    world.services.bundles.place(world.actor("manager"), bundle_id, document_id)
    with pytest.raises(ValidationFailed, match="already in section C"):
        world.services.bundles.place(world.actor("manager"), bundle_id, document_id)


def test_warnings_before_building(world):
    bundle_id = new_bundle(world, page_limit=40)
    family_id = family_of(world, bundle_id)
    manager, bundles = world.actor("manager"), world.services.bundles
    same = hashlib.sha256(b"the same file").hexdigest()
    for title, doc_type, pages, sha, without in (
        ("Statement of the social worker", DocumentType.STATEMENT, 30, None, ()),
        ("Position statement", DocumentType.POSITION_STATEMENT, 2, same, ()),
        ("Position statement (copy)", DocumentType.POSITION_STATEMENT, 2, same, ()),
        ("Scanned letter", DocumentType.LETTER, 3, None, (2, 3)),
        ("Parenting assessment", DocumentType.ASSESSMENT, 9, None, ()),
    ):
        bundles.place(manager, bundle_id, add_document(
            world, family_id, title, date(2026, 10, 1), doc_type, pages, sha, without))
    layout = bundles.layout(manager, bundle_id)
    assert layout.total_pages == 46
    assert layout.warnings == (
        "The documents come to 46 pages; this bundle's limit is 40 (PD27A allows 350 unless "
        "the court agrees more). Take out what the court does not need, or ask the court "
        "first.",
        "“Position statement (copy)” (A3 - A4) is the same file as “Position statement” "
        "(A1 - A2): it is in the bundle twice. Take one of them out.",
        "“Statement of the social worker” has 30 pages; a statement / social work evidence "
        "template (swet) should have at most 25 (PD27A). The court must agree to a longer "
        "one.",
        "“Scanned letter”: pages 2, 3 have no text layer, so they are not checked for "
        "confidential details. Look at them yourself before the bundle is served.",
        "Section B (Applications and orders) is empty.",
        "Section D (Care plans) is empty.",
    )


def test_sections_come_from_the_template_administrators_set(world):
    admin, settings = world.actor("admin"), world.services.settings
    before = settings.current()
    template = (SectionTemplate("A", "Preliminary documents"),
                SectionTemplate("B", "Orders"), SectionTemplate("G", "Police disclosure"))
    old_bundle = new_bundle(world)
    settings.save(admin, replace(before, bundles=BundleSettings(sections=template)))
    try:
        layout = world.services.bundles.layout(world.actor("manager"), new_bundle(world))
        assert [(s.letter, s.title) for s in layout.sections] == [
            ("A", "Preliminary documents"), ("B", "Orders"), ("G", "Police disclosure")]
        # A document whose default section the template lacks goes into the last section.
        document_id = add_document(world, layout.bundle.family_id, "Statement",
                                   date(2026, 10, 1))
        placed_now = world.services.bundles.place(world.actor("manager"),
                                                  layout.bundle.bundle_id, document_id)
        assert placed(placed_now, "G") == [("Statement", "G1 - G3")]
        # A bundle made before keeps the sections it was made with.
        kept = world.services.bundles.layout(world.actor("manager"), old_bundle)
        assert tuple(kept.bundle.sections) == DEFAULT_SECTIONS
    finally:
        settings.save(admin, before)


def test_a_template_with_a_bad_lettering_is_refused(world):
    bad = BundleSettings(sections=(SectionTemplate("A1", "Preliminary"),
                                   SectionTemplate("B", "")))
    problems = replace(world.services.settings.current(), bundles=bad).problems()
    assert "such as G or AA" in problems["bundles.sections.letter1"]
    assert problems["bundles.sections.title2"] == (
        "Give section 2 a title, such as “Other documents”.")


def test_after_issue_placed_documents_are_locked_and_late_ones_go_at_the_end(world):
    bundle_id = new_bundle(world)
    family_id = family_of(world, bundle_id)
    manager, bundles = world.actor("manager"), world.services.bundles
    first = add_document(world, family_id, "Statement of the social worker",
                         date(2026, 10, 1), pages=12)
    second = add_document(world, family_id, "Statement of the mother", date(2026, 11, 1),
                          pages=4)
    for document_id in (first, second):
        bundles.place(manager, bundle_id, document_id)
    number = fake_version(world, bundle_id)
    issued = bundles.issue(manager, bundle_id, number)
    assert issued.issued
    with pytest.raises(ValidationFailed, match="has been issued, so you cannot move it"):
        bundles.move(manager, bundle_id, first, "C", 1)
    with pytest.raises(ValidationFailed, match="so you cannot take it out"):
        bundles.unplace(manager, bundle_id, second)
    # Dated before both, yet it goes at the end: C1 to C16 keep their numbers.
    earliest = add_document(world, family_id, "Statement of the grandmother",
                            date(2026, 9, 1), pages=3)
    layout = bundles.place(manager, bundle_id, earliest)
    assert placed(layout, "C") == [("Statement of the social worker", "C1 - C12"),
                                   ("Statement of the mother", "C13 - C16"),
                                   ("Statement of the grandmother", "C17 - C19")]
    late = next(d for s in layout.sections for d in s.documents if d.document_id == earliest)
    assert late.late and not late.locked
    assert layout.changes == ("Added “Statement of the grandmother” at C17 - C19.",)
    with pytest.raises(ValidationFailed, match="must go after “Statement of the mother”"):
        bundles.move(manager, bundle_id, earliest, "C", 0)
    # Sorting by date leaves the issued pages first.
    layout = bundles.sort_by_date(manager, bundle_id)
    assert [t for t, _r in placed(layout, "C")][-1] == "Statement of the grandmother"
    with pytest.raises(ValidationFailed, match="already issued"):
        bundles.issue(manager, bundle_id, number)


def test_each_placing_is_audited(world):
    bundle_id = new_bundle(world)
    document_id = add_document(world, family_of(world, bundle_id), "Chronology",
                               date(2026, 11, 1), DocumentType.CHRONOLOGY)
    world.services.bundles.place(world.actor("manager"), bundle_id, document_id)
    entry = world.last_audit()
    assert entry.action == "bundle.place"
    assert (entry.entity, entry.entity_id) == ("bundle", bundle_id)
    assert f'"document_id": {document_id}' in entry.after and '"section": "A"' in entry.after


def test_a_hearing_needs_a_court_and_an_aware_time(world):
    family_id = world.pre_proceedings()
    with pytest.raises(ValidationFailed) as refused:
        world.services.bundles.create(world.actor("manager"), family_id, BundleForm(
            " ", "NS26C1", datetime(2026, 12, 8, 10, 30)))
    assert set(refused.value.problems) == {"court", "hearing_at"}
    with world.database.reading() as conn:
        assert conn.execute(select(AuditEntry.id).where(
            AuditEntry.action == "bundle.create", AuditEntry.family_id == family_id)).first() \
            is None


def test_overview_lists_hearings_coming_up_and_bundles_in_progress(world):
    manager, bundles = world.actor("manager"), world.services.bundles
    now = world.services.context.clock.now()
    soon = new_bundle(world, hearing_at=now + timedelta(days=10))
    later = new_bundle(world, hearing_at=now + timedelta(days=40))
    sooner = new_bundle(world, hearing_at=now + timedelta(days=2))
    overview = bundles.overview(manager)
    upcoming = [s.bundle_id for s in overview.upcoming]
    assert upcoming.index(sooner) < upcoming.index(soon)
    assert later not in upcoming
    assert {soon, later, sooner} <= {s.bundle_id for s in overview.in_progress}
    # Who built a version is given by the name on their account, not the user name.
    fake_version(world, soon)
    built = [b for b in bundles.overview(manager).last_built if b.bundle.bundle_id == soon]
    assert [(b.number, b.built_by) for b in built] == [(1, "Morgan Patel")]
    assert [v.built_by_name for v in bundles.versions(manager, soon)] == ["Morgan Patel"]


def test_for_hearing_makes_a_bundle_with_every_document_in_its_default_section(world):
    family_id = world.pre_proceedings()
    add_document(world, family_id, "Care plan", date(2026, 11, 1), DocumentType.CARE_PLAN)
    add_document(world, family_id, "Order", date(2026, 11, 2), DocumentType.ORDER, pages=1)
    manager, bundles = world.actor("manager"), world.services.bundles
    made = bundles.for_hearing(manager, family_id, date(2026, 12, 14))
    assert made.hearing_words == "Mon 14 Dec 2026 at 10:00"
    layout = bundles.layout(manager, made.bundle_id)
    assert placed(layout, "B") == [("Order", "B1")]
    assert placed(layout, "D") == [("Care plan", "D1 - D3")]
    assert bundles.for_hearing(manager, family_id, date(2026, 12, 14)).bundle_id \
        == made.bundle_id
    assert bundles.for_hearing(manager, family_id, None).bundle_id == made.bundle_id

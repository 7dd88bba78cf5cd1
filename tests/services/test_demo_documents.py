"""The app's demo database (`plo-tracker --demo`) opens with documents, a confidential
detail and court bundles, once: opening it again adds nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pikepdf
import pytest
from sqlalchemy import func, select

from plo_tracker.documents.confidential import find_confidential
from plo_tracker.domain.clock import FixedClock
from plo_tracker.session import Location, open_database, open_services
from plo_tracker.storage.engine import sqlite_url
from plo_tracker.storage.models import (
    AuditEntry,
    Bundle,
    BundleItem,
    BundleVersion,
    ConfidentialDetail,
    Document,
)
from tests.support import TODAY
from tests.support.demo_cli import demo_database

pytestmark = pytest.mark.sqlite_only  # the demo is a database file of its own


def _counts(services) -> dict[str, int]:
    with services.context.database.reading() as conn:
        return {model.__tablename__: conn.scalar(select(func.count()).select_from(model))
                for model in (Document, ConfidentialDetail, Bundle, BundleItem, BundleVersion,
                              AuditEntry)}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    location = Location(sqlite_url(folder / "plo-tracker-demo.sqlite3"), demo=True)
    services = open_services(location, FixedClock(TODAY))
    yield folder, location, services
    services.context.database.dispose()


def test_four_families_get_documents_added_by_their_social_worker(demo):
    _folder, _location, services = demo
    manager = services.users.trusted_actor("admin")
    with services.context.database.reading() as conn:
        families = list(conn.scalars(select(Document.family_id).distinct()))
    assert len(families) == 4
    for family_id in families:
        documents = services.documents.list(manager, family_id)
        assert len(documents) >= 3
        assert all(d.source == "demo" and d.page_count >= 1 and not d.pages_without_text
                   for d in documents)
        assert all(d.document_date is not None and d.document_date <= TODAY
                   for d in documents)


def test_one_statement_names_the_address_in_its_familys_register(demo):
    _folder, _location, services = demo
    admin = services.users.trusted_actor("admin")
    with services.context.database.reading() as conn:
        family_id, phrase = conn.execute(select(ConfidentialDetail.family_id,
                                                ConfidentialDetail.phrase)).one()
    statement = next(d for d in services.documents.list(admin, family_id)
                     if d.title == "Social work evidence template")
    hits = find_confidential(services.documents.pdf_path(admin, statement.document_id),
                             [phrase])
    assert hits
    bundle = services.bundles.for_family(admin, family_id)[0]
    found = services.bundles.check(admin, bundle.bundle_id).hits
    assert [hit.document_id for hit in found] == [statement.document_id]


def test_two_bundles_for_hearings_in_the_next_three_weeks_one_built_and_issued(demo):
    folder, _location, services = demo
    admin = services.users.trusted_actor("admin")
    overview = services.bundles.overview(admin)
    assert len(overview.upcoming) == 2
    for bundle in overview.upcoming:
        hearing_day = bundle.hearing_at.date()
        assert date(2026, 11, 26) < hearing_day <= date(2026, 12, 17)  # three weeks
    (built,) = overview.last_built
    assert built.number == 1 and built.issued and built.page_count > 2
    # The position statement was placed after version 1 was issued: a late addition.
    assert built.bundle.waiting == 1
    layout = services.bundles.layout(admin, built.bundle.bundle_id)
    late = [p for section in layout.sections for p in section.documents if p.late]
    assert [p.title for p in late] == ["Position statement of the local authority"]
    copies = sorted((folder / "plo-tracker-demo-bundles").iterdir())
    assert [p.name.endswith(("version 1 (parties' copy).pdf", "version 1.pdf"))
            for p in copies] == [True, True]
    with pikepdf.open(copies[1]) as pdf:
        assert len(pdf.pages) == built.page_count


def test_opening_the_demo_again_adds_nothing(demo):
    _folder, location, services = demo
    before = _counts(services)
    again = open_services(location, FixedClock(TODAY))
    try:
        assert _counts(again) == before
    finally:
        again.context.database.dispose()


def test_demo_databases_made_for_tests_have_no_documents(tmp_path: Path):
    """make_demo_database itself adds none: the tests' many demo databases stay fast."""
    services = open_database(demo_database(tmp_path / "t.sqlite3", 20), tmp_path / "backups")
    try:
        assert _counts(services)["documents"] == 0
    finally:
        services.context.database.dispose()

"""A database with a family, its documents and a court bundle, for the bundle window tests.

Document rows are written straight into the table (with the service tests' helper): placing
needs only the rows. Tests that build a PDF add documents with real files (``add_file``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from plo_tracker.domain.document_types import DocumentType
from plo_tracker.services.actor import Actor
from plo_tracker.services.bundle_views import BundleForm
from tests.services.conftest import World, build_world
from tests.services.test_bundles_build import add_pdf
from tests.services.test_bundles_layout import add_document

HEARING = datetime(2026, 12, 8, 10, 30, tzinfo=UTC)


@dataclass
class BundlesWorld:
    world: World
    family_id: int

    @property
    def services(self):
        return self.world.services

    @property
    def manager(self) -> Actor:
        return self.world.actor("manager")

    def add_document(self, title: str, day: date | None,
                     doc_type: DocumentType = DocumentType.STATEMENT, pages: int = 3) -> int:
        """A document row of the family, with no file (placing never opens one)."""
        return add_document(self.world, self.family_id, title, day, doc_type, pages)

    def new_bundle(self, family_id: int | None = None) -> int:
        return self.services.bundles.create(self.manager, family_id or self.family_id, BundleForm(
            court="Family Court at Northshire", case_number="NS26C00042", hearing_at=HEARING,
            judge="HHJ Marsh")).bundle_id

    def new_family(self) -> int:
        return self.world.pre_proceedings()


def bundles_world_fixture(folder: str):
    """A module-scoped fixture: a demo database of the module's own, in ``folder``."""

    @pytest.fixture(scope="module")
    def fixture(tmp_path_factory: pytest.TempPathFactory, dump_database):
        world = build_world(tmp_path_factory.mktemp(folder), dump_database)
        yield BundlesWorld(world, world.pre_proceedings())
        world.database.dispose()

    return fixture



def add_file(bw: BundlesWorld, title: str, day: date, pages: int,
             doc_type: DocumentType = DocumentType.STATEMENT,
             secret: tuple[int, str] | None = None, path: Path | None = None) -> int:
    """A document with a real file, added through the documents service: pages saying
    "<title> page <n>", and on page ``secret[0]`` the phrase ``secret[1]``."""
    texts = [f"{title} page {number}" + (f"\nThe family now lives at {secret[1]}."
                                         if secret and secret[0] == number else "")
             for number in range(1, pages + 1)]
    return add_pdf(bw.world, bw.family_id, title, texts, doc_type, day, path)

"""A full disk, a read-only folder, a locked database: each refused in words, nothing lost."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import OperationalError

from plo_tracker.services.error_words import DISK_FULL, words_for
from plo_tracker.session import open_database
from plo_tracker.storage.engine import sqlite_url
from plo_tracker.storage.errors import ReadOnlyDatabase

from .safety_helpers import copy_of, fill_the_disk, make_demo_file

# About SQLite files themselves (copies, raw SQL, damage, modes); the team server's
# own cases are in their PostgreSQL tests.
pytestmark = pytest.mark.sqlite_only


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return make_demo_file(tmp_path_factory.mktemp("failures-template"), families=3)


@pytest.fixture
def services(template, tmp_path):
    db = copy_of(template, tmp_path / "data")
    opened = open_database(sqlite_url(db), tmp_path / "data" / "backups")
    yield opened
    opened.context.database.dispose()


def _admin(services):
    return services.users.trusted_actor("admin")


def _notes(services, family_id: int) -> int:
    return len(services.case_detail.family(_admin(services), family_id).notes)


def test_a_full_disk_is_said_in_words_and_the_change_can_be_saved_once_freed(services):
    admin = _admin(services)
    family = services.caseload.families(admin)[0].family_id
    before = _notes(services, family)
    free = fill_the_disk(services.context.database.engine)
    with pytest.raises(OperationalError) as full:
        services.milestones.add_note(admin, family, "A long visit note. " * 1000)
    assert words_for(full.value) == DISK_FULL
    free()
    assert _notes(services, family) == before  # nothing half-written
    services.milestones.add_note(admin, family, "A long visit note. " * 1000)
    assert _notes(services, family) == before + 1


# A database locked by another user's long write: tests/storage/test_lock_wait.py.


def test_a_database_in_a_read_only_folder_refuses_changes_in_words(template, tmp_path):
    db = copy_of(template, tmp_path / "data")
    db.parent.chmod(0o555)
    try:
        services = open_database(sqlite_url(db), tmp_path / "data" / "backups")
        try:
            assert services.backups.has_accounts()  # it can still be read
            assert services.context.database.read_only
            with pytest.raises(ReadOnlyDatabase) as refused, \
                    services.context.database.unit_of_work():
                pass
            assert "can only be read (its folder cannot be written to)" in refused.value.message
            assert "copy it to a folder of your own" in refused.value.message
        finally:
            services.context.database.dispose()
    finally:
        db.parent.chmod(0o755)

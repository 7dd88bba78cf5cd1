"""Two people saving the same family at the same moment, each through their own connection
(two engines, as two desktops have): the second save waits for the first, then is refused
with a conflict, never a silent overwrite. On SQLite and on a PostgreSQL team server."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import select, text

from plo_tracker.domain.clock import FixedClock
from plo_tracker.services.case_base import load_family, touch
from plo_tracker.services.errors import ConflictingEdit
from plo_tracker.services.registry import Services
from plo_tracker.storage import lock_wait
from plo_tracker.storage.engine import make_engine
from plo_tracker.storage.models import Family, Note
from plo_tracker.storage.unit_of_work import Database
from tests.support import TODAY


@pytest.fixture
def other_desktop(world):
    """The same database opened a second time, as another person's desktop opens it."""
    services = Services.build(Database(make_engine(world.url)), FixedClock(TODAY))
    yield services
    services.context.database.dispose()


def _blocked(world, waited: threading.Event) -> bool:
    """True once the other save is held up by the first one's lock."""
    if world.engine.dialect.name == "sqlite":
        return waited.is_set()  # the engine says when a change waits for the file
    with world.engine.connect() as conn:
        return bool(conn.execute(text(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock'")).scalar())


def test_the_second_of_two_saves_at_once_is_refused_and_the_first_is_kept(world,
                                                                         other_desktop):
    family_id = world.pre_proceedings()
    version = world.version(family_id)
    manager = world.actor("manager")
    outcome: dict[str, object] = {}
    waited = threading.Event()
    stop = lock_wait.listen(lambda waiting: waiting and waited.set())

    def second_save() -> None:  # a social worker adds a note, from the form opened at `version`
        try:
            other_desktop.milestones.add_note(manager, family_id, "Second desk's note.",
                                              expected_version=version)
            outcome["second"] = "saved"
        except ConflictingEdit as conflict:
            outcome["second"] = conflict.message

    try:
        with world.database.unit_of_work() as session:  # the first save is under way...
            family = load_family(session, manager, family_id, version)
            second = threading.Thread(target=second_save)
            second.start()
            deadline = time.monotonic() + 15
            while not _blocked(world, waited) and time.monotonic() < deadline:
                time.sleep(0.05)
            assert _blocked(world, waited), "the second save should wait for the first"
            touch(family)  # ...and commits its change while the second one waits
        second.join(30)
    finally:
        stop()
    assert not second.is_alive()
    plo_id = world.services.case_detail.family(manager, family_id).plo_family_id
    assert outcome["second"] == (
        f"Someone else changed family {plo_id} while you were working on it. Your entries "
        "are still in the form: look at the family again, then save.")
    assert world.version(family_id) == version + 1
    with world.database.reading() as conn:
        assert conn.execute(select(Note.id).where(Note.family_id == family_id)).all() == []
        assert conn.execute(select(Family.version).where(Family.id == family_id)).scalar() \
            == version + 1

"""Saving a form while another user's long write holds the database: the form says it is
waiting, then refuses in words and keeps what was typed; never a traceback."""

from __future__ import annotations

import sqlite3

import pytest

from plo_tracker.gui.database_wait import WAITING
from plo_tracker.storage import engine, lock_wait
from plo_tracker.storage.engine import sqlite_path

from .forms_conftest_helpers import build_forms_world, open_form, save, saved

# SQLite's busy wait is what tells the window; a team server refuses after its lock timeout.
pytestmark = pytest.mark.sqlite_only


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(engine, "LOCK_WAIT_SECONDS", 0.8)  # the test's own, short wait
        built = build_forms_world(tmp_path_factory.mktemp("waits"))
    yield built
    built.database.dispose()


@pytest.fixture
def other_connection(world):
    other = sqlite3.connect(sqlite_path(str(world.database.engine.url)), isolation_level=None)
    yield other
    other.close()


def test_a_save_held_up_says_it_is_waiting_then_refuses_keeping_the_entries(
        qtbot, world, other_connection, tmp_path):
    family = world.family()
    dialog = open_form(qtbot, world, "note", family)
    qtbot.keyClicks(dialog.text, "Home visit: Ruby well.")
    other_connection.execute("BEGIN IMMEDIATE")  # another user's long write holds the lock
    shown_while_waiting: list[str] = []

    def look(waiting: bool) -> None:  # listening before the form does: called first
        if not waiting:
            shown_while_waiting.append(dialog.banner.text())
            dialog.grab().save(str(tmp_path / "waiting.png"))

    stop = lock_wait.listen(look)
    try:
        save(qtbot, dialog)
    finally:
        stop()
    assert shown_while_waiting == [WAITING]
    assert WAITING == ("Waiting for the database: someone else is saving a change. Your "
                       "entries are kept; this usually takes a few seconds.")
    assert dialog.banner.text() == (
        "The database is busy with another user's large change, and it was still busy after "
        "1 second. Nothing was changed. Try again in a few minutes; if it keeps happening, "
        "ask your IT service desk who is using it. Your entries are still here.")
    assert not saved(dialog) and dialog.isVisible()
    assert dialog.text.toPlainText() == "Home visit: Ruby well."

    other_connection.execute("COMMIT")  # the other write ends: the same save goes through
    save(qtbot, dialog)
    assert saved(dialog)

"""The window on a damaged or read-only database (a banner saying why, the list still shown),
the daily backup after the first load, and a full disk that keeps what was typed."""

from __future__ import annotations

import os

import pytest
from PySide6.QtWidgets import QLabel, QToolBar

from plo_tracker.gui.application import open_main_window
from plo_tracker.services.actor import SYSTEM
from plo_tracker.services.error_words import DISK_FULL
from plo_tracker.session import open_database
from plo_tracker.storage.backup import DAILY, backups_in
from plo_tracker.storage.engine import sqlite_url
from tests.storage.safety_helpers import (
    copy_of,
    damage,
    fill_the_disk,
    folder_state,
    make_demo_file,
)

from .forms_conftest_helpers import build_forms_world, never_block, open_form, save

# About SQLite files themselves (copies, raw SQL, damage, modes); the team server's
# own cases are in their PostgreSQL tests.
pytestmark = pytest.mark.sqlite_only

SCREENSHOT = os.environ.get("PLO_TRACKER_BANNER_PICTURE")  # to look at it by eye


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return make_demo_file(tmp_path_factory.mktemp("notices-template"), families=40)


def _window(qtbot, services, backups=None):
    window = open_main_window(services, SYSTEM, "This computer", backups, 14)
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    return window


def test_a_damaged_database_shows_its_families_under_a_banner_saying_how_to_restore(
        qtbot, template, tmp_path):
    db = copy_of(template, tmp_path / "data")
    good = copy_of(template, db.parent / "backups", "cases-daily-20261125T180000Z.sqlite3")
    damage(db)
    before = folder_state(db.parent)
    services = open_database(sqlite_url(db), db.parent / "backups")
    try:
        window = _window(qtbot, services, db.parent / "backups")
        qtbot.waitUntil(lambda: not window.is_loading(), timeout=10_000)
        banner = window.findChild(QToolBar, "read_only_banner")
        reason = window.findChild(QLabel, "read_only_reason")
        assert banner is not None and banner.isVisible()
        assert reason.accessibleDescription() == services.context.database.read_only_reason
        assert "is damaged" in reason.text()
        assert f"plo-tracker restore \"{good}\"" in reason.text()
        if SCREENSHOT:
            window.grab().save(SCREENSHOT)
        assert window.windowTitle().endswith("(read only)")
        assert window.families_view.model.rowCount() == 40
        window.close()
    finally:
        services.context.database.dispose()
    assert folder_state(db.parent) == before  # no daily backup, nothing written


def test_the_daily_backup_follows_the_first_load(qtbot, template, tmp_path):
    db = copy_of(template, tmp_path / "data")
    services = open_database(sqlite_url(db), db.parent / "backups")
    try:
        window = _window(qtbot, services, db.parent / "backups")
        assert window.findChild(QToolBar, "read_only_banner") is None
        qtbot.waitUntil(lambda: len(backups_in(db.parent / "backups", DAILY)) == 1,
                        timeout=10_000)
        qtbot.waitUntil(lambda: not window.is_loading(), timeout=10_000)
        window.close()
    finally:
        services.context.database.dispose()


def test_a_full_disk_keeps_the_form_open_with_what_was_typed(qtbot, tmp_path, monkeypatch):
    never_block(monkeypatch)
    world = build_forms_world(tmp_path / "forms")
    try:
        family = world.family()
        free = fill_the_disk(world.database.engine)
        dialog = open_form(qtbot, world, "note", family)
        typed = "Home visit: Ruby well, school attendance up. " * 300
        dialog.text.setPlainText(typed)
        save(qtbot, dialog)
        assert dialog.banner.text() == f"{DISK_FULL} Your entries are still here."
        assert dialog.isVisible() and dialog.text.toPlainText() == typed
        free()
        save(qtbot, dialog)  # space freed: the same entries save
        assert not dialog.isVisible()
        assert world.detail(family).notes[0].text == typed.strip()
    finally:
        world.database.dispose()

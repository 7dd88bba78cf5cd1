"""Letters for many families: made in the background, written to a folder, or cancelled."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from plo_tracker.domain.clock import FixedClock
from plo_tracker.domain.letter_types import LetterType
from plo_tracker.domain.stages import Stage
from plo_tracker.gui.letters.batch_dialog import BatchLettersDialog
from plo_tracker.services.actor import SYSTEM
from plo_tracker.services.demo_data import DemoDataService
from plo_tracker.services.registry import Services
from plo_tracker.storage.engine import sqlite_url
from plo_tracker.storage.schema import prepare_database
from plo_tracker.storage.unit_of_work import Database

WAIT = 20_000


@pytest.fixture
def services(tmp_path: Path):
    engine = prepare_database(sqlite_url(tmp_path / "letters.sqlite3"), tmp_path / "backups")
    built = Services.build(Database(engine), FixedClock(date(2026, 11, 26)))
    built.templates.load_defaults()
    DemoDataService(built.context).generate(SYSTEM, 30, seed=1)
    yield built
    engine.dispose()


@pytest.fixture
def admin(services):
    return services.users.sign_in("admin")


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "letters out"
    folder.mkdir()
    return folder


def open_batch(qtbot, services, actor, folder: Path) -> BatchLettersDialog:
    dialog = BatchLettersDialog(services, actor)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.model.total() > 0, timeout=WAIT)
    dialog.folder.setText(str(folder))
    return dialog


def kept(services, actor) -> int:
    return sum(len(services.letters.generated(actor, f.family_id))
               for f in services.caseload.families(actor))


def test_families_are_found_by_search_and_stage(qtbot, services, admin, out):
    dialog = open_batch(qtbot, services, admin, out)
    dialog.set_letter_type(LetterType.STEP_DOWN)  # shows the families that stepped down
    stepped_down = [f for f in services.caseload.families(admin)
                    if f.stage is Stage.STEPPED_DOWN]
    assert dialog.model.rowCount() == len(stepped_down)
    dialog.select_shown.click()
    assert dialog.chosen_label.text() == f"{len(stepped_down)} families chosen"
    family = stepped_down[0]
    dialog.search.setText(family.surname.lower())
    assert family.family_id in [f.family_id for f in dialog.model.shown()]
    dialog.clear_shown.click()
    # Clearing the shown families keeps the ticks of those the search hides.
    hidden_chosen = len(stepped_down) - len(dialog.model.shown())
    assert len(dialog.model.chosen()) == hidden_chosen
    dialog.search.setText("no family is called this")
    assert dialog.model.rowCount() == 0
    assert not dialog.empty.isHidden() and "No families match" in dialog.empty.text()
    dialog.set_stage(None)
    dialog.search.clear()
    assert dialog.model.rowCount() == len(services.caseload.families(admin))


def test_a_batch_writes_one_pdf_to_print_and_a_file_per_letter(qtbot, services, admin, out):
    dialog = open_batch(qtbot, services, admin, out)
    dialog.set_letter_type(LetterType.LBP)
    shown = dialog.model.shown()
    assert shown and all(f.stage is Stage.PRE_PROCEEDINGS for f in shown)
    dialog.select_shown.click()
    assert dialog.generate_button.isEnabled()
    with qtbot.waitSignal(dialog.finished_batch, timeout=WAIT) as finished:
        qtbot.mouseClick(dialog.generate_button, Qt.MouseButton.LeftButton)
        assert dialog.is_running() and not dialog.cancel_button.isHidden()
        assert not dialog.close_button.isEnabled()
    result = finished.args[0]
    assert not result.cancelled and result.letters
    written = dialog.written
    assert written is not None and written.problem is None
    assert written.combined is not None and written.combined.parent == out
    assert written.combined.read_bytes() == result.combined
    assert sorted(p.name for p in written.letters) == sorted(
        view.file_name for view, _pdf in result.letters)
    assert len(list(out.iterdir())) == len(result.letters) + 1
    assert f"{len(result.letters)} letters made and kept" in dialog.status.text()
    assert written.combined.name in dialog.status.text()
    # Families missing something are named with the reason, not silently dropped.
    assert [who for who, _why in dialog.skipped_model.rows()] == [
        who for who, _why in result.skipped]
    assert result.skipped and all(why for _who, why in result.skipped)
    assert not dialog.skipped.isHidden()
    assert kept(services, admin) == len(result.letters)
    assert dialog.progress.isHidden() and dialog.generate_button.isEnabled()


def test_cancel_keeps_nothing_and_says_so(qtbot, services, admin, out):
    dialog = open_batch(qtbot, services, admin, out)
    dialog.set_letter_type(LetterType.LBP)
    dialog.select_shown.click()
    with qtbot.waitSignal(dialog.finished_batch, timeout=WAIT) as finished:
        dialog.generate_button.click()
        dialog.cancel_button.click()
        assert "Cancelling" in dialog.status.text()
    assert finished.args[0].cancelled
    assert "No letters were kept" in dialog.status.text()
    assert list(out.iterdir()) == []
    assert kept(services, admin) == 0
    assert dialog.generate_button.isEnabled()


def test_a_folder_that_does_not_exist_is_refused(qtbot, services, admin, out):
    dialog = open_batch(qtbot, services, admin, out / "missing")
    dialog.select_shown.click()
    assert "does not exist" in dialog.folder_problem.text()
    assert not dialog.generate_button.isEnabled()


def test_only_administrators_make_batches(qtbot, services, out):
    worker = services.users.sign_in("socialworker")
    dialog = open_batch(qtbot, services, worker, out)
    dialog.select_shown.click()
    assert not dialog.generate_button.isEnabled()
    assert "Only administrators" in dialog.status.text()

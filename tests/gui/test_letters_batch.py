"""Letters for many families: made in the background, written to a folder, or cancelled."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from plo_tracker.domain.letter_types import LetterType
from plo_tracker.domain.stages import Stage
from plo_tracker.gui.letters.batch_dialog import BatchLettersDialog, documents_folder

from .letters_conftest_helpers import letters_admin, letters_services  # noqa: F401 - fixtures

WAIT = 20_000


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "letters out"
    folder.mkdir()
    return folder


@pytest.fixture(autouse=True)
def _no_folder_remembered(monkeypatch):
    """No batch made yet in this run of the app (a batch remembers its folder for the next)."""
    monkeypatch.setattr(BatchLettersDialog, "last_folder", None)


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
    assert written is not None and dialog.write_problem is None
    assert written.combined is not None and written.combined.path.parent == out
    assert written.combined.path.read_bytes() == result.combined
    assert [f.path.name for f in written.letters] == [
        view.file_name for view, _pdf in result.letters]
    assert len(list(out.iterdir())) == len(result.letters) + 1
    assert f"{len(result.letters)} letters made and kept" in dialog.status.text()
    # What was written is listed by name, in the same words the command line prints.
    assert dialog.results.files_listed() == [f.describe() for f in written.files()]
    assert dialog.results.files_listed()[-1] == (
        f"{written.combined.path.name}: all {len(result.letters)} letters in one file, to print")
    # Families missing something are named with the reason, not silently dropped.
    assert [who for who, _why in dialog.results.skipped_model.rows()] == [
        who for who, _why in result.skipped]
    assert result.skipped and all(why for _who, why in result.skipped)
    assert not dialog.results.isHidden()
    assert dialog.results.tabText(1) == f"Left out ({len(result.skipped)})"
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
    worker = services.users.trusted_actor("socialworker")
    dialog = open_batch(qtbot, services, worker, out)
    dialog.select_shown.click()
    assert not dialog.generate_button.isEnabled()
    assert "Only administrators" in dialog.status.text()


def run_batch(qtbot, dialog: BatchLettersDialog):
    with qtbot.waitSignal(dialog.finished_batch, timeout=WAIT) as finished:
        qtbot.mouseClick(dialog.generate_button, Qt.MouseButton.LeftButton)
    return finished.args[0]


def test_a_second_batch_into_the_same_folder_replaces_nothing(qtbot, services, admin, out):
    dialog = open_batch(qtbot, services, admin, out)
    dialog.set_letter_type(LetterType.LBP)
    dialog.select_shown.click()
    run_batch(qtbot, dialog)
    first = dialog.written
    assert first is not None and first.combined is not None
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    run_batch(qtbot, dialog)
    second = dialog.written
    assert second is not None and second.combined is not None
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.name in before} == before
    assert second.combined.path.name == f"{first.combined.path.stem} (2).pdf"
    assert len(list(out.iterdir())) == 2 * len(before)
    assert "left as it was" in dialog.status.text()
    assert dialog.results.files_listed()[-1].endswith(
        f"({first.combined.path.name} was already in the folder and is left as it was)")


def test_a_folder_gone_before_the_letters_are_written_is_said_in_words(
        qtbot, services, admin, out):
    dialog = open_batch(qtbot, services, admin, out)
    dialog.set_letter_type(LetterType.LBP)
    dialog.select_shown.click()
    with qtbot.waitSignal(dialog.finished_batch, timeout=WAIT) as finished:
        dialog.generate_button.click()
        out.rmdir()  # the letters take far longer to make than this takes
    made = len(finished.args[0].letters)
    assert made and dialog.written is None and dialog.write_problem is not None
    assert dialog.status.text() == (
        f"{made} letters made and kept with the families' records. The letters could not be "
        f"saved in the folder {out.name}: the folder does not exist. They are kept with each "
        "family's record, so nothing is lost: choose another folder, or save copies from each "
        "family's letters.")
    assert dialog.open_folder.isHidden()
    assert kept(services, admin) == made


@pytest.fixture
def chooser(monkeypatch) -> list[str]:
    """The folder each "Choose…" opens on; the chooser itself answers "cancel"."""
    opened: list[str] = []

    def choose(_parent, _title, start, *args, **kwargs) -> str:
        opened.append(start)
        return ""

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", choose)
    return opened


@pytest.fixture
def fresh_home(monkeypatch, tmp_path) -> Path:
    """A home folder of the test's own, where the system looks for Documents."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("USERPROFILE", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return home


def documents_or_home(home: Path) -> Path:
    documents = Path(documents_folder())
    return documents if documents.is_dir() else home


def test_the_folder_chooser_opens_on_the_last_folder_used(qtbot, services, admin, out, chooser):
    dialog = open_batch(qtbot, services, admin, out)
    dialog.set_letter_type(LetterType.LBP)
    dialog.select_shown.click()
    run_batch(qtbot, dialog)
    again = BatchLettersDialog(services, admin)
    qtbot.addWidget(again)
    assert again.folder.text() == str(out)
    again.folder.setText(str(out / "not made yet"))
    qtbot.mouseClick(again.choose_folder, Qt.MouseButton.LeftButton)
    assert chooser == [str(out)]


@pytest.mark.parametrize("with_documents", [True, False])
def test_the_folder_chooser_never_opens_on_a_missing_folder(
        qtbot, services, admin, out, chooser, fresh_home, with_documents):
    if with_documents:
        Path(documents_folder()).mkdir(parents=True, exist_ok=True)
    BatchLettersDialog.last_folder = out / "deleted since"  # used earlier, then removed
    dialog = open_batch(qtbot, services, admin, out / "typed but missing")
    expected = documents_or_home(fresh_home)
    qtbot.mouseClick(dialog.choose_folder, Qt.MouseButton.LeftButton)
    assert chooser == [str(expected)]
    fresh = BatchLettersDialog(services, admin)
    qtbot.addWidget(fresh)
    assert fresh.folder.text() == str(expected)

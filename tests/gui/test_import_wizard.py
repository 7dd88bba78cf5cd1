"""The import wizard driven as an administrator would: choose a file, read the problems by
row and column, save them, fix the file, check again, import, open the families list."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QWizard

from plo_tracker.gui.importing.import_wizard import PAGE_DONE, PAGE_PREVIEW, ImportWizard
from plo_tracker.gui.main_window import MainWindow
from tests.services.test_import import family_rows
from tests.support.import_files import write_csv

WAIT = 20_000


def _texts(table) -> list[tuple[str, ...]]:
    return [tuple(table.item(r, c).text() for c in range(table.columnCount()))
            for r in range(table.rowCount())]


def test_a_user_fixes_the_file_and_imports_it(qtbot, gui_data, tmp_path):
    wizard = ImportWizard(gui_data.services, gui_data.admin)
    qtbot.addWidget(wizard)
    wizard.show()
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert not next_button.isEnabled()  # no file yet

    rows = family_rows("WIZ-0001", SocialWorker=None)
    rows[1]["PPStartDate"] = "31/02/2026"
    path = write_csv(tmp_path / "council.csv", rows)
    wizard.file_page.path_edit.setText(str(path))
    next_button.click()
    assert wizard.currentId() == PAGE_PREVIEW
    page = wizard.preview_page
    qtbot.waitUntil(lambda: page.preview is not None, timeout=WAIT)
    assert page.summary.text() == ("The file has 2 rows; the families without problems hold "
                                   "0 families, 0 children, 0 adults, 0 episodes.")
    assert page.verdict.text().startswith("1 problem to fix. Nothing is imported")
    assert _texts(page.table) == [
        ("3", "PPStartDate", "'31/02/2026' is not a date; write it as dd/mm/yyyy")]
    commit = wizard.button(QWizard.WizardButton.CommitButton)
    assert commit.text() == "Import" and not commit.isEnabled()

    page.save_problems_to(tmp_path / "problems.csv")
    saved = (tmp_path / "problems.csv").read_text(encoding="utf-8-sig").splitlines()
    assert saved[1] == "3,PPStartDate,'31/02/2026' is not a date; write it as dd/mm/yyyy,error"

    write_csv(path, family_rows("WIZ-0001", SocialWorker=None))  # fixed in the spreadsheet
    page.again_button.click()
    qtbot.waitUntil(lambda: page.preview is not None, timeout=WAIT)
    assert _texts(page.table) == []
    assert page.verdict.text().startswith("No problems: press Import")
    assert commit.isEnabled()
    commit.click()
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_DONE, timeout=WAIT)
    assert wizard.done_page.message.text().startswith("1 family added from council.csv (2 rows")
    assert wizard.import_page.step.text() == "Finished."

    wizard.done_page.open_button.click()
    assert wizard.open_families and wizard.result() == QWizard.DialogCode.Accepted
    ids = {f.plo_family_id for f in gui_data.families()}
    assert "WIZ-0001" in ids


def test_a_blank_template_is_saved_from_the_first_page(qtbot, gui_data, tmp_path):
    wizard = ImportWizard(gui_data.services, gui_data.admin)
    qtbot.addWidget(wizard)
    wizard.file_page.save_template_to(tmp_path / "template.csv")
    assert (tmp_path / "template.csv").read_text(encoding="utf-8-sig").startswith(
        "LAchildID,EpisodeID,PLOFamilyID,PPStartDate,")
    assert wizard.file_page.message.text().startswith("Blank template saved as template.csv")


def test_a_file_that_cannot_be_read_says_so(qtbot, gui_data, tmp_path):
    wizard = ImportWizard(gui_data.services, gui_data.admin)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path_edit.setText(str(tmp_path / "plo.xls"))
    wizard.button(QWizard.WizardButton.NextButton).click()
    qtbot.waitUntil(lambda: not wizard.preview_page.is_checking(), timeout=WAIT)
    assert wizard.preview_page.summary.text().startswith(
        "The file could not be checked. 'plo.xls' is not a .csv or .xlsx file.")
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()


@pytest.mark.parametrize(("who", "offered"), [("admin", True), ("sam", False)])
def test_the_menu_item_is_offered_only_to_administrators(qtbot, gui_data, who, offered):
    actor = {"admin": gui_data.admin, "sam": gui_data.sam}[who]
    window = MainWindow(gui_data.services, actor, "This computer")
    qtbot.addWidget(window)
    assert window.import_action.isVisible() is offered
    assert window.import_action.text() == "&Import from a spreadsheet…"
    QThreadPool.globalInstance().waitForDone(WAIT)

"""The Documents tab as a user drives it: adding files through the dialog (refused, cancelled),
changing details, opening, removing, adding a letter, and what a read-only role sees."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from plo_tracker.domain.document_types import DocumentType
from plo_tracker.domain.letter_types import LetterType
from plo_tracker.gui.case_tabs import documents_tab
from plo_tracker.gui.case_tabs.record_table import RecordTableModel
from plo_tracker.gui.case_workspace import CaseWorkspace
from plo_tracker.gui.documents.add_document_dialog import AddDocumentDialog, title_from_name
from plo_tracker.gui.documents.document_rows import NOT_CHECKED, document_columns
from plo_tracker.gui.documents.document_viewer import DocumentViewer
from plo_tracker.gui.documents.edit_document_dialog import EditDocumentDialog
from plo_tracker.gui.documents.kept_letters_dialog import KeptLettersDialog
from plo_tracker.services.actor import Actor
from plo_tracker.services.demo_data import DemoDataService
from plo_tracker.services.document_views import DocumentForm
from tests.gui.documents_world import DocumentsWorld, build_documents_world, make_pdf
from tests.gui.letters_conftest_helpers import ready_family
from tests.support import open_test_database

WAIT = 20_000  # intake runs qpdf and PDFium: generous on a busy machine


@pytest.fixture
def world(tmp_path: Path):
    built = build_documents_world(tmp_path)
    yield built
    built.services.context.database.dispose()


def open_tab(qtbot, world: DocumentsWorld, actor: Actor | None = None):
    workspace = CaseWorkspace(world.services, actor or world.sam, world.family_id)
    qtbot.addWidget(workspace)
    workspace.resize(1366, 768)
    workspace.show()
    qtbot.waitExposed(workspace)
    qtbot.waitUntil(lambda: not workspace.is_loading(), timeout=WAIT)
    workspace.tabs.setCurrentWidget(workspace.documents_tab)
    return workspace, workspace.documents_tab


def texts(tab, header: str) -> list[str]:
    model = tab.model
    number = model.column_of(header)
    return [model.text(row, number) for row in range(model.rowCount())]


def add_through_service(world: DocumentsWorld, name: str, title: str,
                        kind: DocumentType = DocumentType.ASSESSMENT):
    pdf = make_pdf(world.folder / name, title, "Prepared for the court.")
    return world.services.documents.add_file(
        world.sam, world.family_id, pdf, DocumentForm(title, date(2026, 10, 1), "Sam Okafor",
                                                      kind))


def open_add_dialog(qtbot, workspace, tab) -> AddDocumentDialog:
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    dialog = workspace.findChild(AddDocumentDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_a_pdf_added_through_the_dialog_appears_in_the_tab(qtbot, world):
    workspace, tab = open_tab(qtbot, world)
    assert tab.table.is_empty()
    assert tab.table.empty_label.text() == documents_tab.EMPTY_EDITOR
    pdf = make_pdf(world.folder / "care_plan_for-Ruby.pdf", "Care plan for Ruby Smith", pages=3)
    dialog = open_add_dialog(qtbot, workspace, tab)
    assert not dialog.add_button.isEnabled()  # no file chosen yet
    dialog.files.set_paths([pdf])  # what the file dialog gives back
    assert dialog.details.title.text() == "Care plan for Ruby"
    dialog.details.doc_type.setCurrentIndex(
        dialog.details.doc_type.findData(DocumentType.CARE_PLAN.value))
    assert dialog.details.section.currentData() == "D"  # the section follows the type
    qtbot.keyClicks(dialog.details.date.edit, "03/03/2026")
    qtbot.keyClicks(dialog.details.author, "Sam Okafor")
    with qtbot.waitSignal(workspace.loaded, timeout=WAIT):
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert texts(tab, "Title") == ["Care plan for Ruby"]
    assert texts(tab, "Date") == ["Tue 3 Mar 2026"]
    assert texts(tab, "Type") == ["Care plan"]
    assert texts(tab, "Section") == ["D"]
    assert texts(tab, "Pages") == ["3"]
    assert texts(tab, "Author") == ["Sam Okafor"]
    assert texts(tab, "Added by")[0].startswith("Sam Okafor, ")
    assert texts(tab, "Notes") == [""]  # a text layer on every page, nothing mended
    assert workspace.tabs.tabText(workspace.tabs.indexOf(tab)) == "Documents (1)"
    assert tab.status.text().startswith("Added “Care plan for Ruby” dated Tue 3 Mar 2026: "
                                        "3 pages, in section D.")


def test_a_refused_file_is_named_under_the_file_field_and_the_title_is_kept(qtbot, world):
    workspace, tab = open_tab(qtbot, world)
    fake = world.folder / "minutes.pdf"
    fake.write_text("These are the minutes, typed in a text editor.\n")
    dialog = open_add_dialog(qtbot, workspace, tab)
    dialog.files.set_paths([fake])
    dialog.details.title.selectAll()
    qtbot.keyClicks(dialog.details.title, "Minutes of the review meeting")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=WAIT)
    shown = dialog.fields.shown_problems()
    assert "minutes.pdf" in shown["file"]
    assert dialog.isVisible()
    assert dialog.details.title.text() == "Minutes of the review meeting"
    assert not dialog.add_button.isEnabled()  # until another file is chosen
    dialog.files.set_paths([make_pdf(world.folder / "real.pdf", "Minutes")])
    assert "file" not in dialog.fields.shown_problems()
    assert dialog.details.title.text() == "Minutes of the review meeting"  # still theirs
    assert world.services.documents.list(world.sam, world.family_id) == ()


def test_several_files_take_their_titles_from_their_names(qtbot, world):
    workspace, tab = open_tab(qtbot, world)
    dialog = open_add_dialog(qtbot, workspace, tab)
    qtbot.keyClicks(dialog.details.title, "Typed title")
    first = make_pdf(world.folder / "viability_assessment.pdf", "Viability")
    second = make_pdf(world.folder / "dna-test-result.pdf", "DNA")
    dialog.files.set_paths([first, second])
    assert not dialog.details.title.isEnabled() and dialog.details.title.text() == ""
    assert dialog.several_note.isVisibleTo(dialog)
    dialog.files.set_paths([first])  # back to one file: what was typed comes back
    assert dialog.details.title.text() == "Typed title"
    dialog.files.set_paths([first, second])
    assert dialog.add_button.isEnabled()
    with qtbot.waitSignal(dialog.finished, timeout=WAIT):
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.count() == 2, timeout=WAIT)
    assert sorted(texts(tab, "Title")) == ["Dna test result", "Viability assessment"]


def test_cancel_while_the_file_goes_in_leaves_no_document(qtbot, world, monkeypatch):
    workspace, tab = open_tab(qtbot, world)
    real = world.services.documents.add_file
    reached, go_on = threading.Event(), threading.Event()

    def held(actor, family_id, path, form, *, progress=None, cancelled=None):
        # Hold the intake at its first report until the test has pressed Cancel.
        def report(*args):
            progress(*args)
            reached.set()
            go_on.wait(WAIT / 1000)
        return real(actor, family_id, path, form, progress=report, cancelled=cancelled)

    monkeypatch.setattr(world.services.documents, "add_file", held)
    dialog = open_add_dialog(qtbot, workspace, tab)
    dialog.files.set_paths([make_pdf(world.folder / "statement.pdf", "Statement")])
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(reached.is_set, timeout=WAIT)
    assert dialog.is_running() and dialog.progress_bar.isVisible()
    assert dialog.cancel_button.text() == "Cancel adding"
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    go_on.set()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=WAIT)
    assert "cancelled" in dialog.progress_label.text().lower()
    assert dialog.isVisible() and dialog.details.title.text() == "Statement"
    assert world.services.documents.list(world.sam, world.family_id) == ()


def test_edit_details_and_remove_with_confirmation(qtbot, world, monkeypatch):
    add_through_service(world, "report.pdf", "Parenting assessment")
    workspace, tab = open_tab(qtbot, world)
    tab.view.selectRow(0)
    qtbot.mouseClick(tab.edit_button, Qt.MouseButton.LeftButton)
    edit = workspace.findChild(EditDocumentDialog)
    edit.details.title.selectAll()
    qtbot.keyClicks(edit.details.title, "Parenting assessment of the mother")
    with qtbot.waitSignal(workspace.loaded, timeout=WAIT):
        qtbot.mouseClick(edit.save_button, Qt.MouseButton.LeftButton)
    assert texts(tab, "Title") == ["Parenting assessment of the mother"]

    asked: list[str] = []

    def answer(box: QMessageBox) -> int:
        asked.append(box.text())
        return QMessageBox.StandardButton.Yes.value

    monkeypatch.setattr(QMessageBox, "exec", answer)
    tab.view.selectRow(0)
    with qtbot.waitSignal(workspace.loaded, timeout=WAIT):
        qtbot.mouseClick(tab.remove_button, Qt.MouseButton.LeftButton)
    assert asked == ["Remove “Parenting assessment of the mother” dated Thu 1 Oct 2026 from "
                     "this family's documents?"]
    assert tab.table.is_empty()
    assert tab.status.text().startswith("Removed “Parenting assessment of the mother”")


def test_keeping_the_document_when_asked_removes_nothing(qtbot, world, monkeypatch):
    add_through_service(world, "report.pdf", "Parenting assessment")
    _workspace, tab = open_tab(qtbot, world)
    monkeypatch.setattr(QMessageBox, "exec", lambda _box: QMessageBox.StandardButton.No.value)
    tab.view.selectRow(0)
    qtbot.mouseClick(tab.remove_button, Qt.MouseButton.LeftButton)
    assert texts(tab, "Title") == ["Parenting assessment"]
    assert len(world.services.documents.list(world.sam, world.family_id)) == 1


def test_a_refusal_is_said_in_words(qtbot, world, monkeypatch):
    document = add_through_service(world, "report.pdf", "Parenting assessment")
    _workspace, tab = open_tab(qtbot, world)
    # Someone else removes it while this tab still shows it.
    world.services.documents.remove(world.admin, document.document_id)
    monkeypatch.setattr(QMessageBox, "exec", lambda _box: QMessageBox.StandardButton.Yes.value)
    tab.view.selectRow(0)
    qtbot.mouseClick(tab.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "not removed" in tab.status.text(), timeout=WAIT)
    assert tab.status.text() == (f"The document was not removed. There is no document with id "
                                 f"{document.document_id}.")


def test_another_teams_family_offers_no_changes_and_says_why(qtbot, world):
    add_through_service(world, "report.pdf", "Parenting assessment")
    _workspace, tab = open_tab(qtbot, world, world.kim)
    tab.view.selectRow(0)
    for button in (tab.add_button, tab.letter_button, tab.edit_button, tab.remove_button):
        assert button.isVisible() and not button.isEnabled()
        assert button.toolTip().startswith("This family is held by the North team")
    assert tab.open_button.isEnabled()  # reading it is still allowed


def test_open_shows_the_pdf_and_saves_a_copy(qtbot, world, tmp_path, monkeypatch):
    add_through_service(world, "report.pdf", "Parenting assessment")
    workspace, tab = open_tab(qtbot, world)
    tab.view.selectRow(0)
    qtbot.mouseClick(tab.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(tab.viewers) == 1, timeout=WAIT)
    viewer = tab.viewers[0]
    assert isinstance(viewer, DocumentViewer)
    qtbot.waitUntil(lambda: viewer.preview.page_count() == 1, timeout=WAIT)
    target = tmp_path / "copy.pdf"
    monkeypatch.setattr(documents_tab, "choose_copy_path", lambda _parent, _document: target)
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.status.text().startswith("Saved a copy"), timeout=WAIT)
    assert target.read_bytes().startswith(b"%PDF")
    viewer.close()


def test_a_letter_is_added_to_the_documents_in_one_step(qtbot, tmp_path):
    # Letters need a council, a signatory and a plan: the demo data has families ready.
    services = open_test_database(tmp_path / "demo", "demo")
    DemoDataService(services.context).make_demo_database(30, seed=1)
    admin = services.users.trusted_actor("admin")
    family_id = ready_family(services, admin)
    letter = services.letters.generate(admin, family_id, LetterType.LBP)[0]
    workspace = CaseWorkspace(services, admin, family_id)
    qtbot.addWidget(workspace)
    qtbot.waitUntil(lambda: not workspace.is_loading(), timeout=WAIT)
    tab = workspace.documents_tab
    before = tab.count()
    qtbot.mouseClick(tab.letter_button, Qt.MouseButton.LeftButton)
    dialog = workspace.findChild(KeptLettersDialog)
    letters = dialog.letters
    qtbot.waitUntil(lambda: bool(letters.letters()), timeout=WAIT)
    letters.select(letter.letter_id)
    with qtbot.waitSignal(workspace.loaded, timeout=WAIT):
        qtbot.mouseClick(letters.file_button, Qt.MouseButton.LeftButton)
    assert letters.status.text() == (
        f"Added to the family's documents as “Letter before proceedings to "
        f"{letter.recipient_name}”, in bundle section F. It is listed on the family's "
        "Documents tab.")
    assert tab.count() == before + 1
    assert texts(tab, "Title").count(f"Letter before proceedings to {letter.recipient_name}") == 1
    # A second time is refused, in words.
    qtbot.mouseClick(letters.file_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "already among" in letters.status.text(), timeout=WAIT)
    dialog.close()
    services.context.database.dispose()


def test_a_read_only_role_sees_no_add_and_cannot_open(qtbot, world):
    add_through_service(world, "report.pdf", "Parenting assessment")
    _workspace, tab = open_tab(qtbot, world, world.reader)
    assert texts(tab, "Title") == ["Parenting assessment"]
    for button in (tab.add_button, tab.letter_button, tab.edit_button, tab.remove_button,
                   tab.open_button, tab.save_button, tab.register_button):
        assert not button.isVisibleTo(tab)
    tab.view.selectRow(0)
    tab.open_selected()  # Enter on a row: nothing happens for this role
    assert tab.viewers == []


def test_an_empty_tab_for_a_reader_says_so_plainly(qtbot, world):
    _workspace, tab = open_tab(qtbot, world, world.reader)
    assert tab.table.empty_label.text() == documents_tab.EMPTY_READER


def test_title_from_a_file_name():
    assert title_from_name(Path("care_plan-v2.pdf")) == "Care plan v2"
    assert title_from_name(Path("SWET final.docx")) == "SWET final"
    assert title_from_name(Path("2026-03-03 minutes.pdf")) == "2026 03 03 minutes"


def test_document_table_model_keeps_qts_contract(qtbot, world, qtmodeltester):
    first = add_through_service(world, "a.pdf", "Viability assessment")
    second = world.services.documents.add_file(
        world.sam, world.family_id, world.folder / "a.pdf",
        DocumentForm("Viability assessment (copy)", None, None, DocumentType.OTHER))
    titles = {first.document_id: first.title, second.document_id: second.title}
    model: RecordTableModel = RecordTableModel(document_columns(titles))
    qtmodeltester.check(model)
    listed = {d.title: d for d in world.services.documents.list(world.sam, world.family_id)}
    # A scan OCR could not read, and a file that had to be mended.
    scanned = replace(listed["Viability assessment"], pages_without_text=(2, 5), repaired=True)
    model.set_records([scanned, listed["Viability assessment (copy)"]])
    qtmodeltester.check(model)
    notes = {model.text(row, 1): model.text(row, model.column_of("Notes"))
             for row in range(model.rowCount())}
    assert notes == {
        "Viability assessment": (
            f"{NOT_CHECKED} (pages 2 and 5); Repaired: the file was damaged and has been "
            "mended; Same file as “Viability assessment (copy)”"),
        "Viability assessment (copy)": "Same file as “Viability assessment”",
    }
    assert model.index(0, 1).data(Qt.ItemDataRole.DecorationRole) is not None
    assert "Added from the file a.pdf (PDF)." in model.index(0, 1).data(
        Qt.ItemDataRole.ToolTipRole)

"""The template editor and the letterhead: refusals with reasons, versions, and what letters use."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from plo_tracker.domain.letter_types import LetterType
from plo_tracker.gui.letters.family_letters_dialog import FamilyLettersDialog
from plo_tracker.gui.letters.letterhead_dialog import LetterheadDialog
from plo_tracker.gui.letters.template_editor import SAMPLE, TemplateEditorDialog
from plo_tracker.gui.letters.template_text_edit import TemplateTextEdit

from .letters_conftest_helpers import (  # noqa: F401 - fixtures
    letters_admin,
    letters_services,
    ready_family,
)

WAIT = 10_000


def open_editor(qtbot, services, actor) -> TemplateEditorDialog:
    editor = TemplateEditorDialog(services, actor)
    qtbot.addWidget(editor)
    with qtbot.waitSignal(editor.preview_shown, timeout=WAIT):
        editor.show()
    return editor


def test_a_broken_template_is_refused_with_its_line(qtbot, services, admin):
    editor = open_editor(qtbot, services, admin)
    assert editor.preview.page_count() > 0  # the current template, filled in for the sample
    lines = editor.source().splitlines()
    lines[4] = "Dear {{ recipient.nickname }}"
    editor.editor.setPlainText("\n".join(lines))
    assert editor.is_changed()
    editor.save_button.click()
    assert editor.note_dialog is None  # nothing is asked, because nothing can be saved
    assert editor.problem.text().startswith("Line 5: ")
    assert "nickname" in editor.problem.text()
    assert editor.editor.line() == 5
    assert editor.go_to_problem.text() == "Go to line 5"
    assert len(services.templates.versions(LetterType.LBP)) == 1
    # The live preview says the same, in place of the letter.
    with qtbot.waitSignal(editor.preview_shown, timeout=WAIT):
        editor.refresh_preview()
    assert "Line 5" in editor.preview.message.text()


def test_a_good_template_is_saved_as_a_new_version_and_can_be_restored(qtbot, services, admin):
    editor = open_editor(qtbot, services, admin)
    first = services.templates.current(LetterType.LBP)
    editor.editor.setPlainText(first.source + "\nWe look forward to working with you.\n")
    assert editor.check()
    editor.save_button.click()
    note = editor.note_dialog
    assert note is not None and not note.save_button.isEnabled()  # a note is required
    note.note.setPlainText("Added a closing sentence.")
    with qtbot.waitSignals([editor.saved, editor.versions_loaded], timeout=WAIT):
        note.save_button.click()
    versions = services.templates.versions(LetterType.LBP)
    assert [v.version for v in versions] == [first.version + 1, first.version]
    assert versions[0].note == "Added a closing sentence."
    assert versions[0].created_by == "admin"
    assert editor.versions_model.rowCount() == 2
    assert not editor.is_changed()
    assert f"Saved as version {first.version + 1}" in editor.message.text()

    # View the first version, and restore it: it comes back as a third version.
    editor.versions.selectRow(1)
    editor.view_version.click()
    viewer = editor.version_dialog
    assert viewer is not None and viewer.text.toPlainText() == first.source
    viewer.restore_button.click()
    note = editor.note_dialog
    assert note is not None and f"Restored version {first.version}" in note.text()
    with qtbot.waitSignals([editor.saved, editor.versions_loaded], timeout=WAIT):
        note.save_button.click()
    newest = services.templates.current(LetterType.LBP)
    assert newest.version == first.version + 2 and newest.source == first.source
    assert editor.source() == first.source


def test_fields_are_listed_and_preview_uses_a_chosen_family(qtbot, services, admin):
    editor = open_editor(qtbot, services, admin)
    top = [editor.fields_tree.topLevelItem(i).text(0)
           for i in range(editor.fields_tree.topLevelItemCount())]
    assert {"recipient", "children", "meeting", "solicitors", "child_names"} <= set(top)
    assert editor.preview_with.itemText(0) == SAMPLE
    assert "Kelly Marsh" in editor.preview.page_text()  # the fictional family

    family_id = ready_family(services, admin)
    name = services.letters.check(admin, family_id, LetterType.LBP)[0].name
    qtbot.waitUntil(lambda: editor.preview_with.findData(family_id) > 0, timeout=WAIT)
    with qtbot.waitSignal(editor.preview_shown, timeout=WAIT):
        editor.preview_family(family_id)
    assert name in editor.preview.page_text()

    # Double-clicking a detail puts it where the cursor is.
    editor.editor.setPlainText("")
    recipient = editor.fields_tree.findItems("recipient", Qt.MatchFlag.MatchExactly)[0]
    name_item = next(recipient.child(i) for i in range(recipient.childCount())
                     if recipient.child(i).text(0) == "name")
    editor.fields_tree.itemDoubleClicked.emit(name_item, 0)
    assert editor.source() == "{{ recipient.name }}"


def test_a_social_worker_can_read_but_not_change_templates(qtbot, services):
    worker = services.users.trusted_actor("socialworker")
    editor = open_editor(qtbot, services, worker)
    assert editor.editor.isReadOnly()
    assert editor.save_button.isHidden() and editor.restore_version.isHidden()
    assert not editor.read_only_note.isHidden()


def _picture(path: Path) -> Path:
    image = QImage(120, 60, QImage.Format.Format_RGB32)
    image.fill(QColor("#1f6fb2"))
    assert image.save(str(path))
    return path


def open_letterhead(qtbot, services, actor) -> LetterheadDialog:
    dialog = LetterheadDialog(services, actor)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT):
        dialog.show()
    return dialog


def test_letterhead_refuses_placeholders_and_files_that_are_not_pictures(
        qtbot, services, admin, tmp_path):
    dialog = open_letterhead(qtbot, services, admin)
    assert not dialog.save_button.isEnabled()  # nothing changed yet
    dialog.signature.set_value("letters.signatory_title", "TBC")
    assert "TBC" in dialog.signature.problem_label("letters.signatory_title").text()
    assert not dialog.save_button.isEnabled()
    not_a_picture = tmp_path / "logo.png"
    not_a_picture.write_text("this is text, not a picture")
    dialog.set_logo(str(not_a_picture))
    assert "not a picture" in dialog.logo_problem.text()
    assert dialog.logo_path == ""
    dialog.signature.set_value("letters.signatory_title", "Head of Children's Services")
    assert dialog.save_button.isEnabled()

    # A solicitor's phone and email are checked as they are typed.
    dialog.add_solicitor.click()
    form = dialog.solicitor_dialog
    assert form is not None
    form.form.set_value("phone", "TBC")
    assert "TBC" in form.form.problem_label("phone").text()
    form.form.set_value("email", "not an address")
    assert "email address" in form.form.problem_label("email").text()
    assert not form.ok_button.isEnabled()


def test_letterhead_shows_the_council_to_check_and_says_where_it_is_changed(
        qtbot, services, admin):
    council = services.settings.current().council
    dialog = open_letterhead(qtbot, services, admin)
    box = dialog.council
    assert [box.shown(field) for field in ("name", "service", "address", "phone", "email")] == [
        council.name, council.service, council.address, council.phone, council.email]
    assert box.shown("name") == "Northshire County Council"
    assert not box.findChildren(QLineEdit) and not box.findChildren(QPlainTextEdit)
    assert box.where_to_change.isVisible()
    assert box.where_to_change.text() == (
        "The council's details are changed in Settings > Timescales and council details.")


def test_letterhead_is_saved_and_used_by_the_next_preview(qtbot, services, admin, tmp_path):
    before = services.settings.current()
    dialog = open_letterhead(qtbot, services, admin)
    # The council is renamed in Settings while the letterhead is open: saving keeps the new name.
    services.settings.save(admin, replace(before, council=replace(
        before.council, name="Westshire Borough Council")))
    dialog.signature.set_value("letters.signatory_name", "Dana Whitlock")
    dialog.set_logo(str(_picture(tmp_path / "crest.png")))
    thumbnail = dialog.logo_thumbnail.pixmap()
    assert thumbnail is not None and not thumbnail.isNull()

    # Add a solicitor through its own small form.
    dialog.add_solicitor.click()
    form = dialog.solicitor_dialog
    assert form is not None and not form.ok_button.isEnabled()
    form.form.set_value("name", "Nia Hughes")
    form.form.set_value("firm", "Hughes Family Law")
    form.form.set_value("address", "5 Quay Street\nWestshire\nWS1 2AB")
    form.form.set_value("phone", "01632 960555")
    assert form.ok_button.isEnabled()
    form.ok_button.click()
    assert dialog.solicitors_model.rowCount() == len(before.letters.solicitors) + 1

    # Remove the first of the old ones.
    dialog.solicitors.selectRow(0)
    dialog.remove_solicitor.click()
    with qtbot.waitSignal(dialog.saved, timeout=WAIT):
        dialog.save_button.click()
    after = services.settings.current()
    assert after.council == replace(before.council, name="Westshire Borough Council")
    assert after.letters.signatory_name == "Dana Whitlock"
    assert after.letters.logo_path == str(tmp_path / "crest.png")
    assert [s.firm for s in after.letters.solicitors] == [
        *(s.firm for s in before.letters.solicitors[1:]), "Hughes Family Law"]
    assert after.timescales == before.timescales  # the rest of the settings untouched
    assert "Saved" in dialog.status.text() and not dialog.save_button.isEnabled()

    letters = FamilyLettersDialog(services, admin, ready_family(services, admin))
    qtbot.addWidget(letters)
    letters.show()
    qtbot.waitUntil(lambda: letters.preview.page_count() > 0, timeout=WAIT)
    text = letters.preview.page_text()
    assert "Westshire Borough Council" in text and "Dana Whitlock" in text
    assert "Hughes Family Law" in text


def test_changing_letter_with_unsaved_edits_asks_first(qtbot, services, admin):
    editor = open_editor(qtbot, services, admin)
    editor.editor.setPlainText(editor.source() + "\nA change.\n")
    editor.set_letter_type(LetterType.PPM_INVITE)
    box = editor.discard_box
    assert box is not None and box.isVisible()
    assert editor.chosen_type() is LetterType.LBP and editor.is_changed()  # nothing lost yet
    with qtbot.waitSignal(editor.versions_loaded, timeout=WAIT):
        box.button(box.StandardButton.Discard).click()
    assert editor.chosen_type() is LetterType.PPM_INVITE
    assert editor.source() == services.templates.current(LetterType.PPM_INVITE).source
    assert not editor.is_changed()


def test_the_template_text_box_goes_to_the_line_a_problem_names(qtbot):
    text = TemplateTextEdit()
    qtbot.addWidget(text)
    text.setPlainText("Dear {{ recipient.name }}\n{{ recipient.nickname }}\nYours sincerely")
    text.go_to_line(2)
    assert text.line() == 2
    assert text.textCursor().selectedText() == "{{ recipient.nickname }}"

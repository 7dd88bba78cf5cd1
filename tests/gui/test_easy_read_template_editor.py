"""Easy Read templates in the template editor: listed after their letter, previewed, scored,
checked for their pictures, and saved as versions of their own."""

from __future__ import annotations

from plo_tracker.domain.easy_read import PICTURES
from plo_tracker.domain.letter_types import LetterType
from plo_tracker.gui.letters.template_editor import TemplateEditorDialog

from .letters_conftest_helpers import (  # noqa: F401 - fixtures
    letters_admin,
    letters_services,
)

WAIT = 10_000
EASY_LBP = "Letter before proceedings – Easy Read"


def open_editor(qtbot, services, actor) -> TemplateEditorDialog:
    editor = TemplateEditorDialog(services, actor)
    qtbot.addWidget(editor)
    with qtbot.waitSignals([editor.preview_shown, editor.readability_shown], timeout=WAIT):
        editor.show()
    return editor


def choose(qtbot, editor: TemplateEditorDialog, title: str) -> None:
    """Choose a template in the Letter list as a user would, and wait until it is shown."""
    index = editor.letter_type.findText(title)
    assert index >= 0, title
    with qtbot.waitSignals([editor.versions_loaded, editor.preview_shown,
                            editor.readability_shown], timeout=WAIT):
        editor.letter_type.setCurrentIndex(index)


def test_each_easy_read_template_is_listed_right_after_its_letter(qtbot, services, admin):
    editor = open_editor(qtbot, services, admin)
    titles = [editor.letter_type.itemText(i) for i in range(editor.letter_type.count())]
    for kind in LetterType:
        easy = f"{kind.title} – Easy Read"
        if kind is LetterType.AGREEMENT:
            assert easy not in titles  # the written agreement has no Easy Read version
        else:
            assert titles[titles.index(kind.title) + 1] == easy
    assert titles.index(EASY_LBP) == titles.index("Letter before proceedings") + 1


def test_choosing_an_easy_read_template_shows_its_text_preview_score_and_pictures(
        qtbot, services, admin):
    editor = open_editor(qtbot, services, admin)
    standard = editor.readability.result
    assert standard is not None and "Why we are writing to you" in editor.preview.page_text()

    choose(qtbot, editor, EASY_LBP)
    assert editor.chosen_type() is LetterType.LBP and editor.chosen_easy_read()
    assert editor.source() == services.templates.current(LetterType.LBP, easy=True).source
    assert editor.windowTitle() == f"Letter templates: {EASY_LBP}"
    # The preview is the Easy Read letter, with the picture names drawn, not printed.
    shown = editor.preview.page_text()
    assert "This is an important letter" in shown and "[letter]" not in shown
    assert "Why we are writing to you" not in shown  # not the standard letter
    assert not editor.preview_with.isEnabled()  # the sample family only
    # Scored as the sample family would get it: easier than the standard letter.
    easy = editor.readability.result
    assert easy is not None
    assert easy.flesch_kincaid_grade < standard.flesch_kincaid_grade
    # The help lists the pictures a heading may start with; double-clicking one starts one.
    pictures = editor.fields_tree.topLevelItem(0)
    assert pictures.text(0) == "Pictures"
    names = [pictures.child(i).text(0) for i in range(pictures.childCount())]
    assert names == list(PICTURES)
    assert not pictures.child(0).icon(0).isNull()
    editor.editor.setPlainText("")
    editor.fields_tree.itemDoubleClicked.emit(pictures.child(names.index("meeting")), 0)
    assert editor.source() == "# [meeting] "


def test_an_easy_read_template_is_saved_as_its_own_version(qtbot, services, admin):
    editor = open_editor(qtbot, services, admin)
    choose(qtbot, editor, EASY_LBP)
    first = services.templates.current(LetterType.LBP, easy=True)
    standard_versions = len(services.templates.versions(LetterType.LBP))
    editor.editor.setPlainText(first.source + "\n# [phone] Ring us\n\nWe are here to help.\n")
    assert editor.is_changed() and editor.windowTitle().endswith("(not saved)")
    editor.save_button.click()
    note = editor.note_dialog
    assert note is not None
    note.note.setPlainText("Added a way to ring us.")
    with qtbot.waitSignals([editor.saved, editor.versions_loaded], timeout=WAIT):
        note.save_button.click()

    assert editor.versions_model.rowCount() == 2
    newest = editor.versions_model.record(0)
    assert (newest.version, newest.note, newest.easy_read) == (
        first.version + 1, "Added a way to ring us.", True)
    assert "Ring us" in services.templates.current(LetterType.LBP, easy=True).source
    assert len(services.templates.versions(LetterType.LBP)) == standard_versions
    assert f"Saved as version {first.version + 1}" in editor.message.text()
    assert editor.chosen_easy_read() and not editor.is_changed()
    # The first version is there to read, named as the Easy Read template.
    editor.versions.selectRow(1)
    editor.view_version.click()
    viewer = editor.version_dialog
    assert viewer is not None and viewer.text.toPlainText() == first.source
    assert viewer.windowTitle() == f"{EASY_LBP}: version {first.version}"


def test_a_heading_with_an_unknown_picture_is_refused_next_to_the_text(
        qtbot, services, admin):
    editor = open_editor(qtbot, services, admin)
    choose(qtbot, editor, EASY_LBP)
    source = editor.source().replace("# [worried] ", "# [dragon] ")
    editor.editor.setPlainText(source)
    editor.save_button.click()
    assert editor.note_dialog is None  # nothing is asked, because nothing can be saved
    line = source.splitlines().index("# [dragon] What we are worried about") + 1
    assert editor.problem.text().startswith(f"Line {line}: there is no picture called 'dragon'")
    assert "meeting" in editor.problem.text()  # the pictures there are, named
    assert editor.editor.line() == line
    assert len(services.templates.versions(LetterType.LBP, easy=True)) == 1

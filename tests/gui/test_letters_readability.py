"""Readability where letters are written: the template editor's panel, updated as the template
is edited, and each letter's grade before it is made, flagged above the council's target."""

from __future__ import annotations

from dataclasses import replace

from plo_tracker.domain.letter_types import LetterType
from plo_tracker.gui.letters.family_letters_dialog import FamilyLettersDialog
from plo_tracker.gui.letters.template_editor import TemplateEditorDialog

from .letters_conftest_helpers import (  # noqa: F401 - fixtures
    letters_admin,
    letters_services,
    ready_family,
    shown_when,
)

WAIT = 10_000
# 30 one-syllable words in one sentence: grade 0.39 x 30 + 11.8 - 15.59 = 7.91.
LONG = ("We want you to come to see us at the hall on the hill "
        "with your mum and dad and the kids and the dog so we can all talk.\n")
# Two short sentences: grade well below any target.
SHORT = "Dear {{ recipient.name }}\n\nPlease come to see us. We will help you.\n"


def open_editor(qtbot, services, actor) -> TemplateEditorDialog:
    editor = TemplateEditorDialog(services, actor)
    return shown_when(qtbot, editor, editor.readability_shown)


def test_the_editor_scores_the_template_for_the_sample_family(qtbot, services, admin):
    editor = open_editor(qtbot, services, admin)
    panel = editor.readability
    assert panel.result is not None and panel.result.words > 500
    assert panel.summary.text().startswith(("Within the target", "Above the target"))
    assert "Reading ease" in panel.figures.text()
    assert panel.longest.count() == 5
    assert panel.jargon.count() >= 1


def test_editing_updates_the_panel_and_flags_a_grade_above_the_target(qtbot, services, admin):
    editor = open_editor(qtbot, services, admin)
    with qtbot.waitSignal(editor.readability_shown, timeout=WAIT):
        editor.editor.setPlainText(LONG)
    panel = editor.readability
    assert panel.is_flagged()
    assert panel.summary.text().startswith("Above the target: grade 7.9")
    assert "the target is grade 6 or lower" in panel.summary.text()
    assert panel.longest.item(0).text().startswith("30 words: We want you")
    with qtbot.waitSignal(editor.readability_shown, timeout=WAIT):
        editor.editor.setPlainText(SHORT + "Prior to the meeting, ring us.\n")
    assert not panel.is_flagged()
    assert panel.summary.text().startswith("Within the target")
    assert "“prior to”: \"before\"" in panel.jargon.item(0).text()


def test_typing_is_debounced_into_one_score(qtbot, services, admin):
    editor = open_editor(qtbot, services, admin)
    shown = []
    editor.readability_shown.connect(lambda: shown.append(editor.readability.result))
    for text in ("Dear {{ recipient.name }}\n\nOne.", LONG, SHORT):
        editor.editor.setPlainText(text)
    assert editor._readability_timer.isActive() and shown == []  # nothing scored while typing
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=WAIT)
    assert shown[0].words == 12  # the last text only: "Dear Kelly Marsh" and 9 words


def test_a_broken_template_says_it_cannot_be_scored(qtbot, services, admin):
    editor = open_editor(qtbot, services, admin)
    with qtbot.waitSignal(editor.readability_shown, timeout=WAIT):
        editor.editor.setPlainText("Dear {{ recipient.nickname }}\n")
    assert editor.readability.result is None
    assert "cannot be scored. Line 1" in editor.readability.summary.text()


def _letters_dialog(qtbot, services, admin) -> FamilyLettersDialog:
    """The letters window with the letter before proceedings chosen, its grades shown."""
    dialog = FamilyLettersDialog(services, admin, ready_family(services, admin))
    shown_when(qtbot, dialog, dialog.readability_shown)
    if dialog.chosen_type() is not LetterType.LBP:  # a family expecting a baby
        with qtbot.waitSignal(dialog.readability_shown, timeout=WAIT):
            dialog.set_letter_type(LetterType.LBP)
    return dialog


def test_each_letter_s_grade_is_shown_before_it_is_made(qtbot, services, admin):
    services.templates.save(admin, LetterType.LBP, SHORT, "Short")
    dialog = _letters_dialog(qtbot, services, admin)
    lines = dialog.readability_lines.lines()
    assert len(lines) == len(dialog.ticked()) >= 1
    assert all("within the target of grade 6" in line for line in lines)
    assert dialog.readability_lines.flags() == [False] * len(lines)


def test_a_letter_above_the_target_is_flagged_naming_sentences_and_can_still_be_made(
        qtbot, services, admin):
    services.templates.save(admin, LetterType.LBP, LONG, "Long")
    dialog = _letters_dialog(qtbot, services, admin)
    line = dialog.readability_lines.lines()[0]
    assert line.startswith("Above the target (grade 6): the letter to ")
    assert "grade 7.9 (reading age about 13)" in line
    assert "shorten: “We want you to come" in line and "(30 words)" in line
    assert dialog.readability_lines.flags()[0]  # the warning sign, not colour alone
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=WAIT)
    assert dialog.generate_button.isEnabled()


def test_a_higher_target_in_settings_lifts_the_flag(qtbot, services, admin):
    settings = services.settings.current()
    services.settings.save(admin, replace(settings, readability=replace(
        settings.readability, target_grade=8)))
    services.templates.save(admin, LetterType.LBP, LONG, "Long")
    dialog = _letters_dialog(qtbot, services, admin)
    assert "within the target of grade 8" in dialog.readability_lines.lines()[0]


def test_the_target_grade_is_set_in_the_settings_dialog_letters_group(qtbot, services, admin):
    from PySide6.QtCore import Qt

    from plo_tracker.gui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(services, admin)
    qtbot.addWidget(dialog)
    dialog.show()
    spin = dialog.numbers["readability"]["target_grade"]
    assert spin.value() == 6
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "14")
    problem = dialog.number_errors["readability"]["target_grade"]
    assert problem.isVisibleTo(dialog)
    assert problem.text().startswith("The reading grade target must be a whole grade from 3 "
                                     "to 12")
    assert not dialog.save_button.isEnabled()
    spin.selectAll()
    qtbot.keyClicks(spin, "7")
    assert not problem.isVisibleTo(dialog)
    with qtbot.waitSignal(dialog.saved, timeout=WAIT):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert services.settings.current().readability.target_grade == 7

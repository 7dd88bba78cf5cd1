"""The letter dialog and the kept letters, driven as a user would, against a demo database."""

from __future__ import annotations

import hashlib
from datetime import date

from PySide6.QtCore import Qt

from plo_tracker.domain.letter_types import LetterType
from plo_tracker.domain.vocabulary import GatewayDecision, MeetingKind, SendMethod
from plo_tracker.gui.letters.family_letters_dialog import FamilyLettersDialog
from plo_tracker.gui.letters.generated_letters_view import GeneratedLettersView
from plo_tracker.services.case_forms import AdultForm, ChildForm, GatewayForm, NewFamilyForm
from tests.support import TODAY

from .letters_conftest_helpers import (  # noqa: F401 - fixtures
    letters_admin,
    letters_services,
    pre_proceedings,
    ready_family,
)

WAIT = 10_000


def family_missing_only_the_meeting(services, actor) -> int:
    for fid in pre_proceedings(services, actor):
        missing = {m for c in services.letters.check(actor, fid, LetterType.LBP)
                   for m in c.missing}
        if missing == {"the pre-proceedings meeting date, time and place"}:
            return fid
    raise AssertionError("the demo data has no family lacking only its meeting")


def open_dialog(qtbot, services, actor, family_id: int,
                letter_type: LetterType | None = None) -> FamilyLettersDialog:
    """The letters window on a family, with ``letter_type`` chosen (as a user would) when
    it is not the one the window offers first."""
    dialog = FamilyLettersDialog(services, actor, family_id)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.checked, timeout=WAIT):
        dialog.show()
    if letter_type is not None and dialog.chosen_type() is not letter_type:
        with qtbot.waitSignal(dialog.checked, timeout=WAIT):
            dialog.set_letter_type(letter_type)
    return dialog


def test_what_the_case_lacks_is_named_and_generate_stays_off(qtbot, services, admin):
    family_id = family_missing_only_the_meeting(services, admin)
    # A meeting with a date and place but no time: the letter cannot say when to come.
    services.milestones.schedule_meeting(admin, family_id, MeetingKind.INITIAL_PPM,
                                         date(2026, 12, 3), place="Northshire Family Centre")
    dialog = open_dialog(qtbot, services, admin, family_id)
    assert dialog.chosen_type() is LetterType.LBP
    names = [c.name for c in services.letters.check(admin, family_id, LetterType.LBP)]
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=WAIT)
    assert len(dialog.missing()) == 1
    assert dialog.missing()[0].startswith("The pre-proceedings meeting date and time (letter")
    assert all(name in dialog.missing()[0] for name in names)
    assert not dialog.generate_button.isEnabled()
    assert "cannot be shown yet" in dialog.preview.message.text()
    # Unticking everyone leaves nothing to make, and nothing missing to list.
    for row in range(dialog.recipients.count()):
        dialog.recipients.item(row).setCheckState(Qt.CheckState.Unchecked)
    assert dialog.missing() == []
    assert not dialog.generate_button.isEnabled()
    assert services.letters.generated(admin, family_id) == []


def test_a_letter_the_stage_does_not_call_for_is_refused_in_words(qtbot, services, admin):
    dialog = open_dialog(qtbot, services, admin, ready_family(services, admin))
    with qtbot.waitSignal(dialog.checked, timeout=WAIT):
        dialog.set_letter_type(LetterType.STEP_DOWN)
    assert "stepped down" in dialog.type_problem.text()
    assert dialog.recipients.count() == 0
    assert not dialog.generate_button.isEnabled()


def test_large_print_recipients_are_shown(qtbot, services, admin):
    family_id = services.families.create(admin, NewFamilyForm(
        children=(ChildForm("Ava", "Quinn", date_of_birth=date(2019, 5, 14)),),
        adults=(AdultForm("Kelly", "Quinn", "mother", address="1 Mill Lane\nNS1 2AB",
                          large_print=True),
                AdultForm("Ryan", "Quinn", "father", address="2 Mill Lane\nNS1 2AB")),
        gateway=GatewayForm(GatewayDecision.ENTER_PRE_PROCEEDINGS, date(2026, 11, 20)),
    ))
    dialog = open_dialog(qtbot, services, admin, family_id)
    texts = [dialog.recipients.item(i).text() for i in range(dialog.recipients.count())]
    assert texts == ["Kelly Quinn (large print)", "Ryan Quinn"]
    assert all(item.checkState() == Qt.CheckState.Checked for item in dialog._items())
    assert any("concerns" in line for line in dialog.missing())


def test_a_ready_family_previews_generates_and_records_sent(qtbot, services, admin):
    family_id = ready_family(services, admin)
    # A father without parental responsibility, newly recorded: a parent, so he receives the
    # letter before proceedings too (everyone else here has had theirs).
    services.people.save_adult(admin, family_id, None, AdultForm(
        "Dean", "Newman", "father", parental_responsibility=False,
        address="3 Mill Lane\nNorthshire\nNS1 2AB"))
    checks = services.letters.check(admin, family_id, LetterType.LBP)
    assert "Dean Newman" in [c.name for c in checks]
    dialog = open_dialog(qtbot, services, admin, family_id, LetterType.LBP)
    qtbot.waitUntil(lambda: dialog.preview.page_count() > 0, timeout=WAIT)
    assert dialog.preview.document.pageCount() > 0
    assert dialog.preview.page_label.text().startswith("Page 1 of ")
    assert checks[0].name in dialog.preview.page_text()
    assert dialog.missing() == []
    assert dialog.generate_button.isEnabled()

    # Choosing the other recipient previews their own letter.
    with qtbot.waitSignal(dialog.preview_shown, timeout=WAIT):
        dialog.recipients.setCurrentRow(1)
    assert checks[1].name in dialog.preview.page_text()

    with qtbot.waitSignal(dialog.made.loaded, timeout=WAIT):
        qtbot.mouseClick(dialog.generate_button, Qt.MouseButton.LeftButton)
    made = dialog.made.letters()
    assert sorted(x.recipient_name for x in made) == sorted(c.name for c in checks)
    assert {x.letter_id for x in made} == {
        x.letter_id for x in services.letters.generated(admin, family_id)}
    assert "made and kept" in dialog.status.text()

    # Record Dean's as sent: the list and the family's milestone both show it.
    view = dialog.made
    letter = next(x for x in view.letters() if x.recipient_name == "Dean Newman")
    view.select(letter.letter_id)
    assert view.selected() == letter
    view.sent_button.click()
    sent = view.record_dialog
    assert sent is not None and not sent.save_button.isEnabled()  # no method chosen yet
    sent.date.edit.setText("27/11/2026")
    assert "future" in sent.date_problem.text()
    sent.date.edit.setText("26/11/2026")
    sent.set_method(SendMethod.POST)
    assert sent.save_button.isEnabled()
    with qtbot.waitSignals([view.changed, view.loaded], timeout=WAIT):
        sent.save_button.click()
    row = next(x for x in view.letters() if x.letter_id == letter.letter_id)
    assert (row.sent_date, row.method) == (TODAY, SendMethod.POST)
    assert "26 Nov 2026, post" in view.model.data(view.model.index(
        view.letters().index(row), 6))
    assert not view.sent_button.isEnabled()  # already sent
    episode = services.case_detail.family(admin, family_id).episodes[-1]
    sent_letters = [x for x in episode.letters if x.kind is LetterType.LBP
                    and x.adult_id == letter.adult_id and x.sent_date == TODAY]
    assert len(sent_letters) == 1


def test_kept_letters_reopen_byte_for_byte_and_save_a_copy(qtbot, services, admin, tmp_path):
    family_id = ready_family(services, admin)
    kept = services.letters.generate(admin, family_id, LetterType.LBP)
    view = GeneratedLettersView(services, admin)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=WAIT):
        view.set_family(family_id)
    assert [x.letter_id for x in view.letters()] == sorted(
        (x.letter_id for x in kept), reverse=True)
    header = [view.model.headerData(c, Qt.Orientation.Horizontal) for c in range(7)]
    assert header == ["Letter", "To", "Dated", "Template", "Pages", "Made by", "Sent"]
    first = view.letters()[0]
    assert view.model.data(view.model.index(0, 3)) == f"Version {first.template_version}"
    assert view.model.data(view.model.index(0, 6)) == "Not sent yet"

    view.select(first.letter_id)
    view.open_button.click()
    qtbot.waitUntil(lambda: bool(view.viewers), timeout=WAIT)
    viewer = view.viewers[0]
    assert hashlib.sha256(viewer._pdf).hexdigest() == first.sha256
    qtbot.waitUntil(lambda: viewer.preview.page_count() == first.pages, timeout=WAIT)
    viewer.close()

    copy = tmp_path / "copy.pdf"
    view.save_copy(first, copy)
    qtbot.waitUntil(lambda: copy.exists() and "Saved a copy" in view.status.text(),
                    timeout=WAIT)
    assert hashlib.sha256(copy.read_bytes()).hexdigest() == first.sha256


def test_an_empty_family_says_so(qtbot, services, admin):
    family_id = pre_proceedings(services, admin)[0]
    view = GeneratedLettersView(services, admin)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=WAIT):
        view.set_family(family_id)
    assert view.letters() == []
    assert view.records.is_empty()
    assert not view.open_button.isEnabled()


def test_a_read_only_user_previews_but_cannot_generate(qtbot, services):
    reader = services.users.trusted_actor("readonly")
    dialog = open_dialog(qtbot, services, reader, ready_family(services, reader))
    qtbot.waitUntil(lambda: dialog.preview.page_count() > 0, timeout=WAIT)
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=WAIT)
    assert not dialog.generate_button.isEnabled()
    assert "not make" in dialog.generate_button.toolTip()


def test_generate_cannot_be_pressed_twice_for_the_same_letters(qtbot, services, admin):
    family_id = ready_family(services, admin)
    first, second = services.letters.check(admin, family_id, LetterType.LBP)
    dialog = open_dialog(qtbot, services, admin, family_id, LetterType.LBP)
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=WAIT)
    dialog.recipients.item(1).setCheckState(Qt.CheckState.Unchecked)
    assert dialog.generate_button.text() == "Generate the letter"

    with qtbot.waitSignal(dialog.made.loaded, timeout=WAIT):
        qtbot.mouseClick(dialog.generate_button, Qt.MouseButton.LeftButton)
        # While the letter is being made the button is off, and the window says why.
        assert not dialog.generate_button.isEnabled()
        assert dialog.ready_label.text() == "Making the letters…"
        qtbot.mouseClick(dialog.generate_button, Qt.MouseButton.LeftButton)
    assert [x.recipient_name for x in services.letters.generated(admin, family_id)] == [
        first.name]
    # Made: it stays off, saying why, while the same letter would be made again.
    assert not dialog.generate_button.isEnabled()
    assert dialog.ready_label.isVisible()
    assert dialog.ready_label.text().startswith("Made just now")
    assert dialog.generate_button.toolTip() == dialog.ready_label.text()

    # Ticking the other recipient makes only theirs: the first letter is not made twice.
    dialog.recipients.item(1).setCheckState(Qt.CheckState.Checked)
    assert dialog.generate_button.isEnabled()
    assert dialog.generate_button.text() == "Generate the letter"
    assert (f"{first.name} had their letter made just now, so it is not made again."
            in dialog.ready_label.text())
    with qtbot.waitSignal(dialog.made.loaded, timeout=WAIT):
        qtbot.mouseClick(dialog.generate_button, Qt.MouseButton.LeftButton)
    assert sorted(x.recipient_name for x in services.letters.generated(admin, family_id)) == \
        sorted([first.name, second.name])
    assert not dialog.generate_button.isEnabled()
    assert len(dialog.made.letters()) == 2

    # Another kind of letter is a different letter; coming back to this one, it is made.
    with qtbot.waitSignal(dialog.checked, timeout=WAIT):
        dialog.set_letter_type(LetterType.PPM_INVITE)
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=WAIT)
    assert dialog.missing() == [] and dialog.generate_button.isEnabled()
    with qtbot.waitSignal(dialog.checked, timeout=WAIT):
        dialog.set_letter_type(LetterType.LBP)
    assert not dialog.generate_button.isEnabled()
    assert dialog.ready_label.text().startswith("Made just now")


def test_a_second_letter_before_proceedings_to_the_same_person_is_refused(
        qtbot, services, admin):
    family_id = ready_family(services, admin)  # everyone here has had their letter
    dialog = open_dialog(qtbot, services, admin, family_id)
    qtbot.waitUntil(lambda: dialog.generate_button.isEnabled(), timeout=WAIT)
    with qtbot.waitSignal(dialog.made.loaded, timeout=WAIT):
        qtbot.mouseClick(dialog.generate_button, Qt.MouseButton.LeftButton)
    view = dialog.made
    letter = view.selected()
    view.sent_button.click()
    sent = view.record_dialog
    sent.date.edit.setText("26/11/2026")
    sent.set_method(SendMethod.POST)
    before = services.case_detail.family(admin, family_id).episodes[-1].letters
    sent.save_button.click()
    qtbot.waitUntil(lambda: "already sent the letter before proceedings" in
                    sent.problem.text(), timeout=WAIT)
    assert services.case_detail.family(admin, family_id).episodes[-1].letters == before
    assert letter.recipient_name in sent.problem.text()


def test_a_family_expecting_a_baby_is_offered_the_unborn_babys_letter_first():
    """Pre-birth cases use the letter for an unborn child (PLO.md), older children or not."""
    from types import SimpleNamespace

    from plo_tracker.domain.stages import Stage
    from plo_tracker.gui.letters.family_letters_dialog import default_letter

    def family(*born: date | None):
        return SimpleNamespace(
            episodes=[SimpleNamespace(stage=Stage.PRE_PROCEEDINGS)],
            children=[SimpleNamespace(date_of_birth=when) for when in born])

    assert default_letter(family(date(2019, 5, 1))) is LetterType.LBP
    assert default_letter(family(None)) is LetterType.LBP_UNBORN
    assert default_letter(family(date(2019, 5, 1), None)) is LetterType.LBP_UNBORN

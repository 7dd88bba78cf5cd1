"""Easy Read letters through the service and the letters window: chosen by itself for an
adult with a learning disability, offered for anyone with the tick box, and always made
with the standard letter (one PDF, a bookmark each)."""

from __future__ import annotations

from io import BytesIO

import pikepdf
from PySide6.QtCore import Qt

from plo_tracker.domain.letter_types import LetterType
from plo_tracker.gui.letters.family_letters_dialog import FamilyLettersDialog
from plo_tracker.services.case_forms import AdultForm

from .letters_conftest_helpers import (  # noqa: F401 - fixtures
    letters_admin,
    letters_services,
    ready_family,
)

WAIT = 10_000


def bookmarks(pdf: bytes) -> list[str]:
    with pikepdf.open(BytesIO(pdf)) as document, document.open_outline() as outline:
        return [item.title for item in outline.root]


def add_father(services, admin, family_id: int, learning_disability: bool) -> None:
    services.people.save_adult(admin, family_id, None, AdultForm(
        "Dean", "Newman", "father", parental_responsibility=False,
        address="3 Mill Lane\nNorthshire\nNS1 2AB", learning_disability=learning_disability))


def test_an_adult_with_a_learning_disability_gets_both_letters_by_itself(services, admin):
    family_id = ready_family(services, admin)
    add_father(services, admin, family_id, learning_disability=True)
    checks = {c.name: c for c in services.letters.check(admin, family_id, LetterType.LBP)}
    assert checks["Dean Newman"].easy_read
    dean = checks["Dean Newman"].adult_id
    [made] = services.letters.generate(admin, family_id, LetterType.LBP, [dean])
    titles = bookmarks(services.letters.open(admin, made.letter_id))
    assert titles[0].startswith("Letter before proceedings to Dean Newman")
    assert titles[1].startswith("Easy Read: Letter before proceedings to Dean Newman")


def test_without_a_learning_disability_it_is_added_only_when_asked(services, admin):
    family_id = ready_family(services, admin)
    add_father(services, admin, family_id, learning_disability=False)
    dean = next(c for c in services.letters.check(admin, family_id, LetterType.LBP)
                if c.name == "Dean Newman")
    assert not dean.easy_read
    [plain] = services.letters.generate(admin, family_id, LetterType.LBP, [dean.adult_id])
    assert len(bookmarks(services.letters.open(admin, plain.letter_id))) < 2
    [both] = services.letters.generate(admin, family_id, LetterType.PPM_INVITE,
                                       [dean.adult_id], easy_read=True)
    assert bookmarks(services.letters.open(admin, both.letter_id))[1].startswith(
        "Easy Read: Invitation to the pre-proceedings meeting")


def test_the_tick_box_adds_easy_read_in_the_letters_window(qtbot, services, admin):
    family_id = ready_family(services, admin)
    add_father(services, admin, family_id, learning_disability=False)
    dialog = FamilyLettersDialog(services, admin, family_id)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.checked, timeout=WAIT):
        dialog.show()
    assert dialog.easy_read.isEnabled() and not dialog.easy_read.isChecked()
    for item in dialog._items():
        if item.text() != "Dean Newman":
            item.setCheckState(Qt.CheckState.Unchecked)
    dialog.easy_read.setChecked(True)
    qtbot.waitUntil(lambda: dialog.generate_button.isEnabled(), timeout=WAIT)
    with qtbot.waitSignal(dialog.made.loaded, timeout=WAIT):
        qtbot.mouseClick(dialog.generate_button, Qt.MouseButton.LeftButton)
    [made] = dialog.made.letters()
    assert bookmarks(services.letters.open(admin, made.letter_id))[1].startswith("Easy Read:")

    with qtbot.waitSignal(dialog.checked, timeout=WAIT):
        dialog.set_letter_type(LetterType.AGREEMENT)
    assert not dialog.easy_read.isEnabled() and not dialog.easy_read.isChecked()

"""Changing an adult's details after the family was opened, through the dialog."""

from __future__ import annotations

import pytest

from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.gui.forms.adult_form import NEW_PERSON
from plo_tracker.services.case_forms import AdultForm

from .forms_conftest_helpers import build_forms_world, click, open_form


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    built = build_forms_world(tmp_path_factory.mktemp("adults"))
    yield built
    built.services.context.database.dispose()


def _adult(world, family_id, first_name):
    return next(a for a in world.detail(family_id).adults if a.first_name == first_name)


def test_a_new_address_and_large_print_are_saved_for_the_next_letters(qtbot, world):
    family_id = world.family()
    jade = _adult(world, family_id, "Jade")
    dialog = open_form(qtbot, world, "adult", family_id)
    assert not dialog.save_button.isEnabled()  # nobody chosen yet
    dialog.person.set_value(jade.adult_id)
    assert dialog.first_name.text() == "Jade"  # her details as recorded fill the form
    dialog.address.clear()
    qtbot.keyClicks(dialog.address, "Flat 2, 9 Quay Street, Northshire NS3 1AB")
    click(qtbot, dialog.large_print)
    assert dialog.save_button.isEnabled()
    click(qtbot, dialog.save_button)
    assert dialog.saved is not None
    changed = _adult(world, family_id, "Jade")
    assert changed.large_print and changed.address.startswith("Flat 2, 9 Quay Street")
    history = world.services.case_detail.history(world.admin, family_id)
    update = next(entry for entry in history if entry.action == "adult.update")
    assert update.before["large_print"] is False and update.after["large_print"] is True


def test_someone_new_is_added_and_a_missing_surname_is_explained(qtbot, world):
    family_id = world.family()
    dialog = open_form(qtbot, world, "adult", family_id)
    dialog.person.set_value(NEW_PERSON)
    assert dialog.first_name.text() == ""
    qtbot.keyClicks(dialog.first_name, "Rose")
    qtbot.keyClicks(dialog.relationship.lineEdit(), "grandmother")
    assert not dialog.save_button.isEnabled()
    assert "surname" in dialog.still_needed.text().lower()
    qtbot.keyClicks(dialog.last_name, "Testcase")
    click(qtbot, dialog.save_button)
    assert [a.first_name for a in world.detail(family_id).adults] == ["Jade", "Liam", "Rose"]


def test_the_last_person_who_receives_letters_cannot_stop_receiving_them(world):
    family_id = world.family()
    for name in ("Jade", "Liam"):
        adult = _adult(world, family_id, name)
        # Without parental responsibility a mother or father is still a parent, and
        # still receives the letters.
        form = AdultForm(adult.first_name, adult.last_name, adult.relationship,
                         parental_responsibility=False)
        world.services.people.save_adult(world.manager, family_id, adult.adult_id, form)
        assert _adult(world, family_id, name).receives_letters
    jade = _adult(world, family_id, "Jade")
    world.services.people.save_adult(world.manager, family_id, jade.adult_id, AdultForm(
        "Jade", jade.last_name, "mother", parental_responsibility=False,
        receives_letters=False))
    liam = _adult(world, family_id, "Liam")
    before = world.detail(family_id).adults
    with pytest.raises(ValidationFailed, match="who receives letters"):
        world.services.people.save_adult(world.manager, family_id, liam.adult_id, AdultForm(
            "Liam", liam.last_name, "father", parental_responsibility=False,
            receives_letters=False))
    assert world.detail(family_id).adults == before


def test_ticking_needs_an_advocate_asks_who_and_the_name_is_saved(qtbot, world):
    family_id = world.family()
    liam = _adult(world, family_id, "Liam")
    dialog = open_form(qtbot, world, "adult", family_id)
    dialog.person.set_value(liam.adult_id)
    assert not dialog.advocate_name.isVisible() and not dialog.intermediary_name.isVisible()
    click(qtbot, dialog.advocate)
    assert dialog.advocate_name.isVisible() and not dialog.intermediary_name.isVisible()
    assert "Voice Advocacy" in dialog.advocate_name.placeholderText()
    qtbot.keyClicks(dialog.advocate_name, "Dan Ward from Voice Advocacy")
    click(qtbot, dialog.save_button)
    assert dialog.saved is not None
    assert _adult(world, family_id, "Liam").advocate_name == "Dan Ward from Voice Advocacy"

    # Opened again, the name is there; clearing the need forgets it.
    dialog = open_form(qtbot, world, "adult", family_id)
    dialog.person.set_value(liam.adult_id)
    assert dialog.advocate_name.text() == "Dan Ward from Voice Advocacy"
    click(qtbot, dialog.advocate)
    assert not dialog.advocate_name.isVisible()
    click(qtbot, dialog.save_button)
    changed = _adult(world, family_id, "Liam")
    assert not changed.needs_advocate and changed.advocate_name is None

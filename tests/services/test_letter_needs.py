"""The meeting invitation made from the case record says what each adult's record says
they need: an interpreter in their language, an advocate, an intermediary."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, time

import pytest

from plo_tracker.domain.letter_types import LetterType
from plo_tracker.domain.vocabulary import GatewayDecision, MeetingKind
from plo_tracker.services.case_forms import AdultForm, ChildForm, GatewayForm, NewFamilyForm
from tests.documents.test_letter_pdf import page_texts


@pytest.fixture(scope="module")
def family(tmp_path_factory, dump_database, build_world) -> Iterator[tuple[object, int, list]]:
    world = build_world(tmp_path_factory.mktemp("needs"), dump_database, families=1)
    manager = world.actor("manager")
    family_id = world.services.families.create(manager, NewFamilyForm(
        children=(ChildForm("Mia", "Nowak", date_of_birth=date(2020, 3, 9)),),
        adults=(
            AdultForm("Ewa", "Nowak", "mother", address="1 Elm Road\nNorthshire",
                      needs_interpreter=True, language="Polish"),
            AdultForm("Piotr", "Nowak", "father", address="2 Elm Road\nNorthshire",
                      needs_advocate=True, advocate_name=" Dan Ward from Voice Advocacy "),
            AdultForm("Sam", "Reed", "step-father", address="3 Elm Road\nNorthshire",
                      needs_intermediary=True, intermediary_name="Jo Brown"),
            AdultForm("Anna", "Nowak", "aunt", address="4 Elm Road\nNorthshire"),
        ),
        gateway=GatewayForm(GatewayDecision.ENTER_PRE_PROCEEDINGS, date(2026, 11, 20)),
        social_worker_id=world.actor("socialworker").user_id, team_manager_id=manager.user_id,
    ))
    world.services.milestones.schedule_meeting(
        manager, family_id, MeetingKind.INITIAL_PPM, date(2026, 12, 8), start_time=time(10),
        place="Northshire Family Centre")
    yield world, family_id, world.adults(family_id)
    world.database.dispose()


def _invitation(family, index: int) -> str:
    world, family_id, adults = family
    pdf = world.services.letters.preview(world.actor("admin"), family_id,
                                         LetterType.PPM_INVITE, adults[index])
    return " ".join(page_texts(pdf))


def test_an_adult_who_needs_an_interpreter_is_told_one_will_be_there_in_english(family):
    text = _invitation(family, 0)
    assert "We will have a Polish interpreter at the meeting." in text
    assert "advocate" not in text and "intermediary" not in text


def test_an_adult_who_needs_an_advocate_is_told_one_will_support_them(family):
    text = _invitation(family, 1)
    assert ("Your advocate, Dan Ward from Voice Advocacy, will be at the meeting to help you "
            "have your say.") in text
    assert "interpreter at" not in text and "intermediary" not in text


def test_an_adult_who_needs_an_intermediary_is_told_one_will_support_them(family):
    text = _invitation(family, 2)
    assert "Your intermediary, Jo Brown, will be at the meeting to help you understand." in text
    assert "advocate" not in text


def test_an_adult_with_no_recorded_need_gets_none_of_the_sentences(family):
    text = _invitation(family, 3)
    assert "interpreter at" not in text
    assert "advocate" not in text and "intermediary" not in text


def test_the_supporter_is_named_only_while_the_need_is_recorded(tmp_path, dump_database,
                                                               build_world):
    """Clearing "needs an advocate" forgets who it was; an advocate ticked but not named
    holds the invitation back, saying what to add."""
    world = build_world(tmp_path, dump_database, families=1)
    manager = world.actor("manager")
    family_id = world.services.families.create(manager, NewFamilyForm(
        children=(ChildForm("Mia", "Nowak", date_of_birth=date(2020, 3, 9)),),
        adults=(AdultForm("Piotr", "Nowak", "father", address="2 Elm Road\nNorthshire",
                          needs_advocate=True, advocate_name="Dan Ward"),),
        gateway=GatewayForm(GatewayDecision.ENTER_PRE_PROCEEDINGS, date(2026, 11, 20)),
        social_worker_id=world.actor("socialworker").user_id, team_manager_id=manager.user_id,
    ))
    world.services.milestones.schedule_meeting(
        manager, family_id, MeetingKind.INITIAL_PPM, date(2026, 12, 8), start_time=time(10),
        place="Northshire Family Centre")
    father = world.adults(family_id)[0]
    adult = world.services.case_detail.family(manager, family_id).adults[0]
    assert (adult.advocate_name, adult.intermediary_name) == ("Dan Ward", None)

    world.services.people.save_adult(manager, family_id, father, AdultForm(
        "Piotr", "Nowak", "father", address="2 Elm Road\nNorthshire",
        needs_advocate=False, advocate_name="Dan Ward"))
    assert world.services.case_detail.family(manager, family_id).adults[0].advocate_name is None

    world.services.people.save_adult(manager, family_id, father, AdultForm(
        "Piotr", "Nowak", "father", address="2 Elm Road\nNorthshire", needs_advocate=True))
    (check,) = world.services.letters.check(manager, family_id, LetterType.PPM_INVITE)
    assert check.missing == (
        "the name of the advocate who will support Piotr Nowak at the pre-proceedings "
        "meeting (in their details)",)
    world.database.dispose()

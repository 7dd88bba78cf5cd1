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
                      needs_advocate=True),
            AdultForm("Sam", "Reed", "step-father", address="3 Elm Road\nNorthshire",
                      needs_intermediary=True),
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
    assert "An advocate will be at the meeting to support you" in text
    assert "interpreter at" not in text and "intermediary" not in text


def test_an_adult_who_needs_an_intermediary_is_told_one_will_support_them(family):
    text = _invitation(family, 2)
    assert "An intermediary will be at the meeting to support you" in text
    assert "advocate" not in text


def test_an_adult_with_no_recorded_need_gets_none_of_the_sentences(family):
    text = _invitation(family, 3)
    assert "interpreter at" not in text
    assert "advocate" not in text and "intermediary" not in text

"""The social work chronology: drawn from the record, edited, kept, drawn again.

Dates and their weekdays are written out by hand (1 Sep 2026 is a Tuesday).
"""

from __future__ import annotations

import subprocess
from dataclasses import replace
from datetime import date, timedelta

import pytest

from plo_tracker.domain.chronology import ChronologyLine
from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.domain.vocabulary import AssessmentKind, MeetingKind, SendMethod
from plo_tracker.services.errors import NotFound, PermissionDenied
from tests.support import TODAY


def _family(world) -> int:
    """Gateway 1 Sep, letters 3 Sep, initial meeting 17 Sep, a parenting assessment
    commissioned 20 Sep and completed 15 Nov 2026."""
    family_id = world.initial_meeting_held()
    milestones, manager = world.services.milestones, world.actor("manager")
    saved = milestones.commission_assessment(
        manager, family_id, AssessmentKind.PARENTING, "the mother", date(2026, 9, 20),
        date(2026, 11, 13), author="Dr Amal Reyes")
    milestones.complete_assessment(
        manager, family_id, saved.entity_id, date(2026, 11, 15),
        "The mother can meet the children's needs with support. She engaged well.")
    return family_id


def _texts(view) -> list[tuple[date, str, str]]:
    return [(line.entry_date, line.event, line.source) for line in view.lines]


def test_drawn_from_the_record_in_date_order(world):
    family_id = _family(world)
    view = world.services.chronology.draw(world.actor("manager"), family_id)
    assert _texts(view) == [
        (date(2026, 9, 1), "Legal gateway decision: Enter pre-proceedings.",
         "Gateway decision record"),
        (date(2026, 9, 3), "Letter before proceedings sent to Jade Testcase (post).", "Letter"),
        (date(2026, 9, 3), "Letter before proceedings sent to Liam Testcase (post).", "Letter"),
        (date(2026, 9, 17), "Initial pre-proceedings meeting held. The written agreement was "
         "signed.", "Meeting record"),
        (date(2026, 9, 20), "Parenting assessment of the mother commissioned from Dr Amal "
         "Reyes; due Fri 13 Nov 2026.", "Assessment record"),
        (date(2026, 11, 15), "Parenting assessment of the mother completed: The mother can "
         "meet the children's needs with support.", "Assessment record"),
    ]
    assert view.unsaved == 6
    assert view.children == ("Ruby Testcase, born Tue 2 Apr 2019",)


def test_a_note_marked_for_the_chronology_appears_and_an_unmarked_one_does_not(world):
    family_id = world.pre_proceedings()
    milestones, manager = world.services.milestones, world.actor("manager")
    milestones.add_note(manager, family_id, "Home visit: the children were well.",
                        for_chronology=True)
    milestones.add_note(manager, family_id, "Phoned the school about lunch money.")
    view = world.services.chronology.draw(manager, family_id)
    events = [(line.event, line.source) for line in view.lines]
    # The test clock writes notes at noon on Thursday 26 November 2026.
    assert ("Home visit: the children were well.", "Case note 26 Nov 2026") in events
    assert not any("school" in event for event, _source in events)


def test_edits_survive_drawing_again_and_new_facts_take_their_place_by_date(world):
    family_id = world.letters_sent()
    chronology, manager = world.services.chronology, world.actor("manager")
    first = chronology.draw(manager, family_id)
    gateway, *letters = first.lines
    edited = replace(gateway, event="Panel agreed to enter pre-proceedings (chaired by TM).",
                     source="Panel minutes")
    own = ChronologyLine(date(2026, 8, 20), "Strategy discussion with the police.",
                         "Case note 20 Aug 2026")
    saved = chronology.save_entries(manager, family_id, [own, edited, *letters])
    assert all(line.entry_id for line in saved.lines)
    assert world.last_audit().action == "chronology.save"

    world.services.milestones.record_meeting_held(
        manager, family_id, MeetingKind.INITIAL_PPM, date(2026, 9, 10), attendance="Mother")
    again = chronology.draw(manager, family_id)
    assert _texts(again) == [
        (date(2026, 8, 20), "Strategy discussion with the police.", "Case note 20 Aug 2026"),
        (date(2026, 9, 1), "Panel agreed to enter pre-proceedings (chaired by TM).",
         "Panel minutes"),
        (date(2026, 9, 3), "Letter before proceedings sent to Jade Testcase (post).", "Letter"),
        (date(2026, 9, 3), "Letter before proceedings sent to Liam Testcase (post).", "Letter"),
        (date(2026, 9, 10), "Initial pre-proceedings meeting held.", "Meeting record"),
    ]
    assert [line.entry_id is None for line in again.lines] == [False] * 4 + [True]


def test_a_removed_entry_stays_removed_and_a_moved_one_stays_moved(world):
    family_id = world.letters_sent()
    chronology, manager = world.services.chronology, world.actor("manager")
    gateway, jade, liam = chronology.draw(manager, family_id).lines
    chronology.save_entries(manager, family_id, [liam, gateway], removed=[jade])
    again = chronology.draw(manager, family_id)
    assert [line.event for line in again.lines] == [liam.event, gateway.event]
    assert again.unsaved == 0
    assert again.removed == (jade.origin,)


def test_an_own_entry_removed_is_deleted(world):
    family_id = world.pre_proceedings()
    chronology, manager = world.services.chronology, world.actor("manager")
    own = ChronologyLine(date(2026, 9, 2), "Called the mother.", "Phone log")
    saved = chronology.save_entries(manager, family_id,
                                    [*chronology.draw(manager, family_id).lines, own])
    kept_own = saved.lines[-1]
    after = chronology.save_entries(manager, family_id, saved.lines[:-1], removed=[kept_own])
    assert [line.event for line in after.lines] == ["Legal gateway decision: Enter "
                                                    "pre-proceedings."]
    assert after.removed == ()


def test_each_entry_is_checked_and_nothing_is_kept_when_one_is_wrong(world):
    family_id = world.pre_proceedings()
    chronology, manager = world.services.chronology, world.actor("manager")
    lines = [ChronologyLine(date(2026, 9, 2), "Called the mother.", "Phone log"),
             ChronologyLine(date(2026, 9, 3), "   ", "Phone log"),
             ChronologyLine(date(2026, 9, 4), "Visited.", "")]
    before = world.tables()
    with pytest.raises(ValidationFailed) as refused:
        chronology.save_entries(manager, family_id, lines)
    assert refused.value.problems == {
        "entry 2": "Entry 2: say what happened, or remove the entry.",
        "entry 3": "Entry 3: say where it is recorded, e.g. “Case note 14 Mar 2026”.",
    }
    assert world.tables() == before


def test_reading_needs_view_and_saving_needs_edit(world):
    family_id = world.pre_proceedings()
    reader = world.actor("readonly")
    view = world.services.chronology.draw(reader, family_id)
    with pytest.raises(PermissionDenied):
        world.services.chronology.save_entries(reader, family_id, view.lines)
    with pytest.raises(NotFound):
        world.services.chronology.draw(reader, 999_999)


def test_each_letter_the_app_made_and_sent_is_listed_once(world):
    from plo_tracker.domain.letter_types import LetterType
    from tests.services.test_letters import build_family

    family_id = build_family(world, "Chronoletter").family_id
    manager, letters = world.actor("manager"), world.services.letters
    before = letters.generate(manager, family_id, LetterType.LBP)[0]
    invite = letters.generate(manager, family_id, LetterType.PPM_INVITE)[0]
    for made in (before, invite):  # letters are dated today, Thursday 26 November 2026
        letters.record_sent(manager, made.letter_id, date(2026, 11, 26), SendMethod.HAND)
    lines = [(line.entry_date, line.event)
             for line in world.services.chronology.draw(manager, family_id).lines
             if line.source == "Letter"]
    assert lines == [
        (date(2026, 11, 26), "Letter before proceedings sent to Jade Chronoletter (by hand)."),
        (date(2026, 11, 26), "Invitation to the pre-proceedings meeting sent to Jade "
                             "Chronoletter (by hand)."),
    ]


def test_saved_as_a_document_dated_as_asked(world, tmp_path):
    from plo_tracker.domain.document_types import DocumentType

    family_id = world.letters_sent()
    chronology, manager = world.services.chronology, world.actor("manager")
    chronology.save_entries(manager, family_id, chronology.draw(manager, family_id).lines)
    # As at Wednesday 2 September 2026: the letters of the 3rd are left out.
    made = chronology.save_as_document(manager, family_id, date(2026, 9, 2))
    assert made.warning is None and made.pages == 1
    document = made.document
    assert (document.title, document.document_date, document.doc_type, document.source,
            document.default_section, document.author, document.page_count) == (
        "Social work chronology", date(2026, 9, 2), DocumentType.CHRONOLOGY, "chronology",
        "A", "Morgan Patel", 1)
    assert [d.document_id for d in world.services.documents.list(manager, family_id)] == [
        document.document_id]
    copy = world.services.documents.save_copy(manager, document.document_id,
                                              tmp_path / "chronology.pdf")
    text = " ".join(subprocess.run(["pdftotext", str(copy), "-"], check=True,
                                   capture_output=True, text=True).stdout.split())
    assert "Legal gateway decision: Enter pre-proceedings." in text
    assert "Letter before proceedings" not in text
    assert "As at Wednesday 2 September 2026" in text


def test_a_chronology_over_ten_pages_is_saved_with_a_warning(world):
    family_id = world.pre_proceedings()
    chronology, manager = world.services.chronology, world.actor("manager")
    event = ("Home visit with both parents: the children's routines, school attendance and "
             "the state of the home were discussed at length. ") * 6
    lines = [ChronologyLine(date(2026, 1, 1) + timedelta(days=n), event, "Case note")
             for n in range(150)]
    chronology.save_entries(manager, family_id, lines)
    made = chronology.save_as_document(manager, family_id, TODAY)
    assert made.pages > 10
    assert made.warning == (f"“Social work chronology” has {made.pages} pages; a chronology "
                            "should have at most 10 (PD27A). The court must agree to a longer "
                            "one.")
    assert made.document.page_count == made.pages

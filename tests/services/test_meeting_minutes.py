"""Minutes of a pre-proceedings meeting, from its record: what is missing, and the PDF read back.

17 September 2026 is a Thursday; 1 October 2026 a Thursday too.
"""

from __future__ import annotations

import subprocess
from datetime import date, time

import pytest

from plo_tracker.domain.vocabulary import MeetingKind, PlanItemKind
from plo_tracker.services.errors import NotFound, PermissionDenied
from plo_tracker.services.meeting_minutes import (
    NO_ATTENDANCE,
    NOT_HELD,
    NOTHING_AGREED,
    MinutesNotReady,
)

from .conftest import INITIAL_PPM_DAY


def _meetings(world, family_id: int) -> list[int]:
    detail = world.services.case_detail.family(world.actor("manager"), family_id, False)
    return [m.meeting_id for m in detail.episode.meetings]


def _held_family(world) -> tuple[int, int]:
    """A family whose initial meeting (17 Sep 2026) is recorded in full, with two
    expectations (progress recorded at the meeting on the first) and a review planned."""
    family_id = world.letters_sent()
    services, manager = world.services, world.actor("manager")
    plan = services.plan
    plan.add_item(manager, family_id, PlanItemKind.EXPECTATION,
                  "Keep the home safe and clean.", date(2026, 10, 30))
    plan.add_item(manager, family_id, PlanItemKind.EXPECTATION,
                  "Attend every contact session.", date(2026, 11, 30))
    services.milestones.record_meeting_held(
        manager, family_id, MeetingKind.INITIAL_PPM, INITIAL_PPM_DAY,
        attendance="Jade Testcase (mother), Liam Testcase (father), Sam Okafor (social worker)",
        solicitors_present=True, agreement_signed=True,
        agreed="The parents will attend the parenting course starting on 5 October.")
    meeting_id = _meetings(world, family_id)[0]
    detail = services.case_detail.family(manager, family_id, False)
    first = next(p for p in detail.episode.plan if p.text.startswith("Keep"))
    plan.record_progress(manager, family_id, first.item_id, INITIAL_PPM_DAY,
                         "The kitchen was clean at the last visit.", meeting_id=meeting_id)
    services.milestones.schedule_meeting(manager, family_id, MeetingKind.REVIEW_PPM,
                                         date(2026, 12, 3), start_time=time(10, 30),
                                         place="Civic Centre, Room 4")
    return family_id, meeting_id


def test_a_meeting_not_yet_held_has_no_minutes(world):
    family_id = world.letters_sent()
    world.services.milestones.schedule_meeting(world.actor("manager"), family_id,
                                               MeetingKind.INITIAL_PPM, date(2026, 12, 1))
    meeting_id = _meetings(world, family_id)[0]
    minutes = world.services.meeting_minutes
    assert minutes.check(world.actor("readonly"), meeting_id) == (NOT_HELD,)
    with pytest.raises(MinutesNotReady) as refused:
        minutes.preview(world.actor("manager"), meeting_id)
    assert refused.value.message == f"The minutes cannot be made yet. {NOT_HELD}"


def test_what_a_held_meeting_lacks_is_listed(world):
    family_id = world.initial_meeting_held()  # held, with no attendance and nothing agreed
    meeting_id = _meetings(world, family_id)[0]
    assert world.services.meeting_minutes.check(world.actor("manager"), meeting_id) == (
        NO_ATTENDANCE, NOTHING_AGREED)
    assert NO_ATTENDANCE == "Who attended is not recorded."


def test_the_minutes_read_back(world, tmp_path):
    family_id, meeting_id = _held_family(world)
    minutes = world.services.meeting_minutes
    assert minutes.check(world.actor("manager"), meeting_id) == ()
    path = tmp_path / "minutes.pdf"
    path.write_bytes(minutes.preview(world.actor("readonly"), meeting_id))
    text = " ".join(subprocess.run(["pdftotext", str(path), "-"], check=True,
                                   capture_output=True, text=True).stdout.split())
    assert "Minutes of the initial pre-proceedings meeting, 17 Sep 2026" in text
    assert "Initial pre-proceedings meeting, held on Thursday 17 September 2026." in text
    assert ("Jade Testcase (mother), Liam Testcase (father), Sam Okafor (social worker)"
            in text)
    assert "The parents' solicitors were present." in text
    first = text.index("1. Keep the home safe and clean. (by Friday 30 October 2026)")
    second = text.index("2. Attend every contact session. (by Monday 30 November 2026)")
    assert first < text.index("Progress: The kitchen was clean at the last visit.") < second
    assert text.index("Progress: No progress recorded at this meeting.") > second
    assert "The parents will attend the parenting course starting on 5 October." in text
    assert ("Review pre-proceedings meeting: Thursday 3 December 2026 at 10:30, Civic Centre, "
            "Room 4.") in text


def test_saving_minutes_needs_edit_and_a_family_seen(world):
    _family_id, meeting_id = _held_family(world)
    with pytest.raises(PermissionDenied):
        world.services.meeting_minutes.save(world.actor("readonly"), meeting_id)
    with pytest.raises(NotFound) as missing:
        world.services.meeting_minutes.check(world.actor("manager"), 999_999)
    assert missing.value.message == "There is no meeting with id 999999."


def test_saved_minutes_are_a_dated_document_of_the_meeting(world):
    from plo_tracker.domain.document_types import DocumentType

    family_id, meeting_id = _held_family(world)
    document = world.services.meeting_minutes.save(world.actor("manager"), meeting_id)
    assert (document.title, document.document_date, document.doc_type, document.source,
            document.meeting_id, document.default_section, document.family_id) == (
        "Minutes of the initial pre-proceedings meeting, 17 Sep 2026", date(2026, 9, 17),
        DocumentType.MINUTES, "minutes", meeting_id, "F", family_id)
    assert world.last_audit().action == "document.add"

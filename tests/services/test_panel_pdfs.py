"""The panel's PDFs read back: their text, page counts and bookmarks."""

from __future__ import annotations

from datetime import date, time

import pypdf
import pytest

from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.domain.panel import PanelDecision, PanelRole
from plo_tracker.domain.vocabulary import PlanItemKind
from plo_tracker.services.panel_views import (
    PanelActionForm,
    PanelDecisionForm,
    PanelMeetingForm,
    PanelMemberForm,
)
from plo_tracker.storage.models import AuditEntry
from tests.support import TODAY


def _text(path) -> str:
    reader = pypdf.PdfReader(path)
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


@pytest.fixture(scope="module")
def held(world):
    """A quorate meeting on TODAY with two families: one decided, one long record."""
    panel, manager = world.actor("panel"), world.actor("manager")
    meeting = world.services.panel.create_meeting(panel, PanelMeetingForm(
        TODAY, time(10, 0), "Room 4, County Hall",
        (PanelMemberForm(manager.user_id, "", PanelRole.CHAIR),
         PanelMemberForm(None, "Dana Reeve", PanelRole.LEGAL),
         PanelMemberForm(panel.user_id, "", PanelRole.MANAGER))))
    meeting = world.services.panel.record_attendance(
        panel, meeting.meeting_id, {m.member_id: m.name != "Priya Lambert"
                                    for m in meeting.members})
    decided, long = world.pre_proceedings(), world.pre_proceedings()
    for number in range(30):
        world.services.plan.add_item(manager, long, PlanItemKind.CONCERN,
                                     f"Concern {number}: " + "the home is not safe " * 40)
    first = world.services.panel.add_to_agenda(panel, meeting.meeting_id, decided)
    second = world.services.panel.add_to_agenda(panel, meeting.meeting_id, long)
    world.services.panel.set_recommendation(panel, first.item_id, "Extend by six weeks.")
    world.services.panel.record_decision(manager, first.item_id, PanelDecisionForm(
        PanelDecision.STAY, "The parents are engaging with the plan.",
        next_review_date=date(2026, 12, 17),
        actions=(PanelActionForm("Book the review meeting", world.actor("socialworker").user_id,
                                 date(2026, 12, 4)),)))
    world.services.panel.record_decision(manager, second.item_id, PanelDecisionForm(
        PanelDecision.DEFERRED, "The police report is awaited."))
    return world.services.panel.meeting(panel, meeting.meeting_id), first, second


def test_summary_sheet_is_one_page_with_long_text_cut(world, held, tmp_path):
    meeting, _, second = held
    out = world.services.panel.summary_sheet(world.actor("panel"), second.item_id,
                                             tmp_path / "sheet.pdf")
    assert len(pypdf.PdfReader(out).pages) == 1
    text = _text(out)
    assert second.family_text in text
    assert "Concerns" in text and "(continued in the record)" in text
    assert "Children: Ruby Testcase" in text
    assert "Stage: Pre-proceedings since 1 Sep 2026: day 87, week 13 of 16 (ends 21 Dec 2026)" \
        in text


def test_agenda_pack_has_contents_and_a_bookmark_per_family(world, held, tmp_path):
    meeting, first, second = held
    out = world.services.panel.summary_pack(world.actor("panel"), meeting.meeting_id,
                                            tmp_path / "pack.pdf")
    reader = pypdf.PdfReader(out)
    assert len(reader.pages) == 3  # contents, then one page each
    marks = [(m.title, reader.get_destination_page_number(m)) for m in reader.outline]
    assert marks == [("Contents", 0), (f"1. {first.family_text}", 1),
                     (f"2. {second.family_text}", 2)]
    contents = " ".join(reader.pages[0].extract_text().split())
    assert f"1 {first.family_text}" in contents and "Added by the chair 2" in contents
    assert "Extend by six weeks." in " ".join(reader.pages[1].extract_text().split())


def test_minutes_say_who_attended_quorum_and_each_decision(world, held, tmp_path):
    meeting, first, second = held
    out = world.services.panel.minutes(world.actor("panel"), meeting.meeting_id,
                                       tmp_path / "minutes.pdf")
    text = _text(out)
    assert "Minutes of the gateway panel, 26 Nov 2026" in text
    assert "Morgan Patel (chair)" in text and "Dana Reeve (local authority lawyer)" in text
    assert "Apologies (did not attend)" in text and "Priya Lambert (manager)" in text
    assert "Quorate: chair and lawyer present, 2 members" in text
    assert "Decision: Stay in pre-proceedings (review)" in text
    assert "Book the review meeting (Sam Okafor, by 4 Dec 2026)" in text
    assert "Next review by the panel: Thursday 17 December 2026." in text
    assert "Decision: Deferred to the next meeting" in text
    assert "not quorate" not in text


def test_decision_letter_and_printing_is_audited(world, held, tmp_path):
    _, first, _ = held
    before = world.audit_count()
    out = world.services.panel.decision_letter(world.actor("panel"), first.item_id,
                                               tmp_path / "letter.pdf")
    text = _text(out)
    assert f"Gateway panel decision: {first.family_text}" in text
    assert "Reasons: The parents are engaging with the plan." in text
    assert world.audit_count() == before + 1
    entry = world.last_audit()
    assert (entry.action, entry.family_id) == ("panel.letter", first.family_id)
    assert isinstance(entry, AuditEntry)


def test_no_letter_before_the_decision(world, held, tmp_path):
    meeting = world.services.panel.create_meeting(world.actor("panel"), PanelMeetingForm(
        TODAY, None, "", ()))
    item = world.services.panel.add_to_agenda(world.actor("panel"), meeting.meeting_id,
                                              world.awaiting())
    with pytest.raises(ValidationFailed):
        world.services.panel.decision_letter(world.actor("panel"), item.item_id,
                                             tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_decision_letter_kept_with_the_family_documents(world, held):
    _, first, _ = held
    document = world.services.panel.save_decision_letter(world.actor("manager"), first.item_id)
    assert document.title == "Gateway panel decision, 26 Nov 2026"
    assert document.family_id == first.family_id


def test_minutes_and_letter_mark_a_decision_at_a_meeting_not_quorate(world, tmp_path):
    panel, manager = world.actor("panel"), world.actor("manager")
    meeting = world.services.panel.create_meeting(panel, PanelMeetingForm(
        TODAY, None, "", (PanelMemberForm(manager.user_id, "", PanelRole.CHAIR),)))
    world.services.panel.record_attendance(panel, meeting.meeting_id,
                                           {m.member_id: True for m in meeting.members})
    item = world.services.panel.add_to_agenda(panel, meeting.meeting_id, world.pre_proceedings())
    world.services.panel.record_decision(manager, item.item_id, PanelDecisionForm(
        PanelDecision.DEFERRED, "The lawyer could not attend."))
    minutes = _text(world.services.panel.minutes(panel, meeting.meeting_id,
                                                 tmp_path / "minutes.pdf"))
    assert ("Not quorate: no lawyer attended; 1 member attended, 2 needed" in minutes)
    assert "Decided at a meeting that was not quorate." in minutes
    letter = _text(world.services.panel.decision_letter(panel, item.item_id,
                                                        tmp_path / "letter.pdf"))
    assert "Decided at a meeting that was not quorate." in letter

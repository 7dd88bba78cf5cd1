"""Meetings: planning one, recording one as held, and the family group decision-making offer."""

from __future__ import annotations

import re
from datetime import time

from PySide6.QtWidgets import QLineEdit

from plo_tracker.domain.date_rules import in_calendar, meeting_held_problems, not_in_future
from plo_tracker.domain.date_text import short_date
from plo_tracker.domain.date_warnings import held_meeting_warnings, planned_meeting_warnings
from plo_tracker.domain.letter_types import LBP_CODES
from plo_tracker.domain.stages import Stage
from plo_tracker.domain.text_rules import TextKind
from plo_tracker.domain.vocabulary import MeetingKind
from plo_tracker.services.case_base import Saved
from plo_tracker.services.case_detail import FamilyDetail, MeetingView

from .form_dialog import FormDialog
from .inputs import ChoiceBox, LongText, RadioChoice, YesNoBox, enum_choices

PRE_PROCEEDINGS_MEETINGS = (MeetingKind.INITIAL_PPM, MeetingKind.REVIEW_PPM, MeetingKind.FINAL,
                            MeetingKind.GATEWAY)


def _next_kind(detail: FamilyDetail) -> MeetingKind:
    """The meeting most likely meant: the initial one until it is planned, then a review."""
    meetings = detail.episode.meetings if detail.episode else ()
    if any(m.kind is MeetingKind.INITIAL_PPM for m in meetings):
        return MeetingKind.REVIEW_PPM
    return MeetingKind.INITIAL_PPM


def _before_gateway(detail: FamilyDetail, field: str, day) -> dict[str, str]:
    start = detail.episode.gateway_date if detail.episode else None
    if day and start and day < start:
        return {field: f"The meeting cannot be before the gateway decision on "
                       f"{short_date(start)}."}
    return {}


class ScheduleMeetingDialog(FormDialog):
    """Which meeting, and the day it is planned for."""

    title = "Plan a meeting"

    def build(self) -> None:
        awaiting = self.detail.episode and self.detail.episode.stage is Stage.AWAITING_GATEWAY
        kinds = (MeetingKind.GATEWAY,) if awaiting else PRE_PROCEEDINGS_MEETINGS
        self.set_intro("The pre-proceedings meeting (PPM) is held with the parents and their "
                       "solicitors; its date goes in the invitation letter.")
        self.kind = self.fields.add("kind", "Meeting", ChoiceBox(enum_choices(kinds)),
                                    required="Choose which meeting this is.")
        self.kind.set_value(MeetingKind.GATEWAY if awaiting else _next_kind(self.detail))
        self.planned_on = self.fields.add(
            "planned_date", "Date of the meeting", self.date_field(past_only=False),
            required="Enter the date the meeting is planned for.")
        self.start_time = self.fields.add("start_time", "Time", QLineEdit(), optional=True)
        self.start_time.setPlaceholderText("hh:mm, for example 10:30")
        self.place = self.fields.add("place", "Place", QLineEdit(), optional=True,
                                     note="The invitation letters need the time and place.",
                                     text=TextKind.PLACE)

    def check(self) -> dict[str, str]:
        found = _before_gateway(self.detail, "planned_date", self.planned_on.date())
        found |= in_calendar("planned_date", self.planned_on.date())
        if self.start_time.text().strip() and _time(self.start_time.text()) is None:
            found["start_time"] = ("Type the time as hours:minutes on the 24-hour clock, for "
                                   "example 10:30 or 14:00.")
        return found

    def warnings(self) -> list[str]:
        return planned_meeting_warnings(self.planned_on.date(), _time(self.start_time.text()),
                                        self.today)

    def submit(self, version: int) -> Saved:
        return self.services.milestones.schedule_meeting(
            self.actor, self.detail.family_id, self.kind.value(), self.planned_on.date(),
            expected_version=version, start_time=_time(self.start_time.text()),
            place=self.place.text().strip() or None)


_TIME = re.compile(r"(\d{1,2})[:.](\d{2})")


def _time(text: str) -> time | None:
    """A time typed as 10:30 or 10.30 (24-hour clock), or None if it is not one."""
    match = _TIME.fullmatch(text.strip())
    if match is None:
        return None
    hours, minutes = int(match[1]), int(match[2])
    return time(hours, minutes) if hours < 24 and minutes < 60 else None


def _planned(detail: FamilyDetail) -> list[MeetingView]:
    meetings = detail.episode.meetings if detail.episode else ()
    return [m for m in meetings if m.planned_date and not m.held_date]


def _held(detail: FamilyDetail) -> list[MeetingView]:
    """Meetings already held: chosen again to complete their record (say what was agreed,
    for the minutes, after the meeting was first recorded)."""
    meetings = detail.episode.meetings if detail.episode else ()
    return [m for m in meetings if m.held_date]


class MeetingHeldDialog(FormDialog):
    """A meeting as it happened: when, who came, solicitors present, agreement signed."""

    title = "Record a meeting as held"

    def build(self) -> None:
        self.set_intro("Record the initial pre-proceedings meeting (PPM) first, then each "
                       "review.")
        self.meeting = self.fields.add(
            "meeting", "Planned meeting", ChoiceBox())
        self.kind = self.fields.add(
            "kind", "Meeting", ChoiceBox(enum_choices(PRE_PROCEEDINGS_MEETINGS)),
            required="Choose which meeting this was.")
        self.held_on = self.fields.add("held_date", "Date held", self.date_field(),
                                       required="Enter the date the meeting was held.")
        self.attendance = self.fields.add("attendance", "Who attended", LongText(lines=3),
                                          optional=True, text=TextKind.TEXT)
        self.solicitors = self.fields.add("solicitors_present", "Parents' solicitors present",
                                          YesNoBox())
        self.agreement = self.fields.add("agreement_signed", "Written agreement signed",
                                         YesNoBox())
        self.agreed = self.fields.add("agreed", "What was agreed", LongText(lines=4),
                                      optional=True, text=TextKind.LONG_TEXT,
                                      note="In the words of the minutes.")
        self.family_reloaded(self.detail)
        planned = _planned(self.detail)
        if planned:
            self.meeting.set_value(planned[0].meeting_id)
        else:
            self.meeting.set_value(None)
        self._follow_planned()
        self.meeting.currentIndexChanged.connect(self._follow_planned)

    def family_reloaded(self, detail: FamilyDetail) -> None:
        self.meeting.set_choices(
            [("Not planned in the tracker", None)]
            + [(f"{m.kind.label}, planned for {short_date(m.planned_date)}", m.meeting_id)
               for m in _planned(detail)]
            + [(f"{m.kind.label}, held on {short_date(m.held_date)}: complete its record",
                m.meeting_id) for m in _held(detail)])

    def choose_meeting(self, meeting_id: int) -> None:
        """Open on this meeting (a held one shows its record, to be completed)."""
        self.meeting.set_value(meeting_id)
        self._follow_planned()

    def _chosen(self) -> MeetingView | None:
        chosen = self.meeting.value()
        return next((m for m in (*_planned(self.detail), *_held(self.detail))
                     if m.meeting_id == chosen), None)

    def _follow_planned(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            self.kind.set_value(_next_kind_held(self.detail))
            return
        self.kind.set_value(chosen.kind)
        if chosen.held_date:  # its record as it stands, to be completed or corrected
            self.held_on.set_date(chosen.held_date)
            self.attendance.setPlainText(chosen.attendance or "")
            self.solicitors.set_value(chosen.parents_solicitors_present)
            self.agreement.set_value(chosen.agreement_signed)
            self.agreed.setPlainText(chosen.agreed or "")

    def check(self) -> dict[str, str]:
        held_on = self.held_on.date()
        found = not_in_future("held_date", "The meeting date", held_on, self.today)
        found |= _before_gateway(self.detail, "held_date", held_on)
        kind = self.kind.value()
        if held_on and kind is not None:
            for name, message in _held_order(self.detail, kind, held_on).items():
                found.setdefault(name, message)
        chosen = self._chosen()
        if chosen is not None and self.kind.value() not in (None, chosen.kind):
            found["kind"] = (f"The meeting chosen was recorded as: {chosen.kind.label.lower()}. "
                             "Choose 'Not planned in the tracker' to record a different one.")
        return found

    def warnings(self) -> list[str]:
        chosen = self._chosen()
        return held_meeting_warnings(self.held_on.date(),
                                     chosen.planned_date if chosen else None)

    def submit(self, version: int) -> Saved:
        return self.services.milestones.record_meeting_held(
            self.actor, self.detail.family_id, self.kind.value(), self.held_on.date(),
            meeting_id=self.meeting.value(),
            attendance=self.attendance.toPlainText().strip() or None,
            solicitors_present=self.solicitors.value(), agreement_signed=self.agreement.value(),
            expected_version=version, agreed=self.agreed.toPlainText().strip() or None)


def _held_order(detail: FamilyDetail, kind: MeetingKind, held_on) -> dict[str, str]:
    """The domain's order of meetings: the initial one after a letter, reviews after it."""
    episode = detail.episode
    if episode is None:
        return {}
    initial = [m.held_date for m in episode.meetings
               if m.kind is MeetingKind.INITIAL_PPM and m.held_date]
    sent = [x.sent_date for x in episode.letters if x.kind.code in LBP_CODES and x.sent_date]
    return meeting_held_problems(kind, held_on, initial_held=min(initial, default=None),
                                 first_letter_sent=min(sent, default=None))


def _next_kind_held(detail: FamilyDetail) -> MeetingKind:
    meetings = detail.episode.meetings if detail.episode else ()
    if any(m.kind is MeetingKind.INITIAL_PPM and m.held_date for m in meetings):
        return MeetingKind.REVIEW_PPM
    return MeetingKind.INITIAL_PPM


class FgdmDialog(FormDialog):
    """Whether a family group decision-making meeting was offered, and held."""

    title = "Record the family group decision-making offer"

    def build(self) -> None:
        self.set_intro("A family group decision-making (FGDM) meeting is offered in the letter "
                       "before proceedings (section 31ZA of the Children Act 1989).")
        episode = self.detail.episode
        self.offered = self.fields.add(
            "fgdm_offered", "Offered to the family",
            RadioChoice([("Yes", True), ("No", False)], vertical=False),
            required="Say whether the meeting was offered.")
        self.held = self.fields.add(
            "fgdm_held", "Meeting held",
            RadioChoice([("Yes", True), ("No", False), ("Not yet known", None)],
                        vertical=False))
        if episode is not None and episode.fgdm_offered is not None:
            self.offered.set_value(episode.fgdm_offered)
        self.held.set_value(episode.fgdm_held if episode else None)

    def check(self) -> dict[str, str]:
        if self.held.value() is True and self.offered.value() is False:
            return {"fgdm_held": "The meeting can only be held once it is offered."}
        return {}

    def submit(self, version: int) -> Saved:
        return self.services.milestones.record_fgdm(
            self.actor, self.detail.family_id, self.offered.value(), self.held.value(),
            expected_version=version)

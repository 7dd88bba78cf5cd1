"""What a case tab is given to show: the family, its history, and the day it is read on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from plo_tracker.domain.clock import UK
from plo_tracker.domain.date_text import short_date
from plo_tracker.domain.due import DueItem, Rule
from plo_tracker.domain.vocabulary import MeetingKind
from plo_tracker.services.audit import AuditView
from plo_tracker.services.case_detail import EpisodeView, FamilyDetail
from plo_tracker.services.document_views import DocumentView

CURRENT_EPISODE = "This episode"


@dataclass(frozen=True)
class CaseData:
    """One load of a family for the workspace, read together in the background."""

    detail: FamilyDetail
    history: tuple[AuditView, ...]
    today: date
    due_soon_days: int
    target_weeks: int
    documents: tuple[DocumentView, ...] = ()

    def due_for(self, *rules: Rule) -> list[DueItem]:
        """The family's due items made by these rules, earliest first."""
        return [item for item in self.detail.due if item.rule in rules]


def episode_label(detail: FamilyDetail, episode: EpisodeView) -> str:
    """Which episode a record belongs to, for families with more than one."""
    if episode is detail.episode:
        return CURRENT_EPISODE
    if episode.gateway_date is not None:
        return f"Earlier, from {short_date(episode.gateway_date)}"
    return "Earlier"


def local_time(moment: datetime) -> str:
    """A stored UTC time as UK local time, e.g. "Thu 26 Nov 2026 12:00"."""
    local = moment.astimezone(UK)
    return f"{short_date(local.date())} {local:%H:%M}"


def days_text(count: int) -> str:
    """A count of calendar days in words: "1 calendar day", "12 calendar days"."""
    return f"{count:,} calendar day{'' if count == 1 else 's'}"


def due_text(item: DueItem, today: date, with_note: bool = True) -> str:
    """One due item in a sentence: what, by when, and how late.

    Lateness counts from the working day to act by: a deadline on a Sunday is overdue
    from the Saturday, not the Monday. A deadline on a day nobody works says so after the
    sentence (unless ``with_note`` is False, for a view that shows the note apart).
    """
    text = f"{item.title}, by {short_date(item.due)}"
    if item.act_by < today:
        text += f" ({days_text((today - item.act_by).days)} overdue)"
    elif item.act_by == today:
        text += " (today)" if item.due == today else " (act today)"
    note = item.deadline_note
    if with_note and note:
        text += f". {note}"
    return text


def meeting_names(episode: EpisodeView) -> dict[int, str]:
    """What each meeting is called: "initial meeting", "review 1", "review 2"..."""
    names: dict[int, str] = {}
    reviews = sorted((m for m in episode.meetings if m.kind is MeetingKind.REVIEW_PPM),
                     key=lambda m: (m.held_date or m.planned_date or date.max, m.meeting_id))
    for number, meeting in enumerate(reviews, start=1):
        names[meeting.meeting_id] = f"review {number}"
    for meeting in episode.meetings:
        if meeting.kind is MeetingKind.INITIAL_PPM:
            names[meeting.meeting_id] = "initial meeting"
        elif meeting.meeting_id not in names:
            names[meeting.meeting_id] = meeting.kind.label.lower()
    return names


def family_title(detail: FamilyDetail) -> str:
    """The family's id and surname, as the tab and the header show it: "PLO-2026-0042 Smith"."""
    if detail.children:
        surname = detail.children[0].last_name
    elif detail.adults:
        surname = detail.adults[0].last_name
    else:
        surname = ""
    return f"{detail.plo_family_id} {surname}".strip()

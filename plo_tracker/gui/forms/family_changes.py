"""What changed on a family between two readings, in sentences, for a form that reloads it."""

from __future__ import annotations

from plo_tracker.domain.date_text import short_date
from plo_tracker.services.case_detail import EpisodeView, FamilyDetail

NOTHING_SEEN = "Details of the family were changed."


def describe_changes(old: FamilyDetail, new: FamilyDetail) -> list[str]:
    """Plain sentences for what is new or different in ``new``; never empty."""
    found: list[str] = []
    if len(new.episodes) > len(old.episodes):
        found.append("A new episode was started.")
    elif old.episode is not None and new.episode is not None:
        found += _episode_changes(old.episode, new.episode)
    if (len(new.children), len(new.adults)) != (len(old.children), len(old.adults)) or (
            new.children != old.children or new.adults != old.adults):
        found.append("The people on the family's record were changed.")
    known = {n.note_id for n in old.notes}
    found += [f"{n.author} added a note." for n in new.notes if n.note_id not in known]
    if (new.social_worker, new.team, new.team_manager) != (
            old.social_worker, old.team, old.team_manager):
        found.append("The allocation was changed.")
    return found or [NOTHING_SEEN]


def _episode_changes(old: EpisodeView, new: EpisodeView) -> list[str]:
    found: list[str] = []
    if new.stage is not old.stage:
        found.append(f"The family's stage is now: {new.stage.label.lower()}.")
    letters = {x.letter_id for x in old.letters}
    found += [f"{x.kind.label} to {x.recipient} recorded as sent"
              + (f" on {short_date(x.sent_date)}." if x.sent_date else ".")
              for x in new.letters if x.letter_id not in letters]
    meetings = {m.meeting_id: m for m in old.meetings}
    for meeting in new.meetings:
        before = meetings.get(meeting.meeting_id)
        if meeting.held_date and (before is None or before.held_date != meeting.held_date):
            found.append(f"{meeting.kind.label} recorded as held on "
                         f"{short_date(meeting.held_date)}.")
        elif before is None and meeting.planned_date:
            found.append(f"{meeting.kind.label} planned for {short_date(meeting.planned_date)}.")
    assessments = {a.assessment_id: a for a in old.assessments}
    for assessment in new.assessments:
        before = assessments.get(assessment.assessment_id)
        what = f"{assessment.kind.label} of {assessment.subject}"
        if before is None:
            found.append(f"{what} commissioned.")
        elif assessment.completed_date and not before.completed_date:
            found.append(f"{what} completed.")
    extensions = {x.extension_id for x in old.extensions}
    found += [f"Pre-proceedings extended to {short_date(x.new_end_date)}."
              for x in new.extensions if x.extension_id not in extensions]
    if new.outcome and (new.outcome, new.outcome_date) != (old.outcome, old.outcome_date):
        found.append(f"Outcome recorded: {new.outcome.label.lower()}"
                     + (f" on {short_date(new.outcome_date)}." if new.outcome_date else "."))
    court = ("court_application_date", "short_notice", "short_notice_reason",
             "court_reference", "letter_of_issue_date")
    if any(getattr(new, name) != getattr(old, name) for name in court):
        found.append("The court application details were changed.")
    if (new.fgdm_offered, new.fgdm_held) != (old.fgdm_offered, old.fgdm_held):
        found.append("The family group decision-making record was changed.")
    if new.plan != old.plan:
        found.append("The plan was changed.")
    return found

"""Check-ins after a family steps down: set with the step-down, listed, and what was found.

The rows are made by ``schedule_followups`` in the same transaction as the step-down
(services/milestones.py record_outcome), one for each of the months in the settings at
that moment: changing the setting later changes the check-ins of later step-downs only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, func, select
from sqlalchemy.orm import Session

from plo_tracker.domain.audit_actions import AuditAction
from plo_tracker.domain.case_actions import CaseAction
from plo_tracker.domain.date_rules import not_in_future
from plo_tracker.domain.date_text import short_date
from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.domain.followups import Finding, FollowUpFact, followup_due, still_due
from plo_tracker.domain.text_rules import TextKind, text_problems
from plo_tracker.storage.models import Episode, Family, StepDownFollowUp

from . import audit
from .actor import Actor
from .case_base import CaseWriter, Change, Saved, refuse_if
from .errors import NotFound
from .family_access import NO_SUCH_FAMILY, family_visible
from .permissions import Permission, require

NO_SUCH_FOLLOWUP = "That follow-up check is no longer on the record. Refresh the family."


@dataclass(frozen=True)
class FollowUpForm:
    """What a follow-up check found: the day of the check, the finding and notes."""

    checked_on: date | None
    finding: Finding | None
    notes: str = ""


@dataclass(frozen=True)
class FollowUpView:
    """One check-in after a step-down, as the family's record shows it."""

    followup_id: int
    family_id: int
    episode_id: int
    months: int
    due_date: date
    checked_on: date | None
    finding: Finding | None
    notes: str | None
    recorded_by: str | None
    # No longer due: a check found the case closed, or a later episode has started.
    not_needed: bool = False

    @property
    def title(self) -> str:
        """"3-month follow-up"."""
        return f"{self.months}-month follow-up"

    @property
    def status_text(self) -> str:
        """"Checked on Tue 2 Feb 2027", "Due Tue 2 Feb 2027" or "Not needed"."""
        if self.checked_on is not None:
            return f"Checked on {short_date(self.checked_on)}"
        if self.not_needed:
            return "Not needed"
        return f"Due {short_date(self.due_date)}"


def schedule_followups(session: Session, episode: Episode, months: tuple[int, ...]) -> None:
    """Set the check-ins of an episode that has just stepped down, ``months`` after its
    decision; any not yet checked from an earlier recording are replaced, so the rows always
    follow the step-down date as recorded."""
    assert episode.outcome_date is not None
    for row in session.scalars(select(StepDownFollowUp).where(
            StepDownFollowUp.episode_id == episode.id, StepDownFollowUp.checked_on.is_(None))):
        session.delete(row)
    session.add_all(
        StepDownFollowUp(family_id=episode.family_id, episode_id=episode.id, months=m,
                         due_date=followup_due(episode.outcome_date, m))
        for m in sorted(set(months)))


class FollowUpService(CaseWriter):
    """Lists a family's check-ins and records what each found, as every case change is:
    permission, the family's team, its stage, its version and the audit entry at once."""

    def list(self, actor: Actor, family_id: int) -> tuple[FollowUpView, ...]:
        """Every check-in of the family, of every episode, earliest first.

        Raises:
            NotFound: no such family, or one the actor may not see.
        """
        require(actor, Permission.VIEW_CASES)
        with self._ctx.database.reading() as conn:
            if conn.execute(select(Family.id).where(
                    Family.id == family_id, family_visible(actor))).scalar() is None:
                raise NotFound(NO_SUCH_FAMILY)
            return family_followups(conn, family_id)

    def record(self, actor: Actor, followup_id: int, form: FollowUpForm,
               expected_version: int | None = None) -> Saved:
        """Record what a check found (or correct what was recorded).

        Raises:
            ValidationFailed: keyed by the form's fields (checked_on, finding, notes).
            NotFound: no such check-in, or one of a family the actor may not see.
        """
        require(actor, CaseAction.FOLLOW_UP.permission)
        problems = not_in_future("checked_on", "The check", form.checked_on,
                                 self._ctx.clock.today())
        if form.checked_on is None:
            problems["checked_on"] = "Enter the date of the check."
        if form.finding is None:
            problems["finding"] = "Choose what the check found."
        refuse_if(problems | text_problems(notes=(form.notes, TextKind.LONG_TEXT)))
        family_id = self._family_of(actor, followup_id)

        def apply(session: Session, family: Family) -> Change:
            followup = session.get(StepDownFollowUp, followup_id)
            if followup is None or followup.family_id != family.id:
                raise NotFound(NO_SUCH_FOLLOWUP)
            episode = family.episodes[-1]
            if followup.episode_id != episode.id:
                raise ValidationFailed({"followup": (
                    "This check belongs to an earlier episode: a new one has started since.")})
            assert form.checked_on is not None and form.finding is not None
            if episode.outcome_date and form.checked_on < episode.outcome_date:
                raise ValidationFailed({"checked_on": (
                    "The check cannot be before the step-down decision on "
                    f"{short_date(episode.outcome_date)}.")})
            before = audit.snapshot(followup) if followup.checked_on else None
            followup.checked_on = form.checked_on
            followup.finding = form.finding.value
            followup.notes = form.notes.strip() or None
            followup.recorded_by = actor.display_name[:64]
            return "followup", followup, before

        return self._change(actor, family_id, expected_version, CaseAction.FOLLOW_UP,
                            AuditAction.FOLLOW_UP, apply)

    def _family_of(self, actor: Actor, followup_id: int) -> int:
        # A check-in of a family the actor may not see gets the words of one that does not
        # exist, so the answer does not show that it does.
        with self._ctx.database.reading() as conn:
            family_id = conn.execute(
                select(StepDownFollowUp.family_id)
                .join(Family, Family.id == StepDownFollowUp.family_id)
                .where(StepDownFollowUp.id == followup_id, family_visible(actor))).scalar()
        if family_id is None:
            raise NotFound(NO_SUCH_FOLLOWUP)
        return family_id


def family_followups(conn: Connection, family_id: int) -> tuple[FollowUpView, ...]:
    """Every check-in of one family, earliest first, each marked not needed when it is no
    longer due (only the latest episode's can be)."""
    rows = list(conn.execute(
        select(StepDownFollowUp.id, StepDownFollowUp.family_id, StepDownFollowUp.episode_id,
               StepDownFollowUp.months, StepDownFollowUp.due_date,
               StepDownFollowUp.checked_on, StepDownFollowUp.finding,
               StepDownFollowUp.notes, StepDownFollowUp.recorded_by)
        .where(StepDownFollowUp.family_id == family_id)
        .order_by(StepDownFollowUp.due_date, StepDownFollowUp.id)))
    latest_episode_id = conn.execute(select(func.max(Episode.id)).where(
        Episode.family_id == family_id)).scalar()
    facts = [FollowUpFact(r[0], r[3], r[4], r[5], Finding(r[6]) if r[6] else None)
             for r in rows if r[2] == latest_episode_id]
    due = {f.followup_id for f in still_due(facts)}
    return tuple(
        FollowUpView(fid, family_id, episode_id, months, due_date, checked,
                     Finding(finding) if finding else None, notes, recorded_by,
                     not_needed=checked is None and fid not in due)
        for fid, family_id, episode_id, months, due_date, checked, finding, notes, recorded_by
        in rows)

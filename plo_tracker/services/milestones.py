"""Recording every milestone of an episode, from gateway decision to outcome and court."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from sqlalchemy.orm import Session

from plo_tracker.domain.audit_actions import AuditAction
from plo_tracker.domain.case_actions import CaseAction
from plo_tracker.domain.date_rules import (
    EpisodeDates,
    extension_problems,
    in_calendar,
    meeting_held_problems,
    not_in_future,
    order_problems,
)
from plo_tracker.domain.date_text import short_date
from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.domain.letter_types import LBP_CODES, LetterType
from plo_tracker.domain.permissions import APPROVER_ROLES
from plo_tracker.domain.ssd import CourtDetails
from plo_tracker.domain.stages import (
    Stage,
    check_transition,
    stage_after_gateway,
    stage_after_outcome,
)
from plo_tracker.domain.text_rules import TextKind, text_problems
from plo_tracker.domain.vocabulary import (
    AssessmentKind,
    GatewayDecision,
    MeetingKind,
    Outcome,
    Role,
    SendMethod,
    StepDownPlan,
)
from plo_tracker.storage.models import (
    Adult,
    Assessment,
    Episode,
    Extension,
    Family,
    Letter,
    Meeting,
    Note,
    User,
)

from . import audit
from .actor import Actor
from .case_base import CaseWriter, Change, Saved, current_episode, refuse_if
from .followups import schedule_followups


def _lbp_dates(episode: Episode) -> tuple[date, ...]:
    return tuple(letter.sent_date for letter in episode.letters
                 if letter.sent_date and letter.kind in LBP_CODES)


def _episode_dates(episode: Episode, **overrides: Any) -> EpisodeDates:
    values = dict(
        start=episode.gateway_date,
        letters_sent=_lbp_dates(episode),
        outcome=episode.outcome_date,
        court_application=episode.court_application_date,
        letter_of_issue=episode.letter_of_issue_date,
    )
    values.update(overrides)
    return EpisodeDates(**values)


def _refuse_order(dates: EpisodeDates, **field_names: str) -> None:
    """Refuse dates out of order, naming the form's own fields."""
    problems = order_problems(dates)
    refuse_if({field_names.get(name, name): message for name, message in problems.items()})


def _clean(text: str | None) -> str | None:
    """Typed text without surrounding space; None when nothing is left."""
    return (text or "").strip() or None


class MilestoneService(CaseWriter):
    """Each method checks permission, validates, writes and audits in one transaction."""

    def record_gateway_decision(
        self, actor: Actor, family_id: int, decision: GatewayDecision, decided_on: date,
        expected_version: int | None = None,
    ) -> Saved:
        """Record the panel's decision; a family whose last episode ended starts a new one."""
        today = self._ctx.clock.today()
        refuse_if(not_in_future("gateway_date", "The gateway decision", decided_on, today))

        def apply(session: Session, family: Family) -> Change:
            latest = family.episodes[-1] if family.episodes else None
            if latest is None or not Stage(latest.stage).is_open:
                # A family whose last episode ended starts a new one, after that one's end.
                ended = latest and (latest.closed_date or latest.outcome_date
                                    or latest.gateway_date)
                if ended and decided_on < ended:
                    raise ValidationFailed({"gateway_date": (
                        "A new episode cannot start before the previous one ended, on "
                        f"{short_date(ended)}."
                    )})
                latest = Episode(stage=Stage.AWAITING_GATEWAY.value)
                family.episodes.append(latest)
                session.flush()
            before = audit.snapshot(latest)
            target = stage_after_gateway(decision)
            check_transition(Stage(latest.stage), target)
            latest.gateway_decision = decision.value
            latest.gateway_date = decided_on
            latest.stage = target.value
            if target is Stage.NOT_ENTERED:
                latest.closed_date = decided_on
            return "episode", latest, before

        return self._change(actor, family_id, expected_version, CaseAction.GATEWAY_DECISION,
                            AuditAction.GATEWAY_DECISION, apply)

    def record_letter_sent(
        self, actor: Actor, family_id: int, adult_id: int, sent_on: date, method: SendMethod,
        kind: LetterType = LetterType.LBP, expected_version: int | None = None,
    ) -> Saved:
        """Record a letter before proceedings as sent to one recipient: their milestone.

        Each person receives one letter before proceedings in an episode; a second is
        refused, naming the date of the first.
        """
        refuse_if(not_in_future("sent_date", "The date sent", sent_on, self._ctx.clock.today()))
        if not kind.is_letter_before_proceedings:
            raise ValidationFailed({"kind": (
                "Only a letter before proceedings is recorded here; other letters are recorded "
                "as sent from the letters the app made.")})

        def apply(session: Session, family: Family) -> Change:
            episode = current_episode(family)
            adult = session.get(Adult, adult_id)
            if adult is None or adult.family_id != family.id:
                raise ValidationFailed({"recipient": "Choose a recipient from this family."})
            refuse_second_letter(episode, adult)
            _refuse_order(_episode_dates(episode, letters_sent=(sent_on,)),
                          letter_sent="sent_date")
            letter = Letter(kind=kind.value, adult_id=adult.id, sent_date=sent_on,
                            method=method.value)
            episode.letters.append(letter)
            return "letter", letter, None

        return self._change(actor, family_id, expected_version, CaseAction.LETTER_SENT,
                            AuditAction.LETTER_SENT, apply)

    def schedule_meeting(
        self, actor: Actor, family_id: int, kind: MeetingKind, planned_on: date,
        expected_version: int | None = None, start_time: time | None = None,
        place: str | None = None,
    ) -> Saved:
        """Plan a meeting on a date, at a time and place (the invitation letters say them)."""
        refuse_if(in_calendar("planned_date", planned_on)
                  | text_problems(place=(place, TextKind.PLACE)))

        def apply(session: Session, family: Family) -> Change:
            episode = current_episode(family)
            if kind is not MeetingKind.GATEWAY and Stage(episode.stage) is not (
                    Stage.PRE_PROCEEDINGS):
                raise ValidationFailed({"kind": (
                    "Pre-proceedings meetings are planned once the family is in "
                    "pre-proceedings. Before then, only the legal gateway meeting.")})
            if episode.gateway_date and planned_on < episode.gateway_date:
                raise ValidationFailed({"planned_date": (
                    "A pre-proceedings meeting cannot be planned before the gateway decision."
                )})
            meeting = Meeting(kind=kind.value, planned_date=planned_on, start_time=start_time,
                              place=_clean(place))
            episode.meetings.append(meeting)
            return "meeting", meeting, None

        return self._change(actor, family_id, expected_version, CaseAction.SCHEDULE_MEETING,
                            AuditAction.MEETING_SCHEDULE, apply)

    def record_meeting_held(
        self, actor: Actor, family_id: int, kind: MeetingKind, held_on: date,
        meeting_id: int | None = None, attendance: str | None = None,
        solicitors_present: bool | None = None, agreement_signed: bool | None = None,
        expected_version: int | None = None, agreed: str | None = None,
    ) -> Saved:
        """Record a meeting as held (a planned one, or one not planned in the tracker), with
        what was agreed, in the words of its minutes."""
        refuse_if(not_in_future("held_date", "The meeting date", held_on, self._ctx.clock.today())
                  | text_problems(attendance=(attendance, TextKind.TEXT),
                                  agreed=(agreed, TextKind.LONG_TEXT)))

        def apply(session: Session, family: Family) -> Change:
            episode = current_episode(family)
            if episode.gateway_date and held_on < episode.gateway_date:
                raise ValidationFailed({"held_date": (
                    "The meeting cannot have been held before the gateway decision on "
                    f"{short_date(episode.gateway_date)}."
                )})
            initial = [m.held_date for m in episode.meetings
                       if m.kind == MeetingKind.INITIAL_PPM.value and m.held_date]
            refuse_if(meeting_held_problems(
                kind, held_on, initial_held=min(initial, default=None),
                first_letter_sent=min(_lbp_dates(episode), default=None)))
            meeting = next((m for m in episode.meetings if m.id == meeting_id), None)
            if meeting_id is not None and meeting is None:
                raise ValidationFailed({"meeting": "That meeting is not on this family's record."})
            before = audit.snapshot(meeting) if meeting else None
            if meeting is None:
                meeting = Meeting(kind=kind.value)
                episode.meetings.append(meeting)
            meeting.held_date = held_on
            meeting.attendance = _clean(attendance)
            meeting.parents_solicitors_present = solicitors_present
            meeting.agreement_signed = agreement_signed
            meeting.agreed = _clean(agreed)
            return "meeting", meeting, before

        return self._change(actor, family_id, expected_version, CaseAction.MEETING_HELD,
                            AuditAction.MEETING_HELD, apply)

    def commission_assessment(
        self, actor: Actor, family_id: int, kind: AssessmentKind, subject: str,
        commissioned_on: date, due_on: date, author: str | None = None,
        expected_version: int | None = None, reason: str | None = None,
    ) -> Saved:
        """Commission an assessment with its due date."""
        problems = not_in_future("commissioned_date", "The commissioning date", commissioned_on,
                                 self._ctx.clock.today())
        problems |= in_calendar("due_date", due_on)
        if due_on < commissioned_on:
            problems["due_date"] = "The due date must be on or after the date commissioned."
        if not subject.strip():
            problems["subject"] = "Say who the assessment is of, e.g. the mother."
        problems |= text_problems(subject=(subject, TextKind.SHORT),
                                  author=(author, TextKind.SHORT),
                                  reason=(reason, TextKind.REASON))
        refuse_if(problems)

        def apply(session: Session, family: Family) -> Change:
            episode = current_episode(family)
            assessment = Assessment(kind=kind.value, subject=subject.strip(),
                                    commissioned_date=commissioned_on, due_date=due_on,
                                    author=_clean(author), reason=_clean(reason))
            episode.assessments.append(assessment)
            return "assessment", assessment, None

        return self._change(actor, family_id, expected_version, CaseAction.COMMISSION_ASSESSMENT,
                            AuditAction.ASSESSMENT_COMMISSION, apply)

    def complete_assessment(
        self, actor: Actor, family_id: int, assessment_id: int, completed_on: date,
        conclusion: str, author: str | None = None, expected_version: int | None = None,
    ) -> Saved:
        """Record an assessment as completed, with its conclusion."""
        problems = not_in_future("completed_date", "The completion date", completed_on,
                                 self._ctx.clock.today())
        if not conclusion.strip():
            problems["conclusion"] = "Summarise the assessment's conclusion."
        problems |= text_problems(conclusion=(conclusion, TextKind.LONG_TEXT),
                                  author=(author, TextKind.SHORT))
        refuse_if(problems)

        def apply(session: Session, family: Family) -> Change:
            episode = current_episode(family)
            assessment = next((a for a in episode.assessments if a.id == assessment_id), None)
            if assessment is None:
                raise ValidationFailed({"assessment": "That assessment is not on this episode."})
            if assessment.completed_date is not None:
                raise ValidationFailed({"assessment": (
                    "That assessment is already recorded as completed, on "
                    f"{short_date(assessment.completed_date)}.")})
            if assessment.commissioned_date and completed_on < assessment.commissioned_date:
                raise ValidationFailed({"completed_date": (
                    "An assessment cannot be completed before it was commissioned."
                )})
            before = audit.snapshot(assessment)
            assessment.completed_date = completed_on
            assessment.conclusion = conclusion.strip()
            if _clean(author):
                assessment.author = _clean(author)
            return "assessment", assessment, before

        return self._change(actor, family_id, expected_version, CaseAction.COMPLETE_ASSESSMENT,
                            AuditAction.ASSESSMENT_COMPLETE, apply)

    def record_fgdm(
        self, actor: Actor, family_id: int, offered: bool, held: bool | None,
        expected_version: int | None = None,
    ) -> Saved:
        """Record the family group decision-making offer (s.31ZA) and whether it was held."""
        if held and not offered:
            raise ValidationFailed({"fgdm_held": (
                "A family group decision-making meeting can only be held once it is offered."
            )})

        def apply(session: Session, family: Family) -> Change:
            episode = current_episode(family)
            if offered and not _lbp_dates(episode):
                raise ValidationFailed({"fgdm_offered": (
                    "The offer is made in the letter before proceedings: record a letter as "
                    "sent first."
                )})
            before = audit.snapshot(episode)
            episode.fgdm_offered = offered
            episode.fgdm_held = held
            return "episode", episode, before

        return self._change(actor, family_id, expected_version, CaseAction.FGDM,
                            AuditAction.FGDM, apply)

    def record_extension(
        self, actor: Actor, family_id: int, decided_on: date, new_end: date, reason: str,
        approved_by_id: int | None, expected_version: int | None = None,
    ) -> Saved:
        """Extend pre-proceedings to a new date, with the reason and the account that
        approved it (a team manager, panel member or administrator)."""
        problems = not_in_future("decided_on", "The extension decision", decided_on,
                                 self._ctx.clock.today())
        if not reason.strip():
            problems["reason"] = "Give the reason for the extension."
        problems |= text_problems(reason=(reason, TextKind.REASON))
        if approved_by_id is None:
            problems["approved_by"] = "Choose who approved the extension."
        refuse_if(problems)

        def apply(session: Session, family: Family) -> Change:
            episode = current_episode(family)
            approver = session.get(User, approved_by_id)
            if approver is None or not approver.active or Role(approver.role) not in (
                    APPROVER_ROLES):
                raise ValidationFailed({"approved_by": (
                    "An extension is approved by a team manager, a gateway panel member or an "
                    "administrator: choose one from the list.")})
            rules = self._ctx.settings(session.connection()).timescales
            current_end = (episode.extensions[-1].new_end_date if episode.extensions
                           else rules.pre_proceedings_end(episode.gateway_date)
                           if episode.gateway_date else None)
            refuse_if(extension_problems(decided_on, new_end, start=episode.gateway_date,
                                         current_end=current_end))
            extension = Extension(decided_on=decided_on, new_end_date=new_end,
                                  reason=reason.strip(), approved_by=approver.display_name,
                                  approved_by_id=approver.id)
            episode.extensions.append(extension)
            return "extension", extension, None

        return self._change(actor, family_id, expected_version, CaseAction.EXTENSION,
                            AuditAction.EXTENSION, apply)

    def record_outcome(
        self, actor: Actor, family_id: int, outcome: Outcome, decided_on: date,
        step_down_plan: StepDownPlan | None = None, expected_version: int | None = None,
    ) -> Saved:
        """Record the gateway panel's outcome: step down, issue proceedings, or other."""
        problems = not_in_future("outcome_date", "The outcome decision", decided_on,
                                 self._ctx.clock.today())
        if outcome is Outcome.STEP_DOWN and step_down_plan is None:
            problems["step_down_plan"] = "Choose the plan the family steps down to."
        refuse_if(problems)

        def apply(session: Session, family: Family) -> Change:
            episode = current_episode(family)
            target = stage_after_outcome(outcome)
            check_transition(Stage(episode.stage), target)
            _refuse_order(_episode_dates(episode, outcome=decided_on))
            before = audit.snapshot(episode)
            episode.outcome = outcome.value
            episode.outcome_date = decided_on
            episode.step_down_plan = step_down_plan.value if step_down_plan else None
            episode.stage = target.value
            if target in (Stage.STEPPED_DOWN, Stage.CLOSED):
                episode.closed_date = decided_on
            if target is Stage.STEPPED_DOWN:
                # The check-ins the settings ask for now; a later change of the setting
                # leaves these as they are.
                session.flush()
                schedule_followups(session, episode,
                                   self._ctx.settings(session.connection()).followups.months)
            return "episode", episode, before

        return self._change(actor, family_id, expected_version, CaseAction.OUTCOME,
                            AuditAction.OUTCOME, apply)

    def record_court_application(
        self, actor: Actor, family_id: int, applied_on: date, short_notice: bool,
        short_notice_reason: str | None, court_reference: str | None,
        letter_of_issue_on: date | None = None, expected_version: int | None = None,
        court_name: str | None = None, details: CourtDetails | None = None,
    ) -> Saved:
        """Record the care application (the family moves from "decided to issue" to
        "proceedings issued"), or correct its details: date, short notice and why,
        court and reference, letter of issue; and what the Standard Safeguarding Dataset
        asks of the proceedings (``details``: None keeps what is recorded)."""
        today = self._ctx.clock.today()
        problems = not_in_future("court_application_date", "The court application",
                                 applied_on, today)
        problems |= not_in_future("letter_of_issue_date", "The letter of issue",
                                  letter_of_issue_on, today)
        if short_notice and not (short_notice_reason or "").strip():
            problems["short_notice_reason"] = "Say why the application was made on short notice."
        problems |= text_problems(short_notice_reason=(short_notice_reason, TextKind.REASON),
                                  court_reference=(court_reference, TextKind.REFERENCE),
                                  court_name=(court_name, TextKind.SHORT))
        if details is not None:
            problems |= details.problems()
        refuse_if(problems)

        def apply(session: Session, family: Family) -> Change:
            episode = current_episode(family)
            _refuse_order(_episode_dates(episode, court_application=applied_on,
                                         letter_of_issue=letter_of_issue_on))
            before = audit.snapshot(episode)
            if Stage(episode.stage) is Stage.DECIDED_TO_ISSUE:
                check_transition(Stage.DECIDED_TO_ISSUE, Stage.PROCEEDINGS_ISSUED)
                episode.stage = Stage.PROCEEDINGS_ISSUED.value
            episode.court_application_date = applied_on
            episode.short_notice = short_notice
            episode.short_notice_reason = _clean(short_notice_reason) if short_notice else None
            episode.court_reference = _clean(court_reference)
            episode.letter_of_issue_date = letter_of_issue_on
            episode.court_name = _clean(court_name)
            if details is not None:
                for column, value in details.stored(short_notice).items():
                    setattr(episode, column, value)
            elif not short_notice:
                episode.short_notice_ground = None  # a ground without short notice says nothing
            return "episode", episode, before

        return self._change(actor, family_id, expected_version, CaseAction.COURT_APPLICATION,
                            AuditAction.COURT_APPLICATION, apply)

    def close_proceedings(
        self, actor: Actor, family_id: int, concluded_on: date,
        expected_version: int | None = None,
    ) -> Saved:
        """Close an episode whose care proceedings have concluded."""
        refuse_if(not_in_future("closed_date", "The conclusion", concluded_on,
                                self._ctx.clock.today()))

        def apply(session: Session, family: Family) -> Change:
            episode = current_episode(family)
            check_transition(Stage(episode.stage), Stage.CLOSED)
            if episode.court_application_date and concluded_on < episode.court_application_date:
                raise ValidationFailed({"closed_date": (
                    "Proceedings cannot conclude before the application was made."
                )})
            before = audit.snapshot(episode)
            episode.stage = Stage.CLOSED.value
            episode.closed_date = concluded_on
            return "episode", episode, before

        return self._change(actor, family_id, expected_version, CaseAction.CLOSE_PROCEEDINGS,
                            AuditAction.CLOSE_PROCEEDINGS, apply)

    def record_history(
        self, actor: Actor, family_id: int, text: str, expected_version: int | None = None,
    ) -> Saved:
        """Write the short history of the family's involvement that letters before
        proceedings give."""
        refuse_if({"history": "Write the short history first."} if not text.strip()
                  else text_problems(history=(text, TextKind.LONG_TEXT)))

        def apply(session: Session, family: Family) -> Change:
            episode = current_episode(family)
            before = audit.snapshot(episode)
            episode.history = text.strip()
            return "episode", episode, before

        return self._change(actor, family_id, expected_version, CaseAction.HISTORY,
                            AuditAction.HISTORY, apply)

    def add_note(
        self, actor: Actor, family_id: int, text: str, expected_version: int | None = None,
        for_chronology: bool = False,
    ) -> Saved:
        """Add a case note, written by the actor now; ``for_chronology`` marks it to appear
        in the social work chronology."""
        refuse_if({"text": "Write the note first."} if not text.strip()
                  else text_problems(text=(text, TextKind.LONG_TEXT)))

        def apply(session: Session, family: Family) -> Change:
            note = Note(author_id=actor.user_id, written_at=self._ctx.clock.now(),
                        text=text.strip(),
                        episode_id=family.episodes[-1].id if family.episodes else None)
            if for_chronology:  # only a marked note says so in its audit entry
                note.for_chronology = True
            family.notes.append(note)
            return "note", note, None

        return self._change(actor, family_id, expected_version, CaseAction.NOTE,
                            AuditAction.NOTE, apply)


def refuse_second_letter(episode: Episode, adult: Adult) -> None:
    """One letter before proceedings per person per episode; and only to a recipient."""
    name = f"{adult.first_name} {adult.last_name}"
    if not adult.receives_letters:
        raise ValidationFailed({"recipient": (
            f"{name} is recorded as not receiving letters. Change that on their details first "
            "if they should.")})
    earlier = [x.sent_date for x in episode.letters
               if x.adult_id == adult.id and x.kind in LBP_CODES and x.sent_date]
    if earlier:
        raise ValidationFailed({"recipient": (
            f"{name} was already sent the letter before proceedings, on "
            f"{short_date(min(earlier))}. Each person receives one in an episode.")})

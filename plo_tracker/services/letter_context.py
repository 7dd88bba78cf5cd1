"""Turning a family's record into the plain details a letter is made from."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

from plo_tracker.domain.clock import UK
from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.domain.letter_types import LetterType
from plo_tracker.domain.stages import Stage
from plo_tracker.domain.timescales import Timescales
from plo_tracker.domain.vocabulary import AssessmentKind, MeetingKind, PlanItemKind, StepDownPlan
from plo_tracker.settings import Settings
from plo_tracker.storage.models import Adult, Episode, Family, Meeting, User

# The letter's data classes are imported where a letter is put together, not when the
# services load as the window starts.
if TYPE_CHECKING:
    from plo_tracker.documents import letter_data as doc


def entitled_recipients(family: Family) -> list[Adult]:
    """Everyone who gets their own letter: each parent, and everyone else with parental
    responsibility, as each adult's record says."""
    return [adult for adult in family.adults if adult.receives_letters]


def check_stage(episode: Episode | None, letter_type: LetterType) -> Episode:
    """Refuse a letter the family's stage does not call for.

    Raises:
        ValidationFailed: naming the stage the letter needs.
    """
    problem = letter_type.stage_problem(Stage(episode.stage) if episode else None)
    if problem is not None:
        raise ValidationFailed({"letter_type": problem})
    assert episode is not None  # no episode has no stage, so the letter was refused above
    return episode


def _lines(text: str | None) -> tuple[str, ...]:
    return tuple(line.strip() for line in (text or "").splitlines() if line.strip())


def _starts_at(meeting: Meeting) -> datetime | None:
    if meeting.planned_date is None or meeting.start_time is None:
        return None
    return datetime.combine(meeting.planned_date, meeting.start_time, tzinfo=UK)


def _next_meeting(episode: Episode, kind: MeetingKind, label: str) -> doc.Meeting | None:
    from plo_tracker.documents import letter_data as doc

    planned = sorted(
        (m for m in episode.meetings if m.kind == kind.value and m.held_date is None
         and m.planned_date is not None),
        key=lambda m: (m.planned_date, m.start_time or time()),
    )
    if not planned:
        return None
    meeting = planned[0]
    # A meeting without a time or place is passed on blank, so the letter check names the gap.
    return doc.Meeting(label, _starts_at(meeting), meeting.place or "")  # type: ignore[arg-type]


def build_context(
    family: Family, episode: Episode, recipient: Adult, letter_type: LetterType,
    settings: Settings, users: dict[int, User], letter_date: date, rules: Timescales,
) -> doc.LetterContext:
    """Gather everything one letter to one recipient may say, from the case record."""
    from plo_tracker.documents import letter_data as doc

    council, letters = settings.council, settings.letters
    letterhead = doc.Letterhead(
        council_name=council.name, service_name=council.service,
        address_lines=_lines(council.address), phone=council.phone, email=council.email,
        signatory_name=letters.signatory_name, signatory_title=letters.signatory_title,
        logo_path=Path(letters.logo_path) if letters.logo_path else None,
    )
    worker = users.get(family.social_worker_id) if family.social_worker_id else None
    manager = users.get(family.team_manager_id) if family.team_manager_id else None
    items = episode.plan_items
    expectations = tuple(
        doc.Expectation(
            text=item.text, due=item.due_date, help_offered=item.help_offered,
            progress=item.progress[-1].text if item.progress else None,
        )
        for item in items if item.kind == PlanItemKind.EXPECTATION.value
    )
    # The family group decision-making meeting is offered in its own section of the letter
    # (s.31ZA), not proposed as an assessment of the parents.
    assessments = tuple(
        doc.Assessment(
            type_label=_assessment_label(a.kind), subject=a.subject, why=a.reason or "",
            who=a.author or "", due=a.due_date,  # type: ignore[arg-type]
        )
        for a in episode.assessments
        if a.completed_date is None and a.kind != AssessmentKind.FGDM.value
    )
    if letter_type is LetterType.REVIEW_INVITE:
        meeting = _next_meeting(episode, MeetingKind.REVIEW_PPM, "review meeting")
    else:
        meeting = _next_meeting(episode, MeetingKind.INITIAL_PPM, "pre-proceedings meeting")
    extension = episode.extensions[-1] if episode.extensions else None
    court = None
    if episode.court_application_date is not None:
        court = doc.CourtInfo(
            application_date=episode.court_application_date,
            court_name=episode.court_name or "", reference=episode.court_reference,
            short_notice=bool(episode.short_notice),
            short_notice_reason=episode.short_notice_reason,
        )
    # The plan's end: the latest extension's date, else the end of the target weeks.
    if episode.extensions:
        end = episode.extensions[-1].new_end_date
    elif episode.gateway_date is not None:
        end = rules.pre_proceedings_end(episode.gateway_date)
    else:
        end = None
    is_lbp = letter_type.is_letter_before_proceedings
    return doc.LetterContext(
        letter_type=letter_type,
        letter_date=letter_date,
        family_reference=family.plo_family_id,
        letterhead=letterhead,
        recipient=doc.Recipient(
            f"{recipient.first_name} {recipient.last_name}", _lines(recipient.address),
            recipient.large_print, needs_interpreter=bool(recipient.needs_interpreter),
            language=(recipient.language or "").strip() or None,
            needs_advocate=bool(recipient.needs_advocate),
            needs_intermediary=bool(recipient.needs_intermediary),
            advocate_name=(recipient.advocate_name or "").strip() or None,
            intermediary_name=(recipient.intermediary_name or "").strip() or None,
        ),
        children=tuple(
            doc.Child(f"{c.first_name} {c.last_name}", c.date_of_birth, c.expected_date_of_birth)
            for c in family.children
        ),
        social_worker_name=worker.display_name if worker else "",
        social_worker_phone=(worker.phone or "") if worker else "",
        social_worker_email=worker.email if worker else None,
        team_manager_name=manager.display_name if manager else None,
        concerns=tuple(i.text for i in items if i.kind == PlanItemKind.CONCERN.value),
        history=episode.history,
        support_given=tuple(i.text for i in items if i.kind == PlanItemKind.SUPPORT.value),
        expectations=expectations,
        assessments=assessments if is_lbp or letter_type is LetterType.AGREEMENT else (),
        meeting=meeting if letter_type not in (
            LetterType.ISSUE, LetterType.STEP_DOWN, LetterType.EXTENSION) else None,
        solicitors=tuple(
            doc.Solicitor(s.name, s.firm, _lines(s.address), s.phone, s.email or None)
            for s in settings.letters.solicitors
        ),
        # The letter before proceedings makes the offer itself (its template words it); the
        # council may add how its meetings are arranged.
        fgdm_offered=is_lbp or bool(episode.fgdm_offered),
        fgdm_offer_text=(letters.fgdm_arrangements.strip() or None) if is_lbp else None,
        extension=doc.Extension(extension.new_end_date, extension.reason, extension.approved_by)
        if extension else None,
        court=court,
        step_down_plan=StepDownPlan(episode.step_down_plan).label.lower()
        if episode.step_down_plan else None,
        plan_end_date=end,
        # Names only: another adult's address (perhaps confidential) never goes in a letter.
        other_adults=tuple(
            f"{a.first_name} {a.last_name}" for a in entitled_recipients(family)
            if a.id != recipient.id
        ),
    )


def _assessment_label(code: str) -> str:
    return AssessmentKind(code).label


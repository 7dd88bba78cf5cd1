"""What a letter's details still lack before it can be made: gaps and placeholders."""

from __future__ import annotations

from plo_tracker.domain.errors import DomainError
from plo_tracker.domain.letter_types import (
    ASSESSMENTS,
    CONCERNS,
    COURT,
    EXPECTATION_DATES,
    EXPECTATIONS,
    EXTENSION,
    FGDM,
    HELP,
    HISTORY,
    MEETING,
    SOLICITORS,
    STEP_DOWN,
    SUPPORT,
    UNBORN,
    LetterType,
)
from plo_tracker.domain.text_rules import looks_blank

from .letter_data import LetterContext


class LetterNotReady(DomainError):
    """A letter was asked for before the case has everything the letter must say."""

    def __init__(self, letter_type: LetterType, missing: list[str]) -> None:
        self.letter_type = letter_type
        self.missing = list(missing)
        super().__init__(
            f"The {letter_type.title.lower()} cannot be made yet. "
            f"Please add {'; '.join(self.missing)}."
        )


def _short(text: str, limit: int = 40) -> str:
    """Return the start of ``text`` to say which item is meant."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


class _Gaps:
    """Collects the names of missing details, each once, in the order found."""

    def __init__(self) -> None:
        self.names: list[str] = []

    def add(self, name: str) -> None:
        if name not in self.names:
            self.names.append(name)

    def need(self, value: object, name: str) -> None:
        """A detail the letter must have."""
        if looks_blank(value):
            self.add(name)

    def check(self, value: str | None, name: str) -> None:
        """A detail the letter may leave out, but that must not be a placeholder."""
        if value is not None and value.strip() and looks_blank(value):
            self.add(name)

    def need_lines(self, lines: tuple[str, ...], name: str, at_least: int = 1) -> None:
        given = [line for line in lines if line.strip()]
        if len(given) < at_least or any(looks_blank(line) for line in given):
            self.add(name)

    def items(self, items: tuple[str, ...], required: bool, name: str, item_name: str) -> None:
        if required and not items:
            self.add(name)
        for number, item in enumerate(items, start=1):
            self.need(item, f"{item_name} {number}")


def _check_common(ctx: LetterContext, gaps: _Gaps) -> None:
    head = ctx.letterhead
    gaps.need(head.council_name, "the council's name")
    gaps.need(head.service_name, "the service name for the letterhead")
    gaps.need_lines(head.address_lines, "the council's postal address", at_least=2)
    gaps.need(head.phone, "the council's phone number")
    gaps.need(head.email, "the council's email address")
    gaps.need(head.signatory_name, "the name of the person who signs the letter")
    gaps.need(head.signatory_title, "the job title of the person who signs the letter")
    if head.logo_path is not None and not head.logo_path.is_file():
        gaps.add("the council's logo (the picture file cannot be found)")
    gaps.need(ctx.letter_date, "the date of the letter")
    gaps.need(ctx.family_reference, "the family reference")
    gaps.need(ctx.recipient.name, "the name of the person the letter is to")
    gaps.need_lines(
        ctx.recipient.address_lines, "the full postal address of the person the letter is to",
        at_least=2,
    )
    if not ctx.children:
        gaps.add("the children the letter is about")
    for number, child in enumerate(ctx.children, start=1):
        gaps.need(child.name, f"the name of child {number}")
        label = child.name if not looks_blank(child.name) else f"child {number}"
        if child.date_of_birth is None and child.expected_date_of_birth is None:
            gaps.add(f"the date of birth (or expected date of birth) of {label}")
    gaps.need(ctx.social_worker_name, "the social worker's name")
    gaps.need(ctx.social_worker_phone, "the social worker's phone number")
    gaps.check(ctx.social_worker_email, "the social worker's email address")
    gaps.check(ctx.team_manager_name, "the team manager's name")
    gaps.check(ctx.fgdm_offer_text, "the wording about the family group meeting offer")
    for number, name in enumerate(ctx.other_adults, start=1):
        gaps.need(name, f"the name of other adult {number}")


def _check_expectations(ctx: LetterContext, gaps: _Gaps, needs: frozenset[str]) -> None:
    if EXPECTATIONS in needs and not ctx.expectations:
        gaps.add("what must change (the expectations)")
    for number, item in enumerate(ctx.expectations, start=1):
        gaps.need(item.text, f"the wording of expectation {number}")
        which = f"expectation {number} ('{_short(item.text)}')"
        if EXPECTATION_DATES in needs:
            gaps.need(item.due, f"the date by which {which} must be met")
        if HELP in needs:
            gaps.need(item.help_offered, f"the help offered with {which}")
        gaps.check(item.help_offered, f"the help offered with {which}")
        gaps.check(item.progress, f"the progress made with {which}")


def _check_meeting(ctx: LetterContext, gaps: _Gaps, required: bool) -> None:
    kind = "review meeting" if ctx.letter_type is LetterType.REVIEW_INVITE else (
        "pre-proceedings meeting"
    )
    meeting = ctx.meeting
    if meeting is None:
        if required:
            gaps.add(f"the {kind} date, time and place")
        return
    gaps.need(meeting.kind, f"the kind of meeting (for example '{kind}')")
    gaps.need(meeting.starts_at, f"the {kind} date and time")
    gaps.need(meeting.place, f"the place of the {kind}")
    _check_supporters(ctx, gaps, kind)


def _check_supporters(ctx: LetterContext, gaps: _Gaps, kind: str) -> None:
    """A letter giving the meeting tells the reader who will support them there, so an
    advocate or intermediary they need must be named in their details."""
    reader = ctx.recipient
    name = reader.name if not looks_blank(reader.name) else "the person the letter is to"
    for needed, supporter, role in (
            (reader.needs_advocate, reader.advocate_name, "advocate"),
            (reader.needs_intermediary, reader.intermediary_name, "intermediary")):
        if needed:
            gaps.need(supporter, f"the name of the {role} who will support {name} at the "
                                 f"{kind} (in their details)")


def _check_solicitors(ctx: LetterContext, gaps: _Gaps, required: bool) -> None:
    if required and not ctx.solicitors:
        gaps.add("the list of local children-law solicitors")
    for number, firm in enumerate(ctx.solicitors, start=1):
        label = f"solicitor {number}" + ("" if looks_blank(firm.firm) else f" ({firm.firm})")
        gaps.need(firm.firm, f"the firm's name for solicitor {number}")
        gaps.need(firm.name, f"the contact name for {label}")
        gaps.need_lines(firm.address_lines, f"the address of {label}")
        gaps.need(firm.phone, f"the phone number of {label}")
        gaps.check(firm.email, f"the email address of {label}")


def _check_assessments(ctx: LetterContext, gaps: _Gaps, required: bool) -> None:
    if required and not ctx.assessments:
        gaps.add("the assessments proposed")
    for number, item in enumerate(ctx.assessments, start=1):
        label = f"assessment {number}" + (
            "" if looks_blank(item.type_label) else f" ({item.type_label})"
        )
        gaps.need(item.type_label, f"the kind of assessment {number}")
        gaps.need(item.subject, f"who {label} is of")
        gaps.need(item.why, f"why {label} is needed")
        gaps.need(item.who, f"who will do {label}")
        gaps.need(item.due, f"when {label} will be finished")


def _check_court(ctx: LetterContext, gaps: _Gaps, required: bool) -> None:
    court = ctx.court
    if court is None:
        if required:
            gaps.add("the court application details (date and court)")
        return
    gaps.need(court.application_date, "the date of the court application")
    gaps.need(court.court_name, "the name of the court")
    gaps.check(court.reference, "the court reference")
    gaps.check(court.short_notice_reason, "the reason for the short-notice application")
    if court.hearing is not None:
        gaps.need(court.hearing.kind, "the kind of court hearing")
        gaps.need(court.hearing.starts_at, "the date and time of the court hearing")
        gaps.need(court.hearing.place, "the place of the court hearing")


def _check_extension(ctx: LetterContext, gaps: _Gaps, required: bool) -> None:
    extension = ctx.extension
    if extension is None:
        if required:
            gaps.add("the extension details (new end date, reason and who approved it)")
        return
    gaps.need(extension.new_end_date, "the new end date of pre-proceedings")
    gaps.need(extension.reason, "the reason for the extension")
    gaps.need(extension.approved_by, "who approved the extension")


def missing_fields(ctx: LetterContext) -> list[str]:
    """Name, in plain English, each detail the letter needs that the case lacks.

    Callers refuse to make the letter while this list is not empty, so a letter
    never goes out with a gap or a placeholder such as "TBC". Optional details
    may be left out, but one that is given must not be a placeholder either.

    Args:
        ctx: the details of the letter to be made; ``ctx.letter_type`` says
            which details are needed.

    Returns:
        Names such as "the pre-proceedings meeting date, time and place" or
        "the list of local children-law solicitors"; empty when nothing is missing.
    """
    gaps = _Gaps()
    needs = ctx.letter_type.requires
    _check_common(ctx, gaps)
    if UNBORN in needs and not any(child.is_unborn for child in ctx.children):
        gaps.add("the baby's expected date of birth")
    gaps.items(ctx.concerns, CONCERNS in needs, "the concerns", "the text of concern")
    if HISTORY in needs:
        gaps.need(ctx.history, "the short history of the family's involvement")
    gaps.check(ctx.history, "the short history of the family's involvement")
    gaps.items(
        ctx.support_given, SUPPORT in needs, "the support already given",
        "the text of support item",
    )
    _check_expectations(ctx, gaps, needs)
    _check_assessments(ctx, gaps, ASSESSMENTS in needs)
    _check_meeting(ctx, gaps, MEETING in needs)
    _check_solicitors(ctx, gaps, SOLICITORS in needs)
    if FGDM in needs and not ctx.fgdm_offered:
        gaps.add("the offer of a family group decision-making meeting")
    _check_court(ctx, gaps, COURT in needs)
    if STEP_DOWN in needs:
        gaps.need(
            ctx.step_down_plan,
            "the plan the family steps down to (a child protection or child in need plan)",
        )
    gaps.check(ctx.step_down_plan, "the plan the family steps down to")
    _check_extension(ctx, gaps, EXTENSION in needs)
    return gaps.names

"""The plain data a letter is made from: frozen dataclasses, no ORM rows, no Qt."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date, datetime
from pathlib import Path

from plo_tracker.domain import letter_types as kinds
from plo_tracker.domain.letter_types import LetterType


def _tuples(instance: object, *names: str) -> None:
    """Store sequences as tuples so callers may pass lists and the result stays frozen."""
    for name in names:
        value = getattr(instance, name)
        if not isinstance(value, tuple):
            object.__setattr__(instance, name, tuple(value))


@dataclass(frozen=True)
class Letterhead:
    """Who the letter is from: the council's details and who signs."""

    council_name: str
    service_name: str
    address_lines: tuple[str, ...]
    phone: str
    email: str
    signatory_name: str
    signatory_title: str
    logo_path: Path | None = None

    def __post_init__(self) -> None:
        _tuples(self, "address_lines")


@dataclass(frozen=True)
class Recipient:
    """The person the letter is addressed to, and the help they need to read it and to
    take part in meetings (from their adult record)."""

    name: str
    address_lines: tuple[str, ...]
    large_print: bool = False
    needs_interpreter: bool = False
    language: str | None = None
    needs_advocate: bool = False
    needs_intermediary: bool = False
    # Who supports them at meetings, as recorded ("Sam Lee from Voice Advocacy"); the
    # invitations name them, so a letter is not made while a needed one is unnamed.
    advocate_name: str | None = None
    intermediary_name: str | None = None

    def __post_init__(self) -> None:
        _tuples(self, "address_lines")

    @property
    def interpreter(self) -> str:
        """"a Polish interpreter", "an Arabic interpreter", or "an interpreter" when no
        language is recorded: for the sentence saying one will be at the meeting."""
        language = " ".join((self.language or "").split())
        if not language:
            return "an interpreter"
        # "an Urdu", but "a Ukrainian": a leading "U" said "you" takes "a".
        vowel = language[0].upper() in "AEIOU" and not language.upper().startswith("UK")
        return f"{'an' if vowel else 'a'} {language} interpreter"


@dataclass(frozen=True)
class Child:
    """A child the letter is about; an unborn baby has only an expected date of birth."""

    name: str
    date_of_birth: date | None = None
    expected_date_of_birth: date | None = None

    @property
    def is_unborn(self) -> bool:
        """True when the baby has not been born yet."""
        return self.date_of_birth is None and self.expected_date_of_birth is not None


@dataclass(frozen=True)
class Meeting:
    """A meeting or hearing the reader is invited to."""

    kind: str
    starts_at: datetime
    place: str


@dataclass(frozen=True)
class Solicitor:
    """A local children-law solicitor the reader may contact for free advice."""

    name: str
    firm: str
    address_lines: tuple[str, ...]
    phone: str
    email: str | None = None

    def __post_init__(self) -> None:
        _tuples(self, "address_lines")


@dataclass(frozen=True)
class Expectation:
    """One thing that must change, by when, the help offered and progress so far."""

    text: str
    due: date | None = None
    help_offered: str | None = None
    progress: str | None = None


@dataclass(frozen=True)
class Assessment:
    """An assessment the council proposes: what, of whom, why, by whom and when."""

    type_label: str
    subject: str
    why: str
    who: str
    due: date


@dataclass(frozen=True)
class Extension:
    """A decision to extend pre-proceedings beyond the usual time."""

    new_end_date: date
    reason: str
    approved_by: str


@dataclass(frozen=True)
class CourtInfo:
    """The council's application to the family court."""

    application_date: date
    court_name: str
    reference: str | None = None
    short_notice: bool = False
    short_notice_reason: str | None = None
    hearing: Meeting | None = None


@dataclass(frozen=True)
class LetterContext:
    """Everything one letter may say; fields a letter type does not use stay empty."""

    letter_type: LetterType
    letter_date: date
    family_reference: str
    letterhead: Letterhead
    recipient: Recipient
    children: tuple[Child, ...]
    social_worker_name: str
    social_worker_phone: str
    social_worker_email: str | None = None
    team_manager_name: str | None = None
    concerns: tuple[str, ...] = ()
    history: str | None = None
    support_given: tuple[str, ...] = ()
    expectations: tuple[Expectation, ...] = ()
    assessments: tuple[Assessment, ...] = ()
    meeting: Meeting | None = None
    solicitors: tuple[Solicitor, ...] = ()
    fgdm_offered: bool = False
    fgdm_offer_text: str | None = None
    extension: Extension | None = None
    court: CourtInfo | None = None
    step_down_plan: str | None = None
    plan_end_date: date | None = None
    other_adults: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _tuples(
            self,
            *(f.name for f in fields(self) if f.default == () or f.name == "children"),
        )


def sample_context(
    letter_type: LetterType = LetterType.LBP, *, complete: bool = True
) -> LetterContext:
    """Return a fictional family's letter details, for checking templates and for demos.

    Names, addresses and phone numbers are invented (the numbers are in the
    ranges Ofcom keeps for drama), so a sample letter can never reach a real
    person.

    Args:
        letter_type: the letter the sample is for.
        complete: True to fill every optional detail; False to give only what
            ``letter_type`` requires, which shows whether a template copes with
            a case that has nothing more.

    Returns:
        A context for which ``missing_fields`` finds nothing missing.
    """
    letter_date = date(2026, 3, 3)
    unborn = letter_type is LetterType.LBP_UNBORN
    children: tuple[Child, ...] = (
        Child("Ava Marsh", date_of_birth=date(2019, 5, 14)),
        Child("Leo Marsh", date_of_birth=date(2021, 11, 2)),
    )
    if unborn:
        children = (Child("Baby Marsh", expected_date_of_birth=date(2026, 6, 20)),)
        if complete:
            children += (Child("Ava Marsh", date_of_birth=date(2019, 5, 14)),)
    everything = LetterContext(
        letter_type=letter_type,
        letter_date=letter_date,
        family_reference="PLO-2026-0042",
        letterhead=Letterhead(
            council_name="Northshire County Council",
            service_name="Children's Services",
            address_lines=("County Hall", "Market Street", "Northtown", "NT1 1AA"),
            phone="01632 960 100",
            email="childrens.services@northshire.example",
            signatory_name="Priya Shah",
            signatory_title="Head of Service, Children in Need and Protection",
        ),
        recipient=Recipient(
            name="Kelly Marsh",
            address_lines=("14 Orchard Close", "Eastfield", "Northtown", "NT4 7QP"),
            # Every need, so a template's sentences for each are filled in when checked.
            needs_interpreter=True, language="Polish", needs_advocate=True,
            needs_intermediary=True, advocate_name="Sam Lee from Voice Advocacy",
            intermediary_name="Jo Brown",
        ),
        children=children,
        social_worker_name="Tom Okafor",
        social_worker_phone="01632 960 245",
        social_worker_email="tom.okafor@northshire.example",
        team_manager_name="Helen Brooks",
        concerns=(
            "The children have often been left at home without an adult.",
            "Ava has missed 40 days of school since September.",
            "There have been arguments at home that the police were called to, "
            "and the children saw and heard them.",
        ),
        history=(
            "Children's services first worked with your family in 2023, when the "
            "school was worried about Ava's attendance. Since June 2025 Ava and Leo "
            "have had child protection plans. Things have not improved enough."
        ),
        support_given=(
            "Weekly visits from your social worker since June 2025.",
            "A place on the Family Steps parenting course.",
            "Help from the school's family support worker with mornings and attendance.",
        ),
        expectations=(
            Expectation(
                "Ava and Leo are always looked after by an adult you have agreed with us.",
                due=date(2026, 3, 17),
                help_offered="We will help you make a list of people who can babysit.",
                progress="Partly met: a list has been agreed, but Leo was left alone once.",
            ),
            Expectation(
                "Ava goes to school every day and on time.",
                due=date(2026, 4, 28),
                help_offered="The family support worker will call each morning for four weeks.",
                progress="Attendance is now 88 per cent.",
            ),
        ),
        assessments=(
            Assessment(
                type_label="Parenting assessment",
                subject="Kelly Marsh",
                why="To understand how you care for the children and what help you need.",
                who="Jo Reed, independent social worker",
                due=date(2026, 5, 12),
            ),
            Assessment(
                type_label="Viability assessment",
                subject="Margaret Marsh (grandmother)",
                why="To see whether family could care for the children if they cannot "
                "stay at home.",
                who="Sam Patel, kinship care team",
                due=date(2026, 4, 7),
            ),
        ),
        meeting=Meeting(
            kind="pre-proceedings meeting"
            if letter_type is not LetterType.REVIEW_INVITE
            else "review meeting",
            starts_at=datetime(2026, 3, 17, 10, 30),
            place="Northtown Family Centre, 4 Mill Lane, Northtown NT2 3BB",
        ),
        solicitors=(
            Solicitor(
                name="Anna Lewis",
                firm="Harbour & Vale Solicitors",
                address_lines=("2 Quay Street", "Northtown", "NT1 4DE"),
                phone="01632 960 310",
                email="family@harbourvale.example",
            ),
            Solicitor(
                name="David Mensah",
                firm="Greenway Family Law",
                address_lines=("The Old Bank", "High Street", "Westbury", "NT9 2LL"),
                phone="01632 960 722",
            ),
        ),
        fgdm_offered=True,
        fgdm_offer_text="Our family group conference coordinator, Lucy Grant, will ring "
        "you this week to talk about it.",
        extension=Extension(
            new_end_date=date(2026, 8, 4),
            reason="The parenting assessment needs more time because you started a "
            "new course in May.",
            approved_by="Priya Shah, Head of Service",
        ),
        court=CourtInfo(
            application_date=date(2026, 7, 20),
            court_name="Family Court at Northtown",
            reference="NT26C00123",
            short_notice=True,
            short_notice_reason="Leo was hurt at home on 17 July 2026.",
            hearing=Meeting(
                kind="first hearing",
                starts_at=datetime(2026, 7, 22, 14, 0),
                place="Northtown Combined Court, Castle Road, Northtown NT1 2CC",
            ),
        ),
        step_down_plan="child in need plan",
        plan_end_date=date(2026, 6, 23),
        other_adults=("Ryan Marsh",),
    )
    if complete:
        return everything
    return _only_required(everything)


def _only_required(ctx: LetterContext) -> LetterContext:
    """Leave out every optional detail that the context's letter type does not need."""
    needs = ctx.letter_type.requires

    def keep(detail: str, value: object, empty: object) -> object:
        return value if detail in needs else empty

    expectations = tuple(
        Expectation(
            item.text,
            due=item.due if kinds.EXPECTATION_DATES in needs else None,
            help_offered=item.help_offered if kinds.HELP in needs else None,
        )
        for item in ctx.expectations
    )
    court = ctx.court and CourtInfo(ctx.court.application_date, ctx.court.court_name)
    return replace(
        ctx,
        recipient=Recipient(ctx.recipient.name, ctx.recipient.address_lines),
        social_worker_email=None,
        team_manager_name=None,
        concerns=keep(kinds.CONCERNS, ctx.concerns, ()),
        history=keep(kinds.HISTORY, ctx.history, None),
        support_given=keep(kinds.SUPPORT, ctx.support_given, ()),
        expectations=keep(kinds.EXPECTATIONS, expectations, ()),
        assessments=keep(kinds.ASSESSMENTS, ctx.assessments, ()),
        meeting=keep(kinds.MEETING, ctx.meeting, None),
        solicitors=keep(
            kinds.SOLICITORS, tuple(replace(s, email=None) for s in ctx.solicitors), ()
        ),
        fgdm_offered=kinds.FGDM in needs,
        fgdm_offer_text=None,
        extension=keep(kinds.EXTENSION, ctx.extension, None),
        court=keep(kinds.COURT, court, None),
        step_down_plan=keep(kinds.STEP_DOWN, ctx.step_down_plan, None),
        plan_end_date=None,
        other_adults=(),
    )

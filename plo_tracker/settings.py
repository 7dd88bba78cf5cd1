"""Every setting a council can change, typed, with its default, and the checks on its value.

Each type checks itself (``problems()``), so any caller is refused a bad value, not only
a dialog: the settings service refuses to store one, and the dialogs show the messages
under the fields, keyed "section.field" ("council.phone", "letters.solicitors.2.email").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from plo_tracker.domain.bundle_sections import (
    DEFAULT_PAGE_LIMIT,
    DEFAULT_SECTIONS,
    SectionTemplate,
    check_sections,
)
from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.domain.retention import RetentionPeriods
from plo_tracker.domain.text_rules import TextKind, looks_blank, text_problem
from plo_tracker.domain.timescales import Timescales

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# The first bytes of the pictures a letterhead can show: PNG, JPEG and GIF.
_PICTURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a")


def text_value_problem(value: str, what: str, kind: TextKind,
                       required: str | None = None) -> str | None:
    """Why a typed setting cannot be used: empty when required, a placeholder such as
    "TBC" (it would be printed in letters as it is), too long, or with control characters."""
    if not value.strip():
        return required
    if looks_blank(value):
        return f"Enter the real {what}: “{value.strip()}” would be printed in letters as it is."
    return text_problem(value, kind)


def phone_problem(value: str, required: str | None = None) -> str | None:
    """Why a phone number cannot be used; None when it can (or is empty and optional)."""
    problem = text_value_problem(value, "phone number", TextKind.PHONE, required)
    if problem or not value.strip():
        return problem
    if sum(ch.isdigit() for ch in value) < 6 or re.search(r"[A-Za-z]", value):
        return "Enter a phone number of digits and spaces, for example 01632 960000."
    return None


def email_problem(value: str, required: str | None = None) -> str | None:
    """Why an email address cannot be used; None when it can (or is empty and optional)."""
    if not value.strip():
        return required
    if not _EMAIL.match(value.strip()):
        return "Enter an email address such as name@council.gov.uk."
    return text_problem(value, TextKind.EMAIL)


def address_problem(value: str, required: str | None = None) -> str | None:
    """Why a postal address cannot be used: it needs at least the street and the postcode."""
    lines = [line for line in value.splitlines() if line.strip()]
    if not lines:
        return required
    if len(lines) < 2:
        return "Put the address on separate lines: at least the street and the postcode."
    if any(looks_blank(line) for line in lines):
        return "The address has a placeholder in it; enter the real address."
    return text_problem(value, TextKind.ADDRESS)


def picture_problem(path: str) -> str | None:
    """Why a file cannot be the council's logo, or None when it is a picture letters show."""
    if not path:
        return None
    file = Path(path)
    if not file.is_file():
        return "The picture file cannot be found. Choose it again."
    with file.open("rb") as handle:
        start = handle.read(8)
    if not start.startswith(_PICTURES):
        return "That file is not a picture. Choose a PNG, JPEG or GIF image."
    return None


def _keyed(section: str, found: dict[str, str | None]) -> dict[str, str]:
    return {f"{section}.{name}": problem for name, problem in found.items() if problem}


@dataclass(frozen=True)
class CouncilDetails:
    """Who the council is, for headers, letters and reports."""

    name: str = ""
    service: str = "Children's Services"
    address: str = ""
    phone: str = ""
    email: str = ""

    def problems(self) -> dict[str, str]:
        """Only the name is needed to save; letters list what else they still need."""
        return _keyed("council", {
            "name": text_value_problem(self.name, "council's name", TextKind.SHORT,
                                       "Enter the council's name; it appears on every letter."),
            "service": text_value_problem(self.service, "service name", TextKind.SHORT),
            "address": address_problem(self.address),
            "phone": phone_problem(self.phone),
            "email": email_problem(self.email),
        })


@dataclass(frozen=True)
class LocalSolicitor:
    """A children-law solicitor listed in letters before proceedings (the council's list)."""

    name: str
    firm: str
    address: str
    phone: str
    email: str = ""

    def problems(self) -> dict[str, str]:
        """Field name to why it is refused: every detail but the email is printed."""
        found = {
            "name": text_value_problem(self.name, "solicitor's name", TextKind.FULL_NAME,
                                       "Enter the solicitor's name."),
            "firm": text_value_problem(self.firm, "firm's name", TextKind.SHORT,
                                       "Enter the firm's name."),
            "address": address_problem(self.address, "Enter the firm's address."),
            "phone": phone_problem(self.phone, "Enter the firm's phone number."),
            "email": email_problem(self.email),
        }
        return {name: problem for name, problem in found.items() if problem}


@dataclass(frozen=True)
class LetterSettings:
    """The letterhead's signature block and logo, and the list of local solicitors."""

    signatory_name: str = ""
    signatory_title: str = ""
    logo_path: str = ""
    solicitors: tuple[LocalSolicitor, ...] = ()
    # How the council arranges family group decision-making meetings, said after the
    # offer in letters before proceedings ("Our coordinator will ring you this week").
    fgdm_arrangements: str = ""

    def __post_init__(self) -> None:
        # Stored as JSON, the list comes back as plain dicts.
        object.__setattr__(self, "solicitors", tuple(
            s if isinstance(s, LocalSolicitor) else LocalSolicitor(**s) for s in self.solicitors
        ))

    def problems(self) -> dict[str, str]:
        found = _keyed("letters", {
            "signatory_name": text_value_problem(self.signatory_name, "name of who signs",
                                                 TextKind.FULL_NAME),
            "signatory_title": text_value_problem(self.signatory_title, "job title",
                                                  TextKind.SHORT),
            "logo_path": picture_problem(self.logo_path),
            "fgdm_arrangements": text_problem(self.fgdm_arrangements, TextKind.REASON),
        })
        for number, solicitor in enumerate(self.solicitors, start=1):
            found |= {f"letters.solicitors.{number}.{name}": problem
                      for name, problem in solicitor.problems().items()}
        return found


@dataclass(frozen=True)
class ReadabilitySettings:
    """The reading grade letters should meet (Flesch-Kincaid; grade 6 is a reading age of
    about 11). A letter above it is flagged, never refused."""

    target_grade: int = 6

    def problems(self) -> dict[str, str]:
        grade = self.target_grade
        if isinstance(grade, bool) or not isinstance(grade, int) or not 3 <= grade <= 12:
            return {"readability.target_grade": (
                "The reading grade target must be a whole grade from 3 to 12 (grade 6 is a "
                "reading age of about 11).")}
        return {}


@dataclass(frozen=True)
class AccountSettings:
    """How long an account stays locked after failed sign-ins, and when an idle window locks."""

    lockout_minutes: int = 15
    idle_lock_minutes: int = 15

    def problems(self) -> dict[str, str]:
        found = {}
        for name, what in (("lockout_minutes", "An account's lock-out"),
                           ("idle_lock_minutes", "The idle lock")):
            value = getattr(self, name)
            if not isinstance(value, int) or not 1 <= value <= 24 * 60:
                found[f"accounts.{name}"] = f"{what} must last from 1 to 1,440 minutes (a day)."
        return found


@dataclass(frozen=True)
class BundleSettings:
    """The sections every new court bundle starts with, and its page limit (PD27A's 350)."""

    sections: tuple[SectionTemplate, ...] = DEFAULT_SECTIONS
    page_limit: int = DEFAULT_PAGE_LIMIT

    def __post_init__(self) -> None:
        # Stored as JSON, the sections come back as plain dicts (or lists).
        object.__setattr__(self, "sections", tuple(
            s if isinstance(s, SectionTemplate)
            else SectionTemplate(**s) if isinstance(s, dict) else SectionTemplate(*s)
            for s in self.sections))

    def problems(self) -> dict[str, str]:
        found: dict[str, str] = {}
        try:
            check_sections(self.sections)
        except ValidationFailed as refused:
            found |= {f"bundles.sections.{key}": why for key, why in refused.problems.items()}
        if not isinstance(self.page_limit, int) or not 1 <= self.page_limit <= 10_000:
            found["bundles.page_limit"] = ("A bundle's page limit must be a number of pages "
                                           "from 1 to 10,000 (PD27A's is 350).")
        return found


@dataclass(frozen=True)
class DocumentSettings:
    """Where a team keeps its documents' files: a folder everyone using the team server
    can reach. Empty: the folder beside the database file (a team server then has none,
    and documents cannot be added until one is set)."""

    shared_folder: str = ""

    def problems(self) -> dict[str, str]:
        folder = self.shared_folder.strip()
        if folder and not (Path(folder).is_absolute() or folder.startswith("\\\\")):
            return {"documents.shared_folder": (
                "Enter the whole path of the shared folder, such as \\\\server\\plo-documents "
                "or /srv/plo-documents, so every computer finds the same folder.")}
        return {}


@dataclass(frozen=True)
class PanelSettings:
    """When a gateway panel meeting is quorate, and how near the 16 weeks a family must be
    for the agenda to propose it. Local practice: a senior manager in the chair and the
    local authority's lawyer, at least two members in all."""

    quorum_members: int = 2
    quorum_needs_chair: bool = True
    quorum_needs_lawyer: bool = True
    # A family within this many weeks of the end of its 16 weeks is proposed for a decision.
    near_end_weeks: int = 2

    def problems(self) -> dict[str, str]:
        found = {}
        if not isinstance(self.quorum_members, int) or not 1 <= self.quorum_members <= 20:
            found["panel.quorum_members"] = ("The quorum must be from 1 to 20 members who "
                                             "attended.")
        if not isinstance(self.near_end_weeks, int) or not 0 <= self.near_end_weeks <= 16:
            found["panel.near_end_weeks"] = ("Say how many weeks before the end of the 16 weeks "
                                             "a family is proposed for a decision: 0 to 16.")
        return found


@dataclass(frozen=True)
class FollowUpSettings:
    """The check-ins set when a family steps down, in months after the decision."""

    months: tuple[int, ...] = (3, 6)

    def __post_init__(self) -> None:
        object.__setattr__(self, "months", tuple(self.months))  # JSON gives a list back

    def problems(self) -> dict[str, str]:
        months = self.months
        if (not all(isinstance(m, int) and 1 <= m <= 36 for m in months)
                or len(set(months)) != len(months) or len(months) > 6):
            return {"followups.months": ("Give up to six different follow-ups, each from 1 to "
                                         "36 months after the step-down, such as 3 and 6.")}
        return {}


@dataclass(frozen=True)
class ReturnSettings:
    """The census's PPOutcome code for each of the app's outcomes. The defaults are the
    app's reading of the CIN census module 5 guidance: check them against the DfE
    specification for the year before sending a return."""

    outcome_step_down: str = "A"
    outcome_issue_proceedings: str = "B"
    outcome_other: str = "C"

    def problems(self) -> dict[str, str]:
        found = {}
        codes = {}
        for name in ("outcome_step_down", "outcome_issue_proceedings", "outcome_other"):
            value = getattr(self, name)
            if not isinstance(value, str) or not value.strip() or len(value.strip()) > 4 \
                    or not value.strip().isalnum():
                found[f"returns.{name}"] = ("An outcome code is 1 to 4 letters or digits, "
                                            "such as A.")
            codes.setdefault(str(value).strip().upper(), []).append(name)
        for names in codes.values():
            for name in names[1:]:
                found.setdefault(f"returns.{name}", "Each outcome needs a code of its own.")
        return found


@dataclass(frozen=True)
class Settings:
    """All settings; a value absent from the database takes the default here."""

    timescales: Timescales = field(default_factory=Timescales)
    council: CouncilDetails = field(default_factory=CouncilDetails)
    letters: LetterSettings = field(default_factory=LetterSettings)
    # The reading grade letters are checked against.
    readability: ReadabilitySettings = field(default_factory=ReadabilitySettings)
    # How long records are kept (domain/retention.py says what each number governs).
    retention: RetentionPeriods = field(default_factory=RetentionPeriods)
    accounts: AccountSettings = field(default_factory=AccountSettings)
    # The sections of a new court bundle (administrators may change the lettering).
    bundles: BundleSettings = field(default_factory=BundleSettings)
    # The team's shared folder for documents' files (empty: beside the database file).
    documents: DocumentSettings = field(default_factory=DocumentSettings)
    # The gateway panel's quorum and agenda.
    panel: PanelSettings = field(default_factory=PanelSettings)
    # Check-ins after a family steps down.
    followups: FollowUpSettings = field(default_factory=FollowUpSettings)
    # Codes for the national returns.
    returns: ReturnSettings = field(default_factory=ReturnSettings)

    def problems(self) -> dict[str, str]:
        """Every value that cannot be stored, keyed "section.field", with the reason."""
        return ({f"timescales.{k}": v for k, v in self.timescales.problems().items()}
                | self.council.problems() | self.letters.problems()
                | {f"retention.{k}": v for k, v in self.retention.problems().items()}
                | self.accounts.problems() | self.bundles.problems()
                | self.documents.problems() | self.panel.problems()
                | self.followups.problems() | self.returns.problems()
                | self.readability.problems())

"""The columns of the council's spreadsheet that the import reads: one home for their names,
what each holds, and how a heading in someone's file is matched to one.

One row per child per episode. The census columns (contract C: the CIN census module 5
export, in its order) come first and must all be present; everything after them is
optional, and a file of the census columns alone (a census export) imports too.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

MAX_ADULTS = 4


class Level(enum.Enum):
    """What a column describes: every row of one family (episode, child) must agree on it."""

    FAMILY = "family"
    EPISODE = "episode"
    CHILD = "child"


class Kind(enum.Enum):
    """How a cell is read (domain/import_values.py)."""

    TEXT = "text"
    DATE = "date"
    DATES = "dates"  # several dates in one cell, separated by ';'
    YES_NO = "yes_no"
    COUNT = "count"
    OUTCOME = "outcome"
    SEX = "sex"


@dataclass(frozen=True)
class ImportColumn:
    name: str
    kind: Kind
    level: Level
    required: bool
    meaning: str  # what to write in it, as the user guide says (a test checks each is there)


def _census(name: str, kind: Kind, level: Level, meaning: str) -> ImportColumn:
    return ImportColumn(name, kind, level, True, meaning)


def _optional(name: str, kind: Kind, level: Level, meaning: str) -> ImportColumn:
    return ImportColumn(name, kind, level, False, meaning)


_E, _F, _C = Level.EPISODE, Level.FAMILY, Level.CHILD

# The census export's header, in its exact order (contract C).
CENSUS_COLUMNS: tuple[ImportColumn, ...] = (
    _census("LAchildID", Kind.TEXT, _C,
            "The council's own ID for the child, kept as the child's local ID."),
    _census("EpisodeID", Kind.TEXT, _E,
            "The council's reference for the PLO episode, kept on the episode. May be blank: "
            "the start date then tells a family's episodes apart."),
    _census("PLOFamilyID", Kind.TEXT, _F,
            "The family's PLO ID (e.g. PLO-2026-0042): rows with the same ID are one family."),
    _census("PPStartDate", Kind.DATE, _E,
            "The date of the gateway decision to enter pre-proceedings (dd/mm/yyyy)."),
    _census("LBPSentDate", Kind.DATE, _E, "The date the letter before proceedings was sent."),
    _census("FGDMMeetingOffer", Kind.YES_NO, _E,
            "Was a family group decision-making meeting offered? 1 or 0."),
    _census("FGDMMeetingFac", Kind.YES_NO, _E, "Was that meeting held (facilitated)? 1 or 0."),
    _census("InitialPPMeetingDate", Kind.DATE, _E,
            "The date the initial pre-proceedings meeting was held."),
    _census("ReviewMeetingsCount", Kind.COUNT, _E, "How many review meetings were held."),
    _census("StepDecisionDate", Kind.DATE, _E, "The date of the outcome decision."),
    _census("PPOutcome", Kind.OUTCOME, _E,
            "The outcome code: A stepped down, B care proceedings, C ended otherwise (the "
            "codes are the census outcome codes in Settings)."),
    _census("CourtAppDate", Kind.DATE, _E, "The date of the care application to the court."),
    _census("LetterInitCPDate", Kind.DATE, _E, "The date the letter of issue was sent."),
)


def _adult_columns(number: int) -> tuple[ImportColumn, ...]:
    return (
        _optional(f"Adult{number}Name", Kind.TEXT, _F,
                  "A parent or person with parental responsibility: first name and surname."),
        _optional(f"Adult{number}Relationship", Kind.TEXT, _F,
                  "Who they are to the children, e.g. mother."),
        _optional(f"Adult{number}PR", Kind.YES_NO, _F,
                  "Do they have parental responsibility? 1 or 0."),
        _optional(f"Adult{number}Address", Kind.TEXT, _F,
                  "Their address, lines separated by commas."),
    )


OPTIONAL_COLUMNS: tuple[ImportColumn, ...] = (
    _optional("ReviewMeetingDates", Kind.DATES, _E,
              "The dates review meetings were held, separated by ';'. Without them a review "
              "count is recorded as meetings dated on the initial meeting, marked so."),
    _optional("Team", Kind.TEXT, _F, "The family's team (the social worker's team if blank)."),
    _optional("SocialWorker", Kind.TEXT, _F,
              "The user name the family's social worker signs in with."),
    _optional("ChildFirstName", Kind.TEXT, _C, "The child's first name."),
    _optional("ChildLastName", Kind.TEXT, _C, "The child's surname."),
    _optional("DateOfBirth", Kind.DATE, _C, "The child's date of birth."),
    _optional("ExpectedDateOfBirth", Kind.DATE, _C,
              "For an unborn baby: the expected date of birth."),
    _optional("Sex", Kind.SEX, _C, "F, M or blank (not known)."),
    *(column for number in range(1, MAX_ADULTS + 1) for column in _adult_columns(number)),
)

COLUMNS: tuple[ImportColumn, ...] = CENSUS_COLUMNS + OPTIONAL_COLUMNS
BY_NAME: dict[str, ImportColumn] = {column.name: column for column in COLUMNS}


def heading_key(heading: str) -> str:
    """A heading as compared: case, spaces, underscores and hyphens do not matter."""
    return "".join(ch for ch in heading.casefold() if ch not in " _-\t\ufeff")


_BY_KEY = {heading_key(column.name): column for column in COLUMNS}


@dataclass(frozen=True)
class HeadingMatch:
    """Which position in the file holds each known column, and what did not match."""

    positions: dict[str, int]
    unknown: tuple[str, ...]
    missing: tuple[str, ...]  # required columns not found
    repeated: tuple[str, ...]  # known columns given twice


def match_headings(headings: tuple[str, ...]) -> HeadingMatch:
    """Match a file's headings to the columns; blank headings are ignored."""
    positions: dict[str, int] = {}
    unknown: list[str] = []
    repeated: list[str] = []
    for position, heading in enumerate(headings):
        if not heading.strip():
            continue
        column = _BY_KEY.get(heading_key(heading))
        if column is None:
            unknown.append(heading.strip())
        elif column.name in positions:
            repeated.append(column.name)
        else:
            positions[column.name] = position
    missing = tuple(c.name for c in COLUMNS if c.required and c.name not in positions)
    return HeadingMatch(positions, tuple(unknown), missing, tuple(repeated))

"""From the rows of an imported spreadsheet to the families, children, adults and episodes they
describe, with every rule the rows break named by row and column.

Rows with the same PLOFamilyID are one family; within it, rows with the same EpisodeID (or,
without one, the same PPStartDate) are one episode, and rows with the same LAchildID (or name
and date of birth) are one child. What describes a family, an episode or a child may be given
on any of its rows or repeated on each, but two rows may not say different things.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from typing import cast

from .date_rules import EpisodeDates, meeting_held_problems, not_in_future, order_problems
from .import_columns import COLUMNS, MAX_ADULTS, Level
from .import_rows import ImportProblem, ImportRow
from .recipients import receives_letters_by_default
from .stages import Stage, stage_after_outcome
from .text_rules import TextKind, text_problem
from .vocabulary import MeetingKind, Outcome, Sex

_LEVEL_COLUMNS = {level: tuple(c.name for c in COLUMNS if c.level is level) for level in Level}
# Census date columns, with the words for "cannot be in the future".
_HAPPENED = (("PPStartDate", "The start of pre-proceedings"),
             ("LBPSentDate", "The letter before proceedings"),
             ("InitialPPMeetingDate", "The initial meeting"),
             ("StepDecisionDate", "The outcome decision"),
             ("CourtAppDate", "The court application"),
             ("LetterInitCPDate", "The letter of issue"))
_ORDER_COLUMNS = {"letter_sent": "LBPSentDate", "outcome_date": "StepDecisionDate",
                  "court_application_date": "CourtAppDate",
                  "letter_of_issue_date": "LetterInitCPDate"}
UNDATED_REVIEW_NOTE = (
    "Held, on a date not known: the imported spreadsheet gave the number of review meetings "
    "but not their dates, so the initial meeting's date is shown. Correct it from the minutes.")


@dataclass(frozen=True)
class PlannedChild:
    first_name: str
    last_name: str
    date_of_birth: date | None
    expected_date_of_birth: date | None
    sex: Sex
    local_child_id: str | None
    named: bool  # False: the file gave no name, so the child is known by its ID
    # The row each column's value came from, for the service's checks of names and dates.
    rows: dict[str, int] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class PlannedAdult:
    first_name: str
    last_name: str
    relationship: str
    parental_responsibility: bool
    address: str | None
    receives_letters: bool
    number: int = 1  # Adult1 to Adult4
    rows: dict[str, int] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class PlannedEpisode:
    row: int
    external_id: str | None
    start: date
    stage: Stage
    letter_sent: date | None
    fgdm_offered: bool | None
    fgdm_held: bool | None
    initial_meeting: date | None
    review_dates: tuple[date, ...]
    undated_reviews: int  # counted in the file, with no dates given
    decided_on: date | None
    outcome: Outcome | None
    court_application: date | None
    letter_of_issue: date | None

    @property
    def closed_on(self) -> date | None:
        """Stepped down or ended otherwise on the decision; a court case's end is not known."""
        if self.stage in (Stage.STEPPED_DOWN, Stage.CLOSED) \
                and self.outcome is not Outcome.ISSUE_PROCEEDINGS:
            return self.decided_on
        return None


@dataclass(frozen=True)
class PlannedFamily:
    row: int  # its first row
    plo_family_id: str
    team: str | None
    social_worker: str | None  # a user name, checked against the accounts by the service
    social_worker_row: int | None
    children: tuple[PlannedChild, ...]
    adults: tuple[PlannedAdult, ...]
    episodes: tuple[PlannedEpisode, ...]  # earliest first
    rows: tuple[int, ...] = ()  # every row of the family


@dataclass(frozen=True)
class ImportPlan:
    families: tuple[PlannedFamily, ...]
    problems: tuple[ImportProblem, ...]  # errors and warnings, in row order


class _Found:
    """Problems as they are found; warnings of one kind are counted into one line."""

    def __init__(self) -> None:
        self.problems: list[ImportProblem] = []
        self.counted: dict[str, int] = defaultdict(int)

    def error(self, row: int | None, column: str | None, message: str) -> None:
        self.problems.append(ImportProblem(row, column, message))

    def each(self, row: int, problems: dict[str, str], columns: dict[str, str]) -> None:
        for name, message in problems.items():
            self.error(row, columns.get(name, name), message)

    def count(self, warning: str) -> None:
        self.counted[warning] += 1


@dataclass
class _Group:
    rows: list[ImportRow]
    values: dict[str, object]
    source: dict[str, int]  # the row each value came from

    def row_of(self, column: str) -> int:
        return self.source.get(column, self.rows[0].number)

    def day(self, column: str) -> date | None:
        return cast("date | None", self.values.get(column))


def _merge(rows: list[ImportRow], level: Level, what: str, found: _Found) -> _Group:
    """One value per column from the rows of one family (episode, child), refusing
    disagreements."""
    group = _Group(rows, {}, {})
    for row in rows:
        for column in _LEVEL_COLUMNS[level]:
            value = row.values.get(column)
            if value is None:
                continue
            if column not in group.values:
                group.values[column], group.source[column] = value, row.number
            elif group.values[column] != value:
                first = group.source[column]
                earlier = next(r for r in rows if r.number == first).shown[column]
                found.error(row.number, column,
                            f"'{row.shown[column]}' differs from '{earlier}' on row {first}; "
                            f"every row of one {what} must give the same {column}")
    return group


def plan_import(rows: list[ImportRow], today: date) -> ImportPlan:
    """Group the rows into families and check every rule that needs no database."""
    found = _Found()
    by_family: dict[str, list[ImportRow]] = defaultdict(list)
    refused: set[str] = set()  # a family with a row that cannot be placed is not planned
    for row in rows:
        if _row_problems(row, found):
            refused.add(str(row.values.get("PLOFamilyID")))
            continue
        by_family[str(row.values["PLOFamilyID"])].append(row)
    families = [_family(plo_id, family_rows, today, found)
                for plo_id, family_rows in by_family.items() if plo_id not in refused]
    for warning, times in found.counted.items():
        found.problems.append(ImportProblem(None, None, warning.format(n=times), False))
    found.problems.sort(key=lambda p: (p.row is None, p.row or 0))
    return ImportPlan(tuple(f for f in families if f is not None), tuple(found.problems))


def _row_problems(row: ImportRow, found: _Found) -> bool:
    """Refuse a row that cannot be placed in a family, episode and child."""
    placed = True
    for column, message in (
            ("PLOFamilyID", "blank; every row needs the family's PLO ID"),
            ("PPStartDate", "blank; every row needs the date pre-proceedings started")):
        if row.values.get(column) is None:
            placed = False
            if column not in row.unreadable:
                found.error(row.number, column, message)
    if not any(row.values.get(c) for c in ("LAchildID", "ChildFirstName", "ChildLastName")):
        placed = False
        found.error(row.number, "LAchildID", "blank, and the row has no child's name; give "
                    "the child's ID or name")
    for column, kind in (("PLOFamilyID", TextKind.FAMILY_ID), ("EpisodeID", TextKind.REFERENCE),
                         ("LAchildID", TextKind.REFERENCE)):
        problem = text_problem(_text(row.values.get(column)), kind)
        if problem:
            placed = False
            found.error(row.number, column, problem)
    return not placed


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _family(plo_id: str, rows: list[ImportRow], today: date,
            found: _Found) -> PlannedFamily | None:
    before = len([p for p in found.problems if p.is_error])
    family = _merge(rows, Level.FAMILY, "family", found)
    children = _children(rows, found)
    adults = _adults(family, found)
    episodes = _episodes(rows, adults, today, found)
    team = family.values.get("Team")
    problem = text_problem(_text(team), TextKind.TEAM)
    if problem:
        found.error(family.row_of("Team"), "Team", problem)
    if len([p for p in found.problems if p.is_error]) > before:
        return None
    return PlannedFamily(
        rows[0].number, plo_id, _text(team), _text(family.values.get("SocialWorker")),
        family.source.get("SocialWorker"), tuple(children), tuple(adults), tuple(episodes),
        tuple(row.number for row in rows))


# -- children ----------------------------------------------------------------------------

def _child_key(row: ImportRow) -> tuple[object, ...]:
    if row.values.get("LAchildID"):
        return ("id", row.values["LAchildID"])
    return ("name", str(row.values.get("ChildFirstName") or "").casefold(),
            str(row.values.get("ChildLastName") or "").casefold(),
            row.values.get("DateOfBirth"), row.values.get("ExpectedDateOfBirth"))


def _children(rows: list[ImportRow], found: _Found) -> list[PlannedChild]:
    by_child: dict[tuple[object, ...], list[ImportRow]] = defaultdict(list)
    for row in rows:
        by_child[_child_key(row)].append(row)
    children = []
    for child_rows in by_child.values():
        child = _merge(child_rows, Level.CHILD, "child", found)
        values = child.values
        local_id = _text(values.get("LAchildID"))
        named = any(values.get(c) for c in ("ChildFirstName", "ChildLastName", "DateOfBirth",
                                            "ExpectedDateOfBirth"))
        children.append(PlannedChild(
            _text(values.get("ChildFirstName")) or "" if named else "Child",
            _text(values.get("ChildLastName")) or "" if named else local_id or "",
            child.day("DateOfBirth"), child.day("ExpectedDateOfBirth"),
            cast("Sex", values.get("Sex") or Sex.UNKNOWN), local_id, named,
            {column: child.row_of(column) for column in _LEVEL_COLUMNS[Level.CHILD]}))
        if not named:
            found.count("Children with no name or date of birth in the file: {n}. Each is "
                        "recorded as 'Child' with its LAchildID as surname; add ChildFirstName, "
                        "ChildLastName and DateOfBirth to name them.")
    return children


# -- adults ------------------------------------------------------------------------------
def _adults(family: _Group, found: _Found) -> list[PlannedAdult]:
    adults = []
    for number in range(1, MAX_ADULTS + 1):
        adult = _adult(family, number, found)
        if adult is not None:
            adults.append(adult)
    if not adults:
        found.count("Families with no adults in the file: {n}. Their letters before "
                    "proceedings are recorded once per episode, without a recipient.")
    elif not any(a.receives_letters for a in adults):
        found.error(family.row_of("Adult1Name"), "Adult1Name",
                    "none of this family's adults is a parent or has parental responsibility; "
                    "someone must receive the letter before proceedings")
    return adults


def _adult(family: _Group, number: int, found: _Found) -> PlannedAdult | None:
    prefix = f"Adult{number}"
    name, relationship, pr, address = (family.values.get(f"{prefix}{part}") for part in (
        "Name", "Relationship", "PR", "Address"))
    if name is None:
        for part, value in (("Relationship", relationship), ("PR", pr), ("Address", address)):
            if value is not None:
                found.error(family.row_of(f"{prefix}{part}"), f"{prefix}{part}",
                            f"given without {prefix}Name; add the person's name or clear it")
        return None
    row = family.row_of(f"{prefix}Name")
    words = str(name).split()
    if len(words) < 2:
        found.error(row, f"{prefix}Name", f"'{name}' needs a first name and a surname")
        return None
    if pr is None:
        found.error(family.row_of(f"{prefix}PR"), f"{prefix}PR",
                    "blank; write 1 if they have parental responsibility, 0 if not")
        return None
    text = str(relationship or "")
    return PlannedAdult(" ".join(words[:-1]), words[-1], text, bool(pr), _text(address),
                        receives_letters_by_default(text, bool(pr)), number,
                        {f"{prefix}{part}": family.row_of(f"{prefix}{part}")
                         for part in ("Name", "Relationship", "PR", "Address")})


# -- episodes ----------------------------------------------------------------------------
def _episode_key(row: ImportRow) -> tuple[object, ...]:
    if row.values.get("EpisodeID"):
        return ("id", row.values["EpisodeID"])
    return ("start", row.values["PPStartDate"])


def _episodes(rows: list[ImportRow], adults: list[PlannedAdult], today: date,
              found: _Found) -> list[PlannedEpisode]:
    by_episode: dict[tuple[object, ...], list[ImportRow]] = defaultdict(list)
    for row in rows:
        by_episode[_episode_key(row)].append(row)
    episodes = []
    for episode_rows in by_episode.values():
        episode = _episode(_merge(episode_rows, Level.EPISODE, "episode", found), today, found)
        if episode is not None:
            episodes.append(episode)
    episodes.sort(key=lambda e: e.start)
    _one_open_at_a_time(episodes, found)
    return episodes


def _episode(group: _Group, today: date, found: _Found) -> PlannedEpisode | None:
    day = group.day
    errors_before = len(found.problems)
    for column, what in _HAPPENED:
        found.each(group.row_of(column), not_in_future(column, what, day(column), today), {})
    letter = day("LBPSentDate")
    dates = EpisodeDates(day("PPStartDate"), (letter,) if letter else (),
                         day("StepDecisionDate"), day("CourtAppDate"), day("LetterInitCPDate"))
    for name, message in order_problems(dates).items():
        column = _ORDER_COLUMNS[name]
        found.error(group.row_of(column), column, message)
    _outcome_problems(group, found)
    _fgdm_problems(group, found)
    review_dates = _meeting_problems(group, today, found)
    start = day("PPStartDate")
    if len(found.problems) > errors_before or start is None:
        return None
    values = group.values
    outcome = cast("Outcome | None", values.get("PPOutcome"))
    stage = Stage.PRE_PROCEEDINGS if outcome is None else stage_after_outcome(outcome)
    if stage is Stage.DECIDED_TO_ISSUE and day("CourtAppDate") is not None:
        stage = Stage.PROCEEDINGS_ISSUED
    count = cast("int | None", values.get("ReviewMeetingsCount"))
    return PlannedEpisode(
        group.rows[0].number, _text(values.get("EpisodeID")), start, stage, letter,
        cast("bool | None", values.get("FGDMMeetingOffer")),
        cast("bool | None", values.get("FGDMMeetingFac")), day("InitialPPMeetingDate"),
        review_dates, count if count and not review_dates else 0, day("StepDecisionDate"),
        outcome, day("CourtAppDate"), day("LetterInitCPDate"))


def _outcome_problems(group: _Group, found: _Found) -> None:
    get = group.values.get
    outcome, decided = get("PPOutcome"), get("StepDecisionDate")
    if outcome is not None and decided is None:
        found.error(group.row_of("PPOutcome"), "PPOutcome",
                    "an outcome needs the date it was decided; fill in StepDecisionDate")
    if decided is not None and outcome is None:
        found.error(group.row_of("StepDecisionDate"), "StepDecisionDate",
                    "a decision date needs its outcome; fill in PPOutcome")
    if get("CourtAppDate") is not None and outcome is not Outcome.ISSUE_PROCEEDINGS:
        found.error(group.row_of("CourtAppDate"), "CourtAppDate",
                    "a court application follows the outcome 'care proceedings'; give that "
                    "outcome code in PPOutcome, or clear the date")


def _fgdm_problems(group: _Group, found: _Found) -> None:
    get = group.values.get
    if get("FGDMMeetingFac") and not get("FGDMMeetingOffer"):
        found.error(group.row_of("FGDMMeetingFac"), "FGDMMeetingFac",
                    "a family group decision-making meeting is held only once offered; write 1 "
                    "in FGDMMeetingOffer too")
    if get("FGDMMeetingOffer") and get("LBPSentDate") is None:
        found.error(group.row_of("FGDMMeetingOffer"), "FGDMMeetingOffer",
                    "the offer is made in the letter before proceedings; fill in LBPSentDate")


def _meeting_problems(group: _Group, today: date, found: _Found) -> tuple[date, ...]:
    """Check the initial and review meetings; return the review meetings' dates."""
    get = group.values.get
    initial, letter = group.day("InitialPPMeetingDate"), group.day("LBPSentDate")
    if initial is not None:
        if letter is None:
            found.error(group.row_of("InitialPPMeetingDate"), "InitialPPMeetingDate",
                        "the initial meeting follows the letter before proceedings; fill in "
                        "LBPSentDate")
        else:
            found.each(group.row_of("InitialPPMeetingDate"), meeting_held_problems(
                MeetingKind.INITIAL_PPM, initial, initial_held=None, first_letter_sent=letter),
                {"held_date": "InitialPPMeetingDate"})
    count = cast("int | None", get("ReviewMeetingsCount"))
    reviews = cast("tuple[date, ...]", get("ReviewMeetingDates") or ())
    if (count or reviews) and initial is None:
        column = "ReviewMeetingsCount" if count else "ReviewMeetingDates"
        found.error(group.row_of(column), column, "review meetings follow the initial meeting; "
                    "fill in InitialPPMeetingDate, or write 0")
        return ()
    if reviews and count is not None and count != len(reviews):
        found.error(group.row_of("ReviewMeetingsCount"), "ReviewMeetingsCount",
                    f"{count} review meetings, but ReviewMeetingDates gives {len(reviews)} "
                    "dates; make them agree")
    for held in reviews:
        problems = meeting_held_problems(MeetingKind.REVIEW_PPM, held,
                                         initial_held=initial, first_letter_sent=letter)
        problems |= not_in_future("held_date", "A review meeting", held, today)
        found.each(group.row_of("ReviewMeetingDates"), problems,
                   {"held_date": "ReviewMeetingDates"})
    if count and not reviews:
        found.count("Episodes with a number of review meetings but not their dates: {n}. "
                    "Each such meeting is recorded as held on the initial meeting's date, "
                    "marked 'date not known'; add ReviewMeetingDates to keep the real dates.")
    return reviews


def _one_open_at_a_time(episodes: list[PlannedEpisode], found: _Found) -> None:
    """A family's episodes follow one another: each before the last has ended before the
    next starts. An earlier one that went to court is recorded as concluded."""
    for index, (earlier, later) in enumerate(zip(episodes, episodes[1:], strict=False)):
        if earlier.start == later.start:
            found.error(later.row, "PPStartDate", "two episodes of this family start on the "
                        f"same day (see row {earlier.row}); give each its own EpisodeID and date")
        elif earlier.decided_on is None or earlier.decided_on > later.start:
            found.error(earlier.row, "StepDecisionDate",
                        "this episode has not ended before the family's next episode starts "
                        f"(row {later.row}); a family has one open episode at a time")
        elif earlier.stage in (Stage.DECIDED_TO_ISSUE, Stage.PROCEEDINGS_ISSUED):
            episodes[index] = _replace_stage(earlier, Stage.CLOSED)
            found.count("Earlier episodes that went to court and are followed by a later one: "
                        "{n}. Each is recorded as closed, with no conclusion date.")


def _replace_stage(episode: PlannedEpisode, stage: Stage) -> PlannedEpisode:
    return replace(episode, stage=stage)

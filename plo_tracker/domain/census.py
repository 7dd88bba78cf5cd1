"""The Children in Need census, module 5 (pre-proceedings and FGDM, from 2026-27): the
reporting year, one record per child per episode as at the year's last day, and the
validation rules the Department for Education applies, as data.

We have no copy of the DfE's specification for the year. The rules are numbered 9005 to
9015Q in the order PLO.md lists them, and the outcome codes come from a setting (default
A stepped down, B care proceedings issued, C ended otherwise): both must be checked
against the DfE specification for the year before a return is sent. A code ending in Q
is a query to confirm, not an error.

The census is about children: a family of three children in one episode gives three
records, each with the child's own LAchildID and the same episode's dates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from .calendar_range import FIRST_YEAR, LAST_YEAR
from .vocabulary import Outcome

CENSUS_COLUMNS: tuple[str, ...] = (
    "LAchildID", "EpisodeID", "PLOFamilyID", "PPStartDate", "LBPSentDate",
    "FGDMMeetingOffer", "FGDMMeetingFac", "InitialPPMeetingDate", "ReviewMeetingsCount",
    "StepDecisionDate", "PPOutcome", "CourtAppDate", "LetterInitCPDate",
)
# A child with no local id is given this one, from the database's own id for the child,
# so a return is still complete and the same child keeps the same id from year to year;
# the LAchildID rule below asks for the council's real one.
FALLBACK_CHILD_ID = "PLOT-C{child_id}"


@lru_cache(maxsize=8192)  # a return repeats each date for every child of an episode
def census_date(day: date | None) -> str:
    """A date as the census writes it, dd/mm/yyyy; blank for none."""
    return "" if day is None else f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def census_flag(value: bool | None) -> str:
    """Yes as 1, no as 0, blank when not recorded."""
    return "" if value is None else "1" if value else "0"


@dataclass(frozen=True)
class ReportingYear:
    """A census year, 1 April to 31 March: year 2026 is 1 Apr 2026 to 31 Mar 2027."""

    year: int

    @property
    def start(self) -> date:
        return date(self.year, 4, 1)

    @property
    def end(self) -> date:
        return date(self.year + 1, 3, 31)

    @property
    def label(self) -> str:
        """"2026-27", as the DfE names its years."""
        return f"{self.year}-{(self.year + 1) % 100:02d}"

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def as_at_end(self, day: date | None) -> date | None:
        """The date as the return sees it on the year's last day: one after it is blank."""
        return day if day is not None and day <= self.end else None

    def words(self) -> str:
        return f"{self.label} (1 April {self.year} to 31 March {self.year + 1})"


def year_problem(year: int) -> str | None:
    """Why a reporting year cannot be used (outside the calendar's years), or None."""
    if FIRST_YEAR <= year < LAST_YEAR:
        return None
    return (f"Give a reporting year from {FIRST_YEAR} to {LAST_YEAR - 1} by its first April, "
            "e.g. 2026 for 1 April 2026 to 31 March 2027.")


def reporting_year_of(day: date) -> ReportingYear:
    """The census year a day falls in."""
    return ReportingYear(day.year if day.month >= 4 else day.year - 1)


@dataclass(frozen=True)
class CensusEpisode:
    """What the record holds about one episode that entered pre-proceedings."""

    family_id: int
    plo_family_id: str
    episode_id: int
    start: date  # the gateway decision to enter pre-proceedings
    first_letter_sent: date | None  # the first letter before proceedings sent
    fgdm_offered: bool | None
    fgdm_held: bool | None
    initial_meeting: date | None  # the initial pre-proceedings meeting, held
    review_meetings: tuple[date, ...]  # the dates review meetings were held
    outcome: Outcome | None
    outcome_date: date | None
    court_application: date | None
    letter_of_issue: date | None


@dataclass(frozen=True)
class CensusChild:
    """A child of the family, as the return names them."""

    child_id: int
    local_child_id: str | None
    name: str


@dataclass(frozen=True)
class CensusRecord:
    """One child in one episode, as at the last day of the reporting year (a row of the
    return). ``family_id``, ``child_id`` and ``child_name`` are for finding the family;
    they are not sent."""

    la_child_id: str
    episode_id: int
    plo_family_id: str
    pp_start: date | None
    lbp_sent: date | None
    fgdm_offer: bool | None
    fgdm_facilitated: bool | None
    initial_meeting: date | None
    review_count: int | None
    step_decision: date | None
    outcome_code: str | None
    court_application: date | None
    letter_of_issue: date | None
    family_id: int = 0
    child_id: int = 0
    child_name: str = ""
    # True when the child has no local id and la_child_id is FALLBACK_CHILD_ID's.
    child_id_missing: bool = False

    def cells(self) -> tuple[str, ...]:
        """The row as written, in CENSUS_COLUMNS' order."""
        return (
            self.la_child_id, str(self.episode_id), self.plo_family_id,
            census_date(self.pp_start), census_date(self.lbp_sent),
            census_flag(self.fgdm_offer), census_flag(self.fgdm_facilitated),
            census_date(self.initial_meeting),
            "" if self.review_count is None else str(self.review_count),
            census_date(self.step_decision), self.outcome_code or "",
            census_date(self.court_application), census_date(self.letter_of_issue),
        )

    def dates(self) -> dict[str, date | None]:
        """Each date of the record by its census field name."""
        return {"PPStartDate": self.pp_start, "LBPSentDate": self.lbp_sent,
                "InitialPPMeetingDate": self.initial_meeting,
                "StepDecisionDate": self.step_decision, "CourtAppDate": self.court_application,
                "LetterInitCPDate": self.letter_of_issue}


def census_records(episode: CensusEpisode, children: Iterable[CensusChild],
                   year: ReportingYear, outcome_codes: Mapping[Outcome, str],
                   ) -> list[CensusRecord]:
    """The episode's records for the year, one per child, as at the year's last day.

    A date after the year's end is blank, and so is the outcome while the episode was
    still open then (no outcome decided by that day). The review count is given once an
    initial meeting was held by then (0 if no review followed), blank before. The FGDM
    answers are blank while the letter that makes the offer had not gone by then.
    """
    at = year.as_at_end
    decided = at(episode.outcome_date)
    initial = at(episode.initial_meeting)
    offer_not_yet = (episode.first_letter_sent is not None
                     and at(episode.first_letter_sent) is None)
    shared = dict(
        episode_id=episode.episode_id, plo_family_id=episode.plo_family_id,
        pp_start=at(episode.start), lbp_sent=at(episode.first_letter_sent),
        fgdm_offer=None if offer_not_yet else episode.fgdm_offered,
        fgdm_facilitated=None if offer_not_yet else episode.fgdm_held,
        initial_meeting=initial,
        review_count=(None if initial is None
                      else sum(1 for day in episode.review_meetings if day <= year.end)),
        step_decision=decided,
        outcome_code=(outcome_codes[episode.outcome]
                      if decided is not None and episode.outcome is not None else None),
        court_application=at(episode.court_application),
        letter_of_issue=at(episode.letter_of_issue),
        family_id=episode.family_id)
    records = []
    for child in children:
        local = (child.local_child_id or "").strip()
        records.append(CensusRecord(
            la_child_id=local or FALLBACK_CHILD_ID.format(child_id=child.child_id),
            child_id=child.child_id, child_name=child.name, child_id_missing=not local,
            **shared))
    return records


# -- the rules ----------------------------------------------------------------------------
@dataclass(frozen=True)
class RuleContext:
    """What a rule needs besides the record: the year, and the code of the outcome
    "care proceedings issued" (from the settings)."""

    year: ReportingYear
    proceedings_code: str


# A check names the census fields a record breaks the rule on (none: it passes).
Check = Callable[[CensusRecord, RuleContext], tuple[str, ...]]


@dataclass(frozen=True)
class CensusRule:
    """One validation rule: its code, what is wrong, and how to put it right."""

    code: str
    message: str
    fix: str
    check: Check

    @property
    def is_query(self) -> bool:
        """A query (code ending in Q) asks to confirm a value; it does not stop a return."""
        return self.code.endswith("Q")


def _before(later: date | None, earlier: date | None) -> bool:
    return later is not None and earlier is not None and later < earlier


def _outside_year(record: CensusRecord, context: RuleContext) -> tuple[str, ...]:
    start, end = context.year.start, context.year.end
    return tuple(name for name, day in record.dates().items()
                 if day is not None and not start <= day <= end)


def _field_if(broken: bool, name: str) -> tuple[str, ...]:
    return (name,) if broken else ()


RULES: tuple[CensusRule, ...] = (
    CensusRule(
        "9005", "A date is outside the reporting year.",
        "Check the date against the record: a date before 1 April belongs to an earlier "
        "year's return, so correct it if it was typed wrongly.",
        _outside_year),
    CensusRule(
        "9006", "The letter before proceedings was sent before pre-proceedings started.",
        "Correct the date the first letter before proceedings was sent, or the date of the "
        "gateway decision to enter pre-proceedings.",
        lambda r, c: _field_if(_before(r.lbp_sent, r.pp_start), "LBPSentDate")),
    CensusRule(
        "9007", "The step decision is dated before pre-proceedings started.",
        "Correct the date of the outcome decision, or of the gateway decision to enter "
        "pre-proceedings.",
        lambda r, c: _field_if(_before(r.step_decision, r.pp_start), "StepDecisionDate")),
    CensusRule(
        "9008", "The court application is dated before the step decision.",
        "Correct the date of the court application, or of the decision to issue care "
        "proceedings.",
        lambda r, c: _field_if(_before(r.court_application, r.step_decision),
                               "CourtAppDate")),
    CensusRule(
        "9009", "The letter of issue is dated before the court application, or there is a "
                "letter of issue without a court application.",
        "Record the court application with its date, or correct the date of the letter of "
        "issue (Record… > the court application).",
        lambda r, c: _field_if(
            r.letter_of_issue is not None and (r.court_application is None
                                               or r.letter_of_issue < r.court_application),
            "LetterInitCPDate")),
    CensusRule(
        "9010", "The FGDM offer is answered but no letter before proceedings was sent.",
        "Record the letter before proceedings as sent (the family group decision-making "
        "offer is made in it), or check the FGDM answer.",
        lambda r, c: _field_if(r.fgdm_offer is not None and r.lbp_sent is None,
                               "FGDMMeetingOffer")),
    CensusRule(
        "9011", "A family group decision-making meeting was offered, but whether it took "
                "place is not recorded.",
        "Record whether the FGDM meeting took place (Record… > the FGDM offer).",
        lambda r, c: _field_if(r.fgdm_offer is True and r.fgdm_facilitated is None,
                               "FGDMMeetingFac")),
    CensusRule(
        "9012", "The initial pre-proceedings meeting took place, but the number of review "
                "meetings is missing.",
        "Record each review meeting held (Record… > a meeting as held); none is a count of 0.",
        lambda r, c: _field_if(r.initial_meeting is not None and r.review_count is None,
                               "ReviewMeetingsCount")),
    CensusRule(
        "9013", "The outcome and the step decision date must be given together.",
        "Record the outcome of pre-proceedings with the date it was decided.",
        lambda r, c: _field_if((r.step_decision is None) != (r.outcome_code is None),
                               "PPOutcome" if r.outcome_code is None else "StepDecisionDate")),
    CensusRule(
        "9014", "A court application date is given, but the outcome is not care "
                "proceedings issued.",
        "Check the outcome of pre-proceedings: a court application follows a decision to "
        "issue care proceedings.",
        lambda r, c: _field_if(r.court_application is not None
                               and r.outcome_code != c.proceedings_code, "CourtAppDate")),
    CensusRule(
        "9015Q", "The initial pre-proceedings meeting is dated before the letter before "
                 "proceedings was sent. Please confirm.",
        "Check both dates; the meeting should follow the letter that invites the parents.",
        lambda r, c: _field_if(_before(r.initial_meeting, r.lbp_sent),
                               "InitialPPMeetingDate")),
)
RULES_BY_CODE: dict[str, CensusRule] = {rule.code: rule for rule in RULES}

# Not a DfE rule: the app's own check that each child carries the council's id.
CHILD_ID_RULE = CensusRule(
    "LAchildID", "The child has no local child id: the return uses a made-up one "
                 "(PLOT-C followed by a number).",
    "Enter the child's id from the council's case management system on the child's details "
    "(Record… > correct a child's details).",
    lambda r, c: _field_if(r.child_id_missing, "LAchildID"))


@dataclass(frozen=True)
class CensusFailure:
    """One rule one record breaks, on one field: who, what, and how to fix it."""

    rule: CensusRule
    field: str
    family_id: int
    plo_family_id: str
    episode_id: int
    child_name: str
    la_child_id: str

    @property
    def is_query(self) -> bool:
        return self.rule.is_query

    def line(self) -> str:
        """The failure in one line, e.g. for the command line."""
        return (f"family {self.plo_family_id}, child {self.child_name} ({self.la_child_id}), "
                f"rule {self.rule.code}, {self.field}: {self.rule.message} {self.rule.fix}")


def broken_rules(record: CensusRecord, context: RuleContext,
                 ) -> list[tuple[CensusRule, str]]:
    """The census rules the record breaks, each with the field, in the rules' order. They
    look only at the episode's values, so every child of an episode breaks the same ones."""
    return [(rule, name) for rule in RULES for name in rule.check(record, context)]


def failures_of(record: CensusRecord, broken: list[tuple[CensusRule, str]],
                ) -> list[CensusFailure]:
    """The record's failures: the episode's ``broken`` rules, then the child's own id."""
    found = broken if not record.child_id_missing else [*broken, (CHILD_ID_RULE, "LAchildID")]
    return [CensusFailure(rule, name, record.family_id, record.plo_family_id,
                          record.episode_id, record.child_name, record.la_child_id)
            for rule, name in found]


def check_record(record: CensusRecord, context: RuleContext) -> list[CensusFailure]:
    """Every rule the record breaks, in the rules' order (the child's id last)."""
    return failures_of(record, broken_rules(record, context))

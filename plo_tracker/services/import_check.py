"""Checking an imported spreadsheet: the file read and planned (domain/import_plan.py), the
people checked by the same rules as the new family wizard, and the families and accounts
compared with what the database holds."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import Connection, func, select

from plo_tracker.domain.date_text import short_date
from plo_tracker.domain.import_columns import match_headings
from plo_tracker.domain.import_plan import (
    ImportPlan,
    PlannedAdult,
    PlannedChild,
    PlannedFamily,
    plan_import,
)
from plo_tracker.domain.import_rows import ImportProblem, read_rows
from plo_tracker.domain.vocabulary import Outcome
from plo_tracker.settings import ReturnSettings
from plo_tracker.storage.models import Episode, Family, User

from .case_forms import AdultForm, ChildForm
from .caseload_query import _chunks
from .import_reader import read_sheet
from .returns import outcome_codes


@dataclass(frozen=True)
class CheckedFile:
    """A file read and planned, with what was found before the database was asked."""

    name: str
    rows: int
    plan: ImportPlan
    problems: tuple[ImportProblem, ...]


def codes_read(returns: ReturnSettings) -> dict[str, Outcome]:
    """The outcome each census code of the settings stands for, as the file writes it (any
    case): the census export's codes read back."""
    return {code.upper(): outcome for outcome, code in outcome_codes(returns).items()}


def check_file(path: Path, returns: ReturnSettings, today: date) -> CheckedFile:
    """Read and plan the file; every problem that needs no database.

    Raises:
        DomainError: the file cannot be read at all.
    """
    sheet = read_sheet(path)
    found = [ImportProblem(None, None, note, False) for note in sheet.notes]
    headings = match_headings(sheet.headings)
    if headings.unknown:
        found.append(ImportProblem(1, None, "these columns are not ones the import reads and "
                                   "are left out: " + ", ".join(headings.unknown), False))
    for name in headings.repeated:
        found.append(ImportProblem(1, name, "this column is given twice; keep one"))
    if headings.missing:
        found.append(ImportProblem(1, None, "these required columns are missing: "
                                   + ", ".join(headings.missing) + ". Add them (the blank "
                                   "template has every column) or check their spelling"))
    if headings.missing or headings.repeated:
        return CheckedFile(path.name, len(sheet.rows), ImportPlan((), ()), tuple(found))
    rows, problems = read_rows(sheet.rows, headings.positions, codes_read(returns))
    plan = plan_import(rows, today)
    found += problems
    found += plan.problems
    for family in plan.families:
        found += _people_problems(family.children, family.adults, today)
    return CheckedFile(path.name, len(rows), plan, tuple(found))


_CHILD_FIELDS = {"first_name": "ChildFirstName", "last_name": "ChildLastName",
                 "date_of_birth": "DateOfBirth", "expected_date_of_birth": "ExpectedDateOfBirth",
                 "local_child_id": "LAchildID"}


def _people_problems(children: Iterable[PlannedChild], adults: Iterable[PlannedAdult],
                     today: date) -> list[ImportProblem]:
    """The new family wizard's rules for each named child and each adult."""
    found = []
    for child in children:
        if not child.named:
            continue
        form = ChildForm(child.first_name, child.last_name, child.date_of_birth,
                         child.expected_date_of_birth, child.sex, child.local_child_id)
        for field, message in form.problems(today, "").items():
            column = _CHILD_FIELDS.get(field, "ChildFirstName")
            found.append(ImportProblem(child.rows.get(column), column, message))
    for adult in adults:
        prefix = f"Adult{adult.number}"
        fields = {"relationship": f"{prefix}Relationship", "address": f"{prefix}Address"}
        form = AdultForm(adult.first_name, adult.last_name, adult.relationship,
                         adult.parental_responsibility, adult.address)
        for field, message in form.problems("").items():
            column = fields.get(field, f"{prefix}Name")
            found.append(ImportProblem(adult.rows.get(column), column, message))
    return found


@dataclass(frozen=True)
class Accounts:
    """The social workers named in the file: user name -> (account id, team)."""

    by_name: dict[str, tuple[int, str | None]]


def check_database(conn: Connection, plan: ImportPlan) -> tuple[list[ImportProblem], Accounts]:
    """Families already in the database, and user names no account has."""
    found: list[ImportProblem] = []
    found += _existing(conn, plan)
    names = {f.social_worker for f in plan.families if f.social_worker}
    accounts: dict[str, tuple[int, str | None, bool]] = {}
    for chunk in _chunks(sorted(names)):
        for user_id, username, team, active in conn.execute(
                select(User.id, User.username, User.team, User.active)
                .where(func.lower(User.username).in_([n.lower() for n in chunk]))):
            accounts[username.lower()] = (user_id, team, active)
    for family in plan.families:
        if not family.social_worker:
            continue
        account = accounts.get(family.social_worker.lower())
        if account is None:
            found.append(ImportProblem(
                family.social_worker_row, "SocialWorker",
                f"no account has the user name '{family.social_worker}'; write the name they "
                "sign in with (Settings > Accounts lists them), or leave it blank"))
        elif not account[2]:
            found.append(ImportProblem(
                family.social_worker_row, "SocialWorker",
                f"the account '{family.social_worker}' is disabled; choose someone working "
                "now, or leave it blank"))
    return found, Accounts({name: (a[0], a[1]) for name, a in accounts.items()})


def _existing(conn: Connection, plan: ImportPlan) -> list[ImportProblem]:
    """Refuse families already in the database: the import adds new families only, and an
    episode seen before (by EpisodeID or start date) is named as a duplicate.

    Every family counts, restricted ones too: the PLO family id is unique in the database.
    """
    by_id = {f.plo_family_id: f for f in plan.families}
    found = []
    for chunk in _chunks(sorted(by_id)):
        existing = dict(conn.execute(select(Family.plo_family_id, Family.id)
                                     .where(Family.plo_family_id.in_(chunk))).all())
        if not existing:
            continue
        episodes: dict[int, list[tuple[str | None, date | None]]] = {}
        for family_id, external, start in conn.execute(
                select(Episode.family_id, Episode.external_id, Episode.gateway_date)
                .where(Episode.family_id.in_(list(existing.values())))):
            episodes.setdefault(family_id, []).append((external, start))
        for plo_id, family_id in existing.items():
            found.append(_refusal(by_id[plo_id], episodes.get(family_id, [])))
    return found


def _refusal(family: PlannedFamily, known: list[tuple[str | None, date | None]]) -> ImportProblem:
    for episode in family.episodes:
        for external, start in known:
            if episode.external_id and external == episode.external_id:
                return ImportProblem(episode.row, "EpisodeID", (
                    f"episode {external} of {family.plo_family_id} is already in the tracker "
                    "(imported before); remove this family's rows"))
            if start == episode.start:
                return ImportProblem(episode.row, "PPStartDate", (
                    f"{family.plo_family_id} already has an episode starting "
                    f"{short_date(start)} in the tracker; remove this family's rows"))
    return ImportProblem(family.row, "PLOFamilyID", (
        f"{family.plo_family_id} is already in the tracker, and the import adds new families "
        "only; remove its rows and record its new episode on the family's page"))

"""Retention: the records past their retention period, legal holds, and deleting a family.

The rules (how long each record type is kept, and how the dates are counted) are in
domain/retention.py; the periods are settings. Everything here needs
Permission.MANAGE_RETENTION (administrators), is audited, and deleting a family:

- is refused while the family is on legal hold, or before its retention period ends;
- takes a backup of the whole database first (nothing is deleted if that fails);
- removes the family and everything kept with it (children, adults, episodes, plan,
  meetings, assessments, notes, letters made, the due list's lines) in one transaction;
- leaves every audit entry in place, and adds one for the deletion that holds no
  personal details: the PLO family id, the rule applied and how many records went.

A restricted family is here only for the people who may see it (services/family_access.py):
for anyone else, administrators included, it is left out of the report and every call
about it answers as for a family that does not exist.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import Connection, delete, func, select
from sqlalchemy.orm import Session

from plo_tracker.domain.audit_actions import AuditAction
from plo_tracker.domain.date_text import plain_date
from plo_tracker.domain.errors import DomainError, ValidationFailed
from plo_tracker.domain.retention import (
    FamilyFacts,
    RetentionEnd,
    RetentionPeriods,
    backup_kept_until,
    family_retention,
)
from plo_tracker.domain.stages import Stage
from plo_tracker.domain.text_rules import TextKind, text_problem
from plo_tracker.storage.backup import backup_sqlite, backup_tables
from plo_tracker.storage.models import (
    Adult,
    Assessment,
    Bundle,
    BundleItem,
    BundleVersion,
    Child,
    ChronologyEntry,
    ConfidentialDetail,
    Document,
    DueItemRow,
    Episode,
    Extension,
    Family,
    FamilyAccess,
    FamilyListRow,
    GeneratedLetter,
    Letter,
    LetterTranslation,
    Meeting,
    Note,
    PanelAction,
    PanelItem,
    PlanItem,
    PlanProgress,
    StepDownFollowUp,
)

from . import audit
from .actor import Actor
from .context import ServiceContext
from .errors import NotFound
from .family_access import family_visible
from .permissions import Permission, require

log = logging.getLogger(__name__)

# Files in the backups folder that are backups of a database (see storage/backup.py).
_BACKUP_SUFFIXES = (".sqlite3", ".jsonl.gz")


class RetentionRefused(DomainError):
    """A family cannot be deleted: on legal hold, or its retention period has not ended."""


@dataclass(frozen=True)
class FamilyPastRetention:
    """One family whose record is past its retention period."""

    family_id: int
    plo_family_id: str
    surname: str
    kept_until: date
    days_past: int
    rule: str  # why it was kept until then, in words
    legal_hold: bool
    legal_hold_reason: str | None


@dataclass(frozen=True)
class BackupPastRetention:
    path: Path
    made_on: date
    kept_until: date
    days_past: int


@dataclass(frozen=True)
class RetentionReport:
    """What is past its retention period today, longest past first."""

    today: date
    periods: RetentionPeriods
    families: tuple[FamilyPastRetention, ...]
    backups: tuple[BackupPastRetention, ...]
    # Closed families whose date cannot be worked out (a child's birth date is missing).
    undetermined: tuple[str, ...]


@dataclass(frozen=True)
class LegalHold:
    family_id: int
    plo_family_id: str
    on_hold: bool
    reason: str | None
    by: str | None
    at: datetime | None


@dataclass(frozen=True)
class DeletedFamily:
    plo_family_id: str
    backup: Path
    counts: dict[str, int]


def _facts(conn: Connection, family_ids: list[int] | None = None) -> dict[int, FamilyFacts]:
    """Each family's retention facts, read with two queries."""
    episodes = select(Episode.family_id, Episode.id, Episode.stage, Episode.closed_date,
                      Episode.outcome_date, Episode.gateway_date,
                      Episode.court_application_date).order_by(Episode.family_id, Episode.id)
    children = select(Child.family_id, Child.date_of_birth, Child.expected_date_of_birth)
    if family_ids is not None:
        episodes = episodes.where(Episode.family_id.in_(family_ids))
        children = children.where(Child.family_id.in_(family_ids))
    birthdays: dict[int, list[date | None]] = defaultdict(list)
    for family_id, born, expected in conn.execute(children):
        birthdays[family_id].append(born or expected)
    latest: dict[int, tuple] = {}
    issued: set[int] = set()
    for row in conn.execute(episodes):
        latest[row.family_id] = row  # ordered by id: the last one wins
        if row.court_application_date is not None:
            issued.add(row.family_id)
    facts = {}
    for family_id, row in latest.items():
        closed = None
        if not Stage(row.stage).is_open:
            closed = row.closed_date or row.outcome_date or row.gateway_date
        facts[family_id] = FamilyFacts(closed, family_id in issued,
                                       tuple(birthdays.get(family_id, ())))
    return facts


def _no_episode() -> RetentionEnd:
    return RetentionEnd(None, "the family has no PLO episode yet")


class RetentionService:
    """The retention report, legal holds and deletion (Permission.MANAGE_RETENTION)."""

    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def report(self, actor: Actor, backup_folder: Path | None = None) -> RetentionReport:
        """Families (and, given the folder, backups) past retention, longest past first.

        Looking at the report is audited: it lists families.
        """
        require(actor, Permission.MANAGE_RETENTION)
        today = self._ctx.clock.today()
        with self._ctx.database.unit_of_work() as session:
            conn = session.connection()
            periods = self._ctx.settings(conn).retention
            facts = _facts(conn)
            rows = conn.execute(select(Family.id, Family.plo_family_id, Family.legal_hold,
                                       Family.legal_hold_reason, FamilyListRow.surname)
                                .outerjoin(FamilyListRow, FamilyListRow.family_id == Family.id)
                                .where(family_visible(actor)))
            families, undetermined = [], []
            for row in rows:
                end = (family_retention(facts[row.id], periods) if row.id in facts
                       else _no_episode())
                if end.kept_until is None:
                    if facts.get(row.id) and facts[row.id].closed_on is not None:
                        undetermined.append(row.plo_family_id)
                    continue
                days = end.days_past(today)
                if days > 0:
                    families.append(FamilyPastRetention(
                        row.id, row.plo_family_id, row.surname or "", end.kept_until, days,
                        end.reason, bool(row.legal_hold), row.legal_hold_reason))
            families.sort(key=lambda f: (-f.days_past, f.plo_family_id))
            audit.record(session, actor, AuditAction.RETENTION_REPORT, "retention", None, None,
                         after={"families_past_retention": len(families)})
        backups = _old_backups(backup_folder, periods, today) if backup_folder else ()
        return RetentionReport(today, periods, tuple(families), backups,
                               tuple(sorted(undetermined)))

    def retention_of(self, actor: Actor, family_id: int) -> RetentionEnd:
        """Until when one family's record is kept, with the rule in words.

        Raises:
            NotFound: no such family, or a restricted one the actor may not see.
        """
        require(actor, Permission.VIEW_CASES)
        with self._ctx.database.reading() as conn:
            _require_family(conn, actor, family_id)
            periods = self._ctx.settings(conn).retention
            facts = _facts(conn, [family_id]).get(family_id)
        return family_retention(facts, periods) if facts else _no_episode()

    def hold(self, actor: Actor, family_id: int, reason: str) -> LegalHold:
        """Place a family on legal hold: it cannot be deleted until the hold is released.

        Raises:
            ValidationFailed: no reason, or the family is already on hold.
        """
        return self._set_hold(actor, family_id, reason, True)

    def release(self, actor: Actor, family_id: int, reason: str) -> LegalHold:
        """Release a family's legal hold, saying why (the hold's reason is kept in the audit).

        Raises:
            ValidationFailed: no reason, or the family is not on hold.
        """
        return self._set_hold(actor, family_id, reason, False)

    def _set_hold(self, actor: Actor, family_id: int, reason: str, on: bool) -> LegalHold:
        require(actor, Permission.MANAGE_RETENTION)
        reason = reason.strip()
        if not reason:
            raise ValidationFailed({"reason": (
                "Say why the family is placed on legal hold (for example, the claim or "
                "request it is kept for)." if on else
                "Say why the legal hold is released (for example, the claim has ended).")})
        problem = text_problem(reason, TextKind.REASON)
        if problem:
            raise ValidationFailed({"reason": problem})
        with self._ctx.database.unit_of_work() as session:
            family = _family(session, actor, family_id)
            if bool(family.legal_hold) == on:
                raise ValidationFailed({"reason": (
                    f"Family {family.plo_family_id} is already on legal hold." if on else
                    f"Family {family.plo_family_id} is not on legal hold.")})
            before = _hold_values(family)
            family.legal_hold = on
            family.legal_hold_reason = reason if on else None
            family.legal_hold_by = actor.username if on else None
            family.legal_hold_at = datetime.now(UTC) if on else None
            after = _hold_values(family)
            if not on:
                after["release_reason"] = reason
            audit.record(session, actor,
                         AuditAction.LEGAL_HOLD if on else AuditAction.LEGAL_HOLD_RELEASE,
                         "family", family.id, family.id, before=before, after=after)
            return LegalHold(family.id, family.plo_family_id, on, family.legal_hold_reason,
                             family.legal_hold_by, family.legal_hold_at)

    def delete(self, actor: Actor, family_id: int, backup_folder: Path) -> DeletedFamily:
        """Delete a family whose retention period has ended, after a backup.

        Raises:
            RetentionRefused: the family is on legal hold, or not past its retention
                period (the message says until when it is kept, and why).
            NotFound: no such family.
        """
        require(actor, Permission.MANAGE_RETENTION)
        with self._ctx.database.reading() as conn:
            self._check_deletable(conn, actor, family_id)
        copy = self._backup(backup_folder)
        with self._ctx.database.unit_of_work() as session:
            conn = session.connection()
            # Checked again: a hold may have been placed while the backup was taken.
            end = self._check_deletable(conn, actor, family_id)
            family = _family(session, actor, family_id)
            plo_family_id = family.plo_family_id
            files = _document_files(conn, family_id)
            counts = _delete_family(session, family)
            audit.record(session, actor, AuditAction.FAMILY_DELETE, "family", family_id,
                         family_id, after={
                             "plo_family_id": plo_family_id,
                             # The rule, not its dates: a birthday is personal data.
                             "rule": ("until the youngest child's birthday"
                                      if end.by_birthday else "years after the record closed"),
                             "backup": copy.name,
                             **counts,
                         })
        _delete_unnamed_files(self._ctx, files)
        log.info("Deleted a family past retention after backup %s", copy.name)
        return DeletedFamily(plo_family_id, copy, counts)

    def _check_deletable(self, conn: Connection, actor: Actor, family_id: int) -> RetentionEnd:
        row = conn.execute(select(Family.plo_family_id, Family.legal_hold,
                                  Family.legal_hold_reason)
                           .where(Family.id == family_id, family_visible(actor))).one_or_none()
        if row is None:
            raise _no_family(family_id)
        if row.legal_hold:
            raise RetentionRefused(
                f"Family {row.plo_family_id} is on legal hold ({row.legal_hold_reason}), so "
                "it cannot be deleted. Release the hold first if it is no longer needed.")
        facts = _facts(conn, [family_id]).get(family_id)
        end = (family_retention(facts, self._ctx.settings(conn).retention) if facts
               else _no_episode())
        if end.kept_until is None:
            raise RetentionRefused(
                f"Family {row.plo_family_id} cannot be deleted: {end.reason}.")
        if end.days_past(self._ctx.clock.today()) <= 0:
            raise RetentionRefused(
                f"Family {row.plo_family_id} is kept until {plain_date(end.kept_until)} "
                f"({end.reason}), so it cannot be deleted yet.")
        return end

    def _backup(self, folder: Path) -> Path:
        engine = self._ctx.database.engine
        label = "before-deleting-a-family"
        if engine.url.get_backend_name() == "sqlite" and engine.url.database:
            return backup_sqlite(Path(engine.url.database), folder, label)
        return backup_tables(engine, folder, label)


def _no_family(family_id: int) -> NotFound:
    """The answer for a family that does not exist, or one the actor may not see."""
    return NotFound(f"There is no family with id {family_id}.")


def _require_family(conn: Connection, actor: Actor, family_id: int) -> None:
    if conn.execute(select(Family.id).where(Family.id == family_id,
                                            family_visible(actor))).first() is None:
        raise _no_family(family_id)


def _family(session: Session, actor: Actor, family_id: int) -> Family:
    family = session.scalar(select(Family).where(Family.id == family_id,
                                                  family_visible(actor)))
    if family is None:
        raise _no_family(family_id)
    return family


def _hold_values(family: Family) -> dict[str, object]:
    return {"legal_hold": bool(family.legal_hold), "legal_hold_reason": family.legal_hold_reason,
            "legal_hold_by": family.legal_hold_by}


def _document_files(conn: Connection, family_id: int) -> set[str]:
    """The hashes of the files the family's documents name in the document store."""
    rows = conn.execute(select(Document.sha256, Document.original_sha256)
                        .where(Document.family_id == family_id))
    return {sha256 for row in rows for sha256 in row}


def _delete_unnamed_files(context: ServiceContext, files: set[str]) -> None:
    """After the family's rows are gone: its documents' files that no other family's
    document names (identical files are stored once) leave the document store too."""
    if not files:
        return
    with context.database.reading() as conn:
        named = set(conn.execute(select(Document.sha256).where(Document.sha256.in_(files)))
                    .scalars())
        named |= set(conn.execute(select(Document.original_sha256)
                                  .where(Document.original_sha256.in_(files))).scalars())
        store = context.document_store(conn)
    if store is not None:
        for sha256 in files - named:
            store.delete(sha256)


def _delete_family(session: Session, family: Family) -> dict[str, int]:
    """Delete a family and everything kept with it; return how many of each went.

    Plain deletes, each table after those that point at it (a letter points at an adult
    as well as its episode, which the ORM's cascades would not order).
    """
    conn = session.connection()
    family_id = family.id
    counts = {"children": len(family.children), "adults": len(family.adults),
              "episodes": len(family.episodes), "notes": len(family.notes),
              "letters_made": conn.execute(select(func.count(GeneratedLetter.id)).where(
                  GeneratedLetter.family_id == family_id)).scalar_one()}
    session.expunge(family)  # from here on the rows go by plain deletes
    episodes = select(Episode.id).where(Episode.family_id == family_id)
    plan_items = select(PlanItem.id).where(PlanItem.episode_id.in_(episodes))
    bundles = select(Bundle.id).where(Bundle.family_id == family_id)
    for statement in (
        delete(BundleVersion).where(BundleVersion.bundle_id.in_(bundles)),
        delete(BundleItem).where(BundleItem.bundle_id.in_(bundles)),
        delete(Bundle).where(Bundle.family_id == family_id),
        delete(ChronologyEntry).where(ChronologyEntry.family_id == family_id),
        # The panel's actions point at its agenda items; the meeting itself (other
        # families' decisions) stays.
        delete(PanelAction).where(PanelAction.family_id == family_id),
        delete(PanelItem).where(PanelItem.family_id == family_id),
        delete(StepDownFollowUp).where(StepDownFollowUp.family_id == family_id),
        delete(ConfidentialDetail).where(ConfidentialDetail.family_id == family_id),
        # A translated copy's record points at its letter and its document.
        delete(LetterTranslation).where(LetterTranslation.family_id == family_id),
        # Document rows point at letters and meetings, so they go first; their files leave
        # the store after the commit, unless another document names them.
        delete(Document).where(Document.family_id == family_id),
        delete(DueItemRow).where(DueItemRow.family_id == family_id),
        delete(FamilyListRow).where(FamilyListRow.family_id == family_id),
        delete(FamilyAccess).where(FamilyAccess.family_id == family_id),
        delete(GeneratedLetter).where(GeneratedLetter.family_id == family_id),
        delete(PlanProgress).where(PlanProgress.plan_item_id.in_(plan_items)),
        delete(PlanItem).where(PlanItem.episode_id.in_(episodes)),
        delete(Letter).where(Letter.episode_id.in_(episodes)),
        delete(Meeting).where(Meeting.episode_id.in_(episodes)),
        delete(Assessment).where(Assessment.episode_id.in_(episodes)),
        delete(Extension).where(Extension.episode_id.in_(episodes)),
        delete(Note).where(Note.family_id == family_id),
        delete(Episode).where(Episode.family_id == family_id),
        delete(Child).where(Child.family_id == family_id),
        delete(Adult).where(Adult.family_id == family_id),
        delete(Family).where(Family.id == family_id),
    ):
        conn.execute(statement)
    return counts


def _old_backups(folder: Path, periods: RetentionPeriods,
                 today: date) -> tuple[BackupPastRetention, ...]:
    if not folder.is_dir():
        return ()
    found = []
    for path in folder.iterdir():
        if not path.is_file() or not path.name.endswith(_BACKUP_SUFFIXES):
            continue
        made_on = datetime.fromtimestamp(path.stat().st_mtime, UTC).date()
        kept_until = backup_kept_until(made_on, periods)
        days = (today - kept_until).days
        if days > 0:
            found.append(BackupPastRetention(path, made_on, kept_until, days))
    found.sort(key=lambda b: (-b.days_past, b.path.name))
    return tuple(found)

"""Retention through the services: the report, legal holds and deleting a family.

Dates are worked out by hand. The services are given a clock set decades ahead, on the
same database, so a family closed this year is past its retention period "today".
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date

import pytest
from sqlalchemy import func, select

from plo_tracker.domain.clock import FixedClock
from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.domain.letter_types import LetterType
from plo_tracker.domain.vocabulary import GatewayDecision, Outcome, StepDownPlan
from plo_tracker.services.errors import NotFound, PermissionDenied
from plo_tracker.services.registry import Services
from plo_tracker.services.retention import RetentionRefused
from plo_tracker.storage.models import (
    AuditEntry,
    Child,
    Episode,
    Family,
    FamilyListRow,
    GeneratedLetter,
)
from tests.services.test_letters import build_family

# world.stepped_down(): outcome "step down" on 2 Nov 2026, so kept until 2 Nov 2061.
STEPPED_DOWN_UNTIL = date(2061, 11, 2)
# world.new_family(gateway=CONTINUE_WITHOUT_PLO): closed at the gateway, 1 Sep 2026:
# kept until 1 Sep 2061.
NOT_ENTERED_UNTIL = date(2061, 9, 1)
LATER = date(2061, 11, 3)  # one day past 2 Nov 2061; 63 days past 1 Sep 2061


def services_on(world, day: date) -> Services:
    return Services.build(world.database, FixedClock(day))


def _audit_for(world, family_id: int) -> list[AuditEntry]:
    with world.database.unit_of_work() as session:
        rows = session.scalars(select(AuditEntry).where(AuditEntry.family_id == family_id)
                               .order_by(AuditEntry.id)).all()
        session.expunge_all()
        return list(rows)


def _rows_of(world, family_id: int) -> dict[str, int]:
    with world.database.reading() as conn:
        return {model.__tablename__: conn.execute(select(func.count()).select_from(model)
                                                  .where(model.family_id == family_id))
                .scalar_one() for model in (Child, Episode, FamilyListRow, GeneratedLetter)} | {
            "families": conn.execute(select(func.count()).select_from(Family)
                                     .where(Family.id == family_id)).scalar_one()}


def test_the_report_lists_families_past_retention_longest_past_first(world):
    stepped = world.stepped_down()
    not_entered = world.new_family(gateway=GatewayDecision.CONTINUE_WITHOUT_PLO)
    open_family = world.pre_proceedings()
    report = services_on(world, LATER).retention.report(world.actor("admin"))
    mine = [f for f in report.families if f.family_id in (stepped, not_entered, open_family)]
    assert [(f.family_id, f.kept_until, f.days_past) for f in mine] == [
        (not_entered, NOT_ENTERED_UNTIL, 63), (stepped, STEPPED_DOWN_UNTIL, 1)]
    assert mine[1].rule == "35 years after the record closed on 2 Nov 2026"
    assert mine[1].surname == "Testcase"
    days = [f.days_past for f in report.families]
    assert days == sorted(days, reverse=True)
    assert world.last_audit().action == "retention.report"


def test_nothing_is_past_retention_on_the_day_it_is_kept_until(world):
    stepped = world.stepped_down()
    report = services_on(world, STEPPED_DOWN_UNTIL).retention.report(world.actor("admin"))
    assert stepped not in [f.family_id for f in report.families]


def test_the_periods_are_settings(world):
    stepped = world.stepped_down()
    admin = world.actor("admin")
    settings = world.services.settings.current()
    from dataclasses import replace

    longer = replace(settings, retention=replace(settings.retention, child_protection_years=36))
    world.services.settings.save(admin, longer)
    try:
        report = services_on(world, LATER).retention.report(admin)
        assert stepped not in [f.family_id for f in report.families]  # kept to 2 Nov 2062
        end = world.services.retention.retention_of(admin, stepped)
        assert end.kept_until == date(2062, 11, 2)
    finally:
        world.services.settings.save(admin, settings)


@pytest.mark.parametrize("role", ["socialworker", "manager", "panel", "readonly"])
def test_only_administrators_see_the_report_and_place_holds(world, role, tmp_path):
    family = world.stepped_down()
    retention = world.services.retention
    with pytest.raises(PermissionDenied):
        retention.report(world.actor(role))
    with pytest.raises(PermissionDenied):
        retention.hold(world.actor(role), family, "Claim by the family")
    with pytest.raises(PermissionDenied):
        retention.delete(world.actor(role), family, tmp_path)


def test_a_legal_hold_is_placed_and_released_with_a_reason_and_audited(world):
    family = world.stepped_down()
    admin, retention = world.actor("admin"), world.services.retention
    with pytest.raises(ValidationFailed, match="Say why the family is placed on legal hold"):
        retention.hold(admin, family, "  ")
    held = retention.hold(admin, family, "Subject access request SAR-2026-118")
    assert (held.on_hold, held.reason, held.by) == (
        True, "Subject access request SAR-2026-118", "admin")
    entry = world.last_audit()
    assert (entry.action, entry.family_id) == ("family.legal_hold", family)
    assert json.loads(entry.after)["legal_hold_reason"] == "Subject access request SAR-2026-118"
    detail = world.services.case_detail.family(admin, family, record_view=False)
    assert (detail.legal_hold, detail.legal_hold_reason, detail.legal_hold_by) == (
        True, "Subject access request SAR-2026-118", "admin")
    with pytest.raises(ValidationFailed, match="is already on legal hold"):
        retention.hold(admin, family, "Again")

    with pytest.raises(ValidationFailed, match="Say why the legal hold is released"):
        retention.release(admin, family, "")
    released = retention.release(admin, family, "Request answered on 1 Dec 2026")
    assert (released.on_hold, released.reason) == (False, None)
    entry = world.last_audit()
    assert entry.action == "family.legal_hold_release"
    assert json.loads(entry.before)["legal_hold_reason"] == "Subject access request SAR-2026-118"
    assert json.loads(entry.after)["release_reason"] == "Request answered on 1 Dec 2026"
    with pytest.raises(ValidationFailed, match="is not on legal hold"):
        retention.release(admin, family, "Again")


def test_a_family_on_legal_hold_is_not_deleted(world, tmp_path):
    family = world.stepped_down()
    admin = world.actor("admin")
    world.services.retention.hold(admin, family, "Litigation hold: claim 2026-LH-4")
    before = world.tables()
    with pytest.raises(RetentionRefused) as refused:
        services_on(world, LATER).retention.delete(admin, family, tmp_path / "backups")
    assert "is on legal hold (Litigation hold: claim 2026-LH-4), so it cannot be deleted" in \
        refused.value.message
    assert world.tables() == before
    assert not (tmp_path / "backups").exists()  # refused before any backup was taken


def test_a_family_not_past_retention_is_not_deleted(world, tmp_path):
    family = world.stepped_down()
    with pytest.raises(RetentionRefused) as refused:
        services_on(world, STEPPED_DOWN_UNTIL).retention.delete(
            world.actor("admin"), family, tmp_path)
    assert refused.value.message.endswith(
        "is kept until 2 November 2061 (35 years after the record closed on 2 Nov 2026), so "
        "it cannot be deleted yet.")
    open_family = world.pre_proceedings()
    with pytest.raises(RetentionRefused, match="cannot be deleted: an episode is still open"):
        services_on(world, LATER).retention.delete(world.actor("admin"), open_family, tmp_path)


def test_a_child_in_care_is_kept_until_the_75th_birthday(world, tmp_path):
    # Proceedings issued; Ruby was born 2 Apr 2019, so she is 75 on 2 Apr 2094.
    family = world.closed()
    admin = world.actor("admin")
    assert world.services.retention.retention_of(admin, family).kept_until == date(2094, 4, 2)
    with pytest.raises(RetentionRefused, match="kept until 2 April 2094"):
        services_on(world, date(2094, 4, 2)).retention.delete(admin, family, tmp_path)
    services_on(world, date(2094, 4, 3)).retention.delete(admin, family, tmp_path)
    assert _rows_of(world, family)["families"] == 0


@pytest.mark.sqlite_only  # raw SQL on the SQLite file
def test_deleting_a_family_takes_a_backup_keeps_the_audit_and_records_no_personal_data(
        world, tmp_path):
    built = build_family(world, "Quill")  # ready for its letter before proceedings
    family, admin = built.family_id, world.actor("admin")
    world.services.letters.generate(admin, family, LetterType.LBP)  # two letters kept
    # Stepped down on 25 Nov 2026: kept until 25 Nov 2061, one day past on 26 Nov 2061.
    world.services.milestones.record_outcome(world.actor("manager"), family,
                                             Outcome.STEP_DOWN, date(2026, 11, 25),
                                             StepDownPlan.CHILD_IN_NEED)
    entries_before = _audit_for(world, family)
    assert _rows_of(world, family)["generated_letters"] == 2

    deleted = services_on(world, date(2061, 11, 26)).retention.delete(
        admin, family, tmp_path / "backups")

    assert _rows_of(world, family) == {"children": 0, "episodes": 0, "family_list": 0,
                                       "generated_letters": 0, "families": 0}
    # The backup was taken first, and still holds the family.
    assert deleted.backup.parent == tmp_path / "backups"
    with sqlite3.connect(deleted.backup) as copy:
        assert copy.execute("SELECT count(*) FROM families WHERE id = ?",
                            (family,)).fetchone() == (1,)
    copy.close()
    # Every entry about the family is still there, and the deletion is one more.
    entries_after = _audit_for(world, family)
    assert [e.id for e in entries_after[:-1]] == [e.id for e in entries_before]
    last = entries_after[-1]
    assert (last.action, last.entity, last.entity_id) == ("family.delete", "family", family)
    assert json.loads(last.after) == {
        "plo_family_id": built.plo_id, "rule": "years after the record closed",
        "backup": deleted.backup.name, "children": 2, "adults": 3, "episodes": 1,
        "notes": 0, "letters_made": 2}
    for personal in ("Quill", "Ruby", "Noah", "Jade", "Liam", "Brook", "2019"):
        assert personal not in last.after
    problems = [f.message for f in world.health() if not f.ok]
    assert problems == []


def test_a_restricted_family_is_in_retention_only_for_an_administrator_named_for_it(
        world, tmp_path):
    family, admin = world.stepped_down(), world.actor("admin")
    access = world.services.family_access
    access.set_access(admin, family, True, [world.actor("panel").user_id])  # admin not named
    later = services_on(world, LATER).retention
    assert family not in [f.family_id for f in later.report(admin).families]
    before = world.tables()
    for call in (lambda: world.services.retention.retention_of(admin, family),
                 lambda: world.services.retention.hold(admin, family, "A claim"),
                 lambda: later.delete(admin, family, tmp_path / "backups")):
        with pytest.raises(NotFound) as refused:
            call()
        assert refused.value.message == f"There is no family with id {family}."
    assert world.tables() == before  # not held, not deleted, nothing recorded
    assert not (tmp_path / "backups").exists()

    # Named (which the audit log records), the administrator sees it and may delete it.
    access.grant(admin, family, admin.user_id)
    assert family in [f.family_id for f in later.report(admin).families]
    later.delete(admin, family, tmp_path / "backups")
    assert _rows_of(world, family)["families"] == 0


def test_a_missing_family_has_no_retention_date(world):
    with pytest.raises(NotFound, match="There is no family with id 999999."):
        world.services.retention.retention_of(world.actor("admin"), 999_999)

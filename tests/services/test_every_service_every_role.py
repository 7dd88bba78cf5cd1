"""Every public method of every service, called by every role: allowed or refused as the
domain's tables say (domain/permissions.py, domain/case_actions.py), and, for a restricted
family the caller is not named for, the same answer as for a family that does not exist.

The methods are found by looking at services.registry.Services, so a method added to a
service without an entry below fails test_every_service_method_has_an_entry. A method that
needs no permission is listed in NO_PERMISSION with the reason.
"""

from __future__ import annotations

import inspect
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from functools import cache, cached_property
from itertools import count
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from plo_tracker.domain.case_actions import CaseAction
from plo_tracker.domain.chronology import ChronologyLine
from plo_tracker.domain.clock import FixedClock
from plo_tracker.domain.confidential_kinds import ConfidentialKind
from plo_tracker.domain.document_types import DocumentType
from plo_tracker.domain.errors import DomainError
from plo_tracker.domain.followups import Finding
from plo_tracker.domain.letter_types import LetterType
from plo_tracker.domain.permissions import Permission, allows, role_problem
from plo_tracker.domain.vocabulary import MeetingKind, Role, SendMethod
from plo_tracker.services.audit_log import AuditFilter
from plo_tracker.services.bundle_views import BundleForm
from plo_tracker.services.case_forms import AdultForm, ChildForm, NewFamilyForm
from plo_tracker.services.demo_data import DEMO_ACCOUNTS
from plo_tracker.services.document_views import DocumentForm
from plo_tracker.services.errors import NotFound, PermissionDenied
from plo_tracker.services.followups import FollowUpForm
from plo_tracker.services.letter_translations import TranslationForm
from plo_tracker.services.registry import Services
from plo_tracker.services.reports_filter import ReportFilter
from plo_tracker.services.sign_in import MAX_FAILED_SIGN_INS, SignInRefused
from plo_tracker.services.users import NewUser
from plo_tracker.storage.models import (
    Bundle,
    ConfidentialDetail,
    Document,
    Episode,
    Family,
    GeneratedLetter,
    Meeting,
    StepDownFollowUp,
    User,
)
from tests.services.panel_entries import PANEL_BUILDERS, PANEL_ENTRIES, PANEL_OWNERS
from tests.services.test_changes import CALLS
from tests.services.test_letters import build_family
from tests.services.test_retention import LATER
from tests.support import TODAY

MISSING = 999_999  # no family and no letter has this id
# The management figures over this year to today: families built here start 1 Sep 2026.
REPORT_FILTER = ReportFilter(date(2026, 1, 1), TODAY)

# The demo account of each role.
ACCOUNT = {role: username for username, _name, role, _team in DEMO_ACCOUNTS}


@dataclass(frozen=True)
class Entry:
    """One service method: what it needs, and one valid call of it.

    ``call(world, target, actor)`` gets the id of what ``build`` made: a family, or a kept
    letter (``target="letter"``). ``target`` says what a restricted family changes:
    "family", "letter" or "meeting": the call must answer as for an id that is no such thing;
    "list": the result must leave the family out (``listed`` gives the family ids in it);
    "none": the method reads or writes no family.
    """

    needs: Permission
    call: Callable[[Any, int | None, Any], Any]
    build: str | None = "pre_proceedings"
    target: str = "family"
    listed: Callable[[Any], set[int]] | None = None
    # Administrators keep the named list of any family, one they may not see included
    # (docs/user-guide/restricted-families.md): the restricted check leaves them out.
    administrators_see_past: bool = False
    # A missing family gets an empty answer (no history, every letter skipped), not a
    # refusal: a restricted one must get the same.
    missing_is_empty: bool = False


# The case action each change of test_changes.CALLS records.
_ACTION_OF = {
    "record_gateway_decision": CaseAction.GATEWAY_DECISION,
    "record_letter_sent": CaseAction.LETTER_SENT,
    "schedule_meeting": CaseAction.SCHEDULE_MEETING,
    "record_meeting_held": CaseAction.MEETING_HELD,
    "commission_assessment": CaseAction.COMMISSION_ASSESSMENT,
    "complete_assessment": CaseAction.COMPLETE_ASSESSMENT,
    "record_fgdm": CaseAction.FGDM,
    "record_extension": CaseAction.EXTENSION,
    "record_outcome": CaseAction.OUTCOME,
    "record_court_application": CaseAction.COURT_APPLICATION,
    "close_proceedings": CaseAction.CLOSE_PROCEEDINGS,
    "add_note": CaseAction.NOTE,
    "record_history": CaseAction.HISTORY,
    "add_item": CaseAction.PLAN_ITEM,
    "record_progress": CaseAction.PLAN_PROGRESS,
    "save_adult": CaseAction.ADULT,
    "save_child": CaseAction.CHILD,
}
_SERVICE_OF = {"add_item": "plan", "record_progress": "plan", "save_adult": "people",
               "save_child": "people"}


def _change(call: Callable) -> Callable[[Any, int | None, Any], Any]:
    return lambda w, f, a: call(w, f, a, None)  # no version: the version check is elsewhere


_numbers = count(1)


def _family_ids(result) -> set[int]:
    return {row.family_id for row in result}


def _due_ids(result) -> set[int]:
    return {row["family_id"] if isinstance(row, dict) else row.item.family_id for row in result}


def _user(world, username: str) -> int:
    return world.actor(username).user_id


def _username(world, user_id: int) -> str:
    with world.database.reading() as conn:
        return conn.execute(select(User.username).where(User.id == user_id)).scalar_one()


# A password the rules accept, for the accounts made and reset here.
NEW_PASSWORD = "kettle lantern harbour 42"


def _on_account(method: str, account: str, *more: Any) -> Entry:
    """An administrator's change to the account ``account`` builds (users.METHOD)."""
    return Entry(Permission.MANAGE_USERS, lambda w, f, a: getattr(w.services.users, method)(
        a, _username(w, f), *more), build=account, target="none")


def _import_file() -> Path:
    """A spreadsheet of one new family of its own, to import (tests/services/test_import)."""
    from tests.services.test_import import family_rows
    from tests.support.import_files import write_csv

    return write_csv(Path(tempfile.mkdtemp()) / "plo.csv",
                     family_rows(f"EVERYROLE-{next(_numbers)}"))


def _later(world) -> Services:
    """The world's services on a clock decades ahead (test_retention.LATER)."""
    return Services.build(world.database, FixedClock(LATER))


ENTRIES: dict[tuple[str, str], Entry] = {
    **{(_SERVICE_OF.get(name, "milestones"), name): Entry(
        _ACTION_OF[name].permission, _change(call), build)
       for name, build, call, _decides in CALLS},
    ("case_detail", "family"): Entry(
        Permission.VIEW_CASES, lambda w, f, a: w.services.case_detail.family(a, f)),
    ("case_detail", "history"): Entry(
        Permission.VIEW_CASES, lambda w, f, a: w.services.case_detail.history(a, f),
        missing_is_empty=True),
    ("caseload", "families"): Entry(
        Permission.VIEW_CASES, lambda w, f, a: w.services.caseload.families(a, TODAY),
        target="list", listed=_family_ids),
    ("caseload", "due"): Entry(
        Permission.VIEW_CASES, lambda w, f, a: w.services.caseload.due(a, TODAY),
        target="list", listed=_due_ids),
    ("exports", "families"): Entry(
        Permission.VIEW_CASES, lambda w, f, a: w.services.exports.families(a, TODAY),
        target="list", listed=lambda rows: {r["id"] for r in rows}),
    ("exports", "due"): Entry(
        Permission.VIEW_CASES, lambda w, f, a: w.services.exports.due(a, TODAY),
        target="list", listed=_due_ids),
    ("families", "create"): Entry(
        Permission.EDIT_CASES, lambda w, f, a: w.services.families.create(a, NewFamilyForm(
            children=(ChildForm("Ava", "Everyrole", date(2021, 6, 1)),),
            adults=(AdultForm("Mia", "Everyrole", "mother"),))),
        build=None, target="none"),
    ("families", "find"): Entry(
        Permission.VIEW_CASES, lambda w, f, a: w.services.families.find(a, str(f))),
    ("family_access", "find"): Entry(
        CaseAction.RESTRICT_ACCESS.permission,
        lambda w, f, a: w.services.family_access.find(a, str(f)), administrators_see_past=True),
    ("family_access", "show"): Entry(
        CaseAction.RESTRICT_ACCESS.permission,
        lambda w, f, a: w.services.family_access.show(a, f), administrators_see_past=True),
    ("family_access", "restrict"): Entry(
        CaseAction.RESTRICT_ACCESS.permission,
        lambda w, f, a: w.services.family_access.restrict(a, f), administrators_see_past=True),
    ("family_access", "unrestrict"): Entry(
        CaseAction.RESTRICT_ACCESS.permission,
        lambda w, f, a: w.services.family_access.unrestrict(a, f), build="restricted",
        administrators_see_past=True),
    ("family_access", "grant"): Entry(
        CaseAction.RESTRICT_ACCESS.permission,
        lambda w, f, a: w.services.family_access.grant(a, f, _user(w, "readonly")),
        build="restricted", administrators_see_past=True),
    ("family_access", "revoke"): Entry(
        CaseAction.RESTRICT_ACCESS.permission,
        lambda w, f, a: w.services.family_access.revoke(a, f, _user(w, "panel")),
        build="restricted", administrators_see_past=True),
    ("family_access", "set_access"): Entry(
        CaseAction.RESTRICT_ACCESS.permission,
        lambda w, f, a: w.services.family_access.set_access(a, f, True, [_user(w, "manager")]),
        administrators_see_past=True),
    ("letters", "batch"): Entry(
        Permission.BATCH_LETTERS,
        lambda w, f, a: w.services.letters.batch(a, LetterType.LBP, [f]),
        missing_is_empty=True),
    ("letters", "check"): Entry(
        Permission.VIEW_CASES,
        lambda w, f, a: w.services.letters.check(a, f, LetterType.LBP)),
    ("letters", "preview"): Entry(
        Permission.VIEW_CASES,
        lambda w, f, a: w.services.letters.preview(a, f, LetterType.LBP, w.adults(f)[0]),
        build="ready"),
    ("letters", "readability"): Entry(
        Permission.VIEW_CASES,
        lambda w, f, a: w.services.letters.readability(a, f, LetterType.LBP, w.adults(f)[0]),
        build="ready"),
    ("letters", "generate"): Entry(
        CaseAction.WRITE_LETTERS.permission,
        lambda w, f, a: w.services.letters.generate(a, f, LetterType.LBP), build="ready"),
    ("letters", "generated"): Entry(
        Permission.VIEW_CASES, lambda w, f, a: w.services.letters.generated(a, f)),
    ("letters", "open"): Entry(
        Permission.VIEW_CASES, lambda w, f, a: w.services.letters.open(a, f),
        build="kept_letter", target="letter"),
    ("letters", "record_sent"): Entry(
        CaseAction.LETTER_SENT.permission,
        lambda w, f, a: w.services.letters.record_sent(a, f, TODAY, SendMethod.POST),
        build="kept_letter", target="letter"),
    ("letter_translations", "add"): Entry(
        CaseAction.LETTER_SENT.permission,
        lambda w, f, a: w.services.letter_translations.add(
            a, f, _document_pdf(), TranslationForm("Polish", TODAY, SendMethod.POST)),
        build="kept_letter", target="letter"),
    ("settings", "save"): Entry(
        Permission.MANAGE_SETTINGS,
        lambda w, f, a: w.services.settings.save(a, w.services.settings.current()),
        build=None, target="none"),
    ("templates", "save"): Entry(
        Permission.MANAGE_SETTINGS,
        lambda w, f, a: w.services.templates.save(
            a, LetterType.LBP, w.services.templates.current(LetterType.LBP).source,
            "Saved again unchanged."),
        build=None, target="none"),
    ("users", "create"): Entry(
        Permission.MANAGE_USERS,
        lambda w, f, a: w.services.users.create(a, NewUser(
            f"everyrole.{next(_numbers)}", "New Person", Role.SOCIAL_WORKER, "North")),
        build=None, target="none"),
    ("users", "all_accounts"): Entry(
        Permission.MANAGE_USERS, lambda w, f, a: w.services.users.all_accounts(a),
        build=None, target="none"),
    # Each call below changes an account of its own (``build`` gives its id), so the demo
    # accounts the other tests act as keep their roles and passwords.
    **{("users", method): _on_account(method, account, *more) for method, account, more in (
        ("reset_password", "account", (NEW_PASSWORD,)),
        ("disable", "account", ()),
        ("enable", "disabled_account", ()),
        ("unlock", "locked_account", ()),
        ("change_role", "account", (Role.TEAM_MANAGER,)))},
    ("backups", "take"): Entry(
        Permission.BACKUP_RESTORE,
        lambda w, f, a: w.services.backups.take(a, w.services.context.backups),
        build=None, target="none"),
    ("backups", "authorise_restore"): Entry(
        Permission.BACKUP_RESTORE, lambda w, f, a: w.services.backups.authorise_restore(a),
        build=None, target="none"),
    ("backups", "record_restore"): Entry(
        Permission.BACKUP_RESTORE,
        lambda w, f, a: w.services.backups.record_restore(
            a, Path("tracker-everyrole.sqlite3"), None, "the database replaced"),
        build=None, target="none"),
    # Entries about a restricted family are listed only to those who may see it.
    ("audit_log", "page"): Entry(
        Permission.VIEW_AUDIT, lambda w, f, a: w.services.audit_log.page(a, AuditFilter()),
        target="list", listed=lambda lines: {line.view.family_id for line in lines}),
    ("audit_log", "export_csv"): Entry(
        Permission.VIEW_AUDIT,
        lambda w, f, a: w.services.audit_log.export_csv(
            a, AuditFilter(), Path(tempfile.mkdtemp()) / "audit.csv"),
        build=None, target="none"),
    # National returns hold the families the reader may see (the rest are counted apart).
    ("returns", "cin_rows"): Entry(
        Permission.MAKE_RETURNS, lambda w, f, a: w.services.returns.cin_rows(a, 2026),
        target="list", listed=lambda result: set(result.family_ids)),
    ("returns", "write_cin"): Entry(
        Permission.MAKE_RETURNS,
        lambda w, f, a: w.services.returns.write_cin(
            a, 2026, Path(tempfile.mkdtemp()) / "cin.csv", allow_failures=True),
        target="list", listed=lambda written: set(written.family_ids)),
    ("returns", "write_ssd"): Entry(
        Permission.MAKE_RETURNS,
        lambda w, f, a: w.services.returns.write_ssd(a, Path(tempfile.mkdtemp()) / "ssd.csv"),
        target="list", listed=lambda written: set(written.family_ids)),
    ("letter_prints", "save_copy"): Entry(
        Permission.VIEW_CASES,
        lambda w, f, a: w.services.letter_prints.save_copy(
            a, f, Path(tempfile.mkdtemp()) / "copy.pdf"),
        build="kept_letter", target="letter"),
    # The batch is made by an administrator; saving its files is what is checked here.
    ("letter_prints", "save_batch"): Entry(
        Permission.BATCH_LETTERS,
        lambda w, f, a: w.services.letter_prints.save_batch(
            a, Path(tempfile.mkdtemp()),
            w.services.letters.batch(w.actor("admin"), LetterType.LBP, [f])),
        missing_is_empty=True),
    # Retention is worked out on a clock decades ahead (``_later``), when the families built
    # here are past their retention period, so the report lists them and delete deletes.
    ("retention", "report"): Entry(
        Permission.MANAGE_RETENTION, lambda w, f, a: _later(w).retention.report(a),
        build="stepped_down", target="list",
        listed=lambda report: {family.family_id for family in report.families}),
    ("retention", "retention_of"): Entry(
        Permission.VIEW_CASES, lambda w, f, a: w.services.retention.retention_of(a, f),
        build="stepped_down"),
    ("retention", "hold"): Entry(
        Permission.MANAGE_RETENTION,
        lambda w, f, a: w.services.retention.hold(a, f, "Subject access request"),
        build="stepped_down"),
    ("retention", "release"): Entry(
        Permission.MANAGE_RETENTION,
        lambda w, f, a: w.services.retention.release(a, f, "The request is answered"),
        build="on_hold"),
    ("chronology", "draw"): Entry(
        Permission.VIEW_CASES, lambda w, f, a: w.services.chronology.draw(a, f)),
    ("chronology", "save_entries"): Entry(
        Permission.EDIT_CASES, lambda w, f, a: w.services.chronology.save_entries(
            a, f, [ChronologyLine(date(2026, 9, 2), "Phoned the mother.", "Phone log")])),
    ("chronology", "save_as_document"): Entry(
        Permission.EDIT_CASES,
        lambda w, f, a: w.services.chronology.save_as_document(a, f, TODAY)),
    # Check-ins after a step-down: "followup" builds a stepped-down family and gives the id
    # of its first check-in.
    ("followups", "list"): Entry(
        Permission.VIEW_CASES, lambda w, f, a: w.services.followups.list(a, f),
        build="stepped_down"),
    ("followups", "record"): Entry(
        CaseAction.FOLLOW_UP.permission, lambda w, f, a: w.services.followups.record(
            a, f, FollowUpForm(TODAY, Finding.PROGRESSING, "Seen at home.")),
        build="followup", target="followup"),
    # The minutes' calls take a meeting: "held_meeting" builds one held and fully recorded.
    ("meeting_minutes", "check"): Entry(
        Permission.VIEW_CASES, lambda w, f, a: w.services.meeting_minutes.check(a, f),
        build="held_meeting", target="meeting"),
    ("meeting_minutes", "preview"): Entry(
        Permission.VIEW_CASES, lambda w, f, a: w.services.meeting_minutes.preview(a, f),
        build="held_meeting", target="meeting"),
    ("meeting_minutes", "save"): Entry(
        Permission.EDIT_CASES, lambda w, f, a: w.services.meeting_minutes.save(a, f),
        build="held_meeting", target="meeting"),
    ("retention", "delete"): Entry(
        Permission.MANAGE_RETENTION,
        lambda w, f, a: _later(w).retention.delete(a, f, w.services.context.backups),
        build="stepped_down"),
    # Court bundles (tests/services/test_bundles_*.py): ``build="bundle"`` makes a bundle
    # with one document placed and one not, and the call gets the bundle's id.
    ("bundles", "create"): Entry(
        Permission.EDIT_CASES, lambda w, f, a: w.services.bundles.create(a, f, BUNDLE_FORM)),
    ("bundles", "for_hearing"): Entry(
        Permission.EDIT_CASES,
        lambda w, f, a: w.services.bundles.for_hearing(a, f, date(2026, 12, 8))),
    ("bundles", "for_family"): Entry(
        Permission.VIEW_CASES, lambda w, f, a: w.services.bundles.for_family(a, f)),
    ("bundles", "overview"): Entry(
        Permission.VIEW_CASES, lambda w, f, a: w.services.bundles.overview(a),
        build="family_with_bundle", target="list",
        listed=lambda o: {s.family_id for s in (*o.upcoming, *o.in_progress)}
        | {b.bundle.family_id for b in o.last_built}),
    **{("bundles", name): Entry(needs, call, build="bundle", target="bundle")
       for name, needs, call in (
           ("layout", Permission.VIEW_CASES,
            lambda w, f, a: w.services.bundles.layout(a, f)),
           ("versions", Permission.VIEW_CASES,
            lambda w, f, a: w.services.bundles.versions(a, f)),
           ("update_hearing", Permission.EDIT_CASES,
            lambda w, f, a: w.services.bundles.update_hearing(a, f, BUNDLE_FORM)),
           ("place", Permission.EDIT_CASES,
            lambda w, f, a: w.services.bundles.place(a, f, _bundle_document(w, f, False))),
           ("place_all", Permission.EDIT_CASES,
            lambda w, f, a: w.services.bundles.place_all(a, f)),
           ("move", Permission.EDIT_CASES,
            lambda w, f, a: w.services.bundles.move(a, f, _bundle_document(w, f, True), "B")),
           ("unplace", Permission.EDIT_CASES,
            lambda w, f, a: w.services.bundles.unplace(a, f, _bundle_document(w, f, True))),
           ("sort_by_date", Permission.EDIT_CASES,
            lambda w, f, a: w.services.bundles.sort_by_date(a, f)),
           ("issue", Permission.EDIT_CASES,
            lambda w, f, a: w.services.bundles.issue(a, f, 1)),
       )},
    # The check and the build open the documents unredacted: the roles that may change a
    # family all see confidential addresses, so EDIT_CASES decides here (both are checked).
    ("bundles", "check"): Entry(
        Permission.EDIT_CASES, lambda w, f, a: w.services.bundles.check(a, f),
        build="bundle_with_file", target="bundle"),
    ("bundles", "build"): Entry(
        Permission.EDIT_CASES,
        lambda w, f, a: w.services.bundles.build(
            a, f, Path(tempfile.mkdtemp()) / "court.pdf", Path(tempfile.mkdtemp()) / "p.pdf"),
        build="bundle_with_file", target="bundle"),
    # Documents: adding and changing need EDIT_CASES; the file itself (unredacted evidence)
    # and the confidential register need SEE_CONFIDENTIAL_ADDRESSES.
    ("documents", "add_file"): Entry(
        Permission.EDIT_CASES,
        lambda w, f, a: w.services.documents.add_file(a, f, _document_pdf(), DOCUMENT_FORM)),
    ("documents", "add_letter"): Entry(
        Permission.EDIT_CASES, lambda w, f, a: w.services.documents.add_letter(a, f),
        build="kept_letter", target="letter"),
    ("documents", "add_generated"): Entry(
        Permission.EDIT_CASES,
        lambda w, f, a: w.services.documents.add_generated(
            a, f, _document_pdf().read_bytes(), DOCUMENT_FORM, source="chronology")),
    ("documents", "list"): Entry(
        Permission.VIEW_CASES, lambda w, f, a: w.services.documents.list(a, f)),
    ("documents", "get"): Entry(
        Permission.VIEW_CASES, lambda w, f, a: w.services.documents.get(a, f),
        build="document", target="document"),
    ("documents", "same_file_as"): Entry(
        Permission.VIEW_CASES, lambda w, f, a: w.services.documents.same_file_as(a, f),
        build="document", target="document"),
    ("documents", "update"): Entry(
        Permission.EDIT_CASES,
        lambda w, f, a: w.services.documents.update(a, f, DOCUMENT_FORM),
        build="document", target="document"),
    ("documents", "remove"): Entry(
        Permission.EDIT_CASES, lambda w, f, a: w.services.documents.remove(a, f),
        build="document", target="document"),
    ("documents", "pdf_path"): Entry(
        Permission.SEE_CONFIDENTIAL_ADDRESSES,
        lambda w, f, a: w.services.documents.pdf_path(a, f),
        build="document", target="document"),
    ("documents", "save_copy"): Entry(
        Permission.SEE_CONFIDENTIAL_ADDRESSES,
        lambda w, f, a: w.services.documents.save_copy(
            a, f, Path(tempfile.mkdtemp()) / "copy.pdf"),
        build="document", target="document"),
    ("confidential_register", "list"): Entry(
        Permission.SEE_CONFIDENTIAL_ADDRESSES,
        lambda w, f, a: w.services.confidential_register.list(a, f)),
    ("confidential_register", "phrases"): Entry(
        Permission.SEE_CONFIDENTIAL_ADDRESSES,
        lambda w, f, a: w.services.confidential_register.phrases(a, f)),
    ("confidential_register", "add"): Entry(
        Permission.SEE_CONFIDENTIAL_ADDRESSES,
        lambda w, f, a: w.services.confidential_register.add(
            a, f, ConfidentialKind.SCHOOL, f"Everyrole Academy {next(_numbers)}")),
    ("confidential_register", "remove"): Entry(
        Permission.SEE_CONFIDENTIAL_ADDRESSES,
        lambda w, f, a: w.services.confidential_register.remove(a, f),
        build="confidential_detail", target="confidential_detail"),
    **{key: Entry(**fields) for key, fields in PANEL_ENTRIES.items()},
    ("imports", "preview"): Entry(
        Permission.IMPORT_RECORDS,
        lambda w, f, a: w.services.imports.preview(a, _import_file()),
        build=None, target="none"),
    ("imports", "run"): Entry(
        Permission.IMPORT_RECORDS,
        lambda w, f, a: w.services.imports.run(a, _import_file()),
        build=None, target="none"),
    # Management figures (tests/services/test_reports.py): counts, and lists of families.
    ("reports", "choices"): Entry(
        Permission.VIEW_REPORTS, lambda w, f, a: w.services.reports.choices(a),
        build=None, target="none"),
    ("reports", "figures"): Entry(
        Permission.VIEW_REPORTS, lambda w, f, a: w.services.reports.figures(a, REPORT_FILTER),
        build=None, target="none"),
    ("reports", "families_behind"): Entry(
        Permission.VIEW_REPORTS,
        lambda w, f, a: w.services.reports.families_behind(a, REPORT_FILTER, "new_episodes"),
        target="list", listed=_family_ids),
    ("reports", "export_csv"): Entry(
        Permission.VIEW_REPORTS,
        lambda w, f, a: w.services.reports.export_csv(
            a, REPORT_FILTER, "months", Path(tempfile.mkdtemp()) / "months.csv"),
        build=None, target="none"),
    ("reports", "monthly_pdf"): Entry(
        Permission.VIEW_REPORTS,
        lambda w, f, a: w.services.reports.monthly_pdf(
            a, REPORT_FILTER, Path(tempfile.mkdtemp()) / "report.pdf"),
        build=None, target="none"),
}

# Methods anyone may call, each with why: none of them takes an actor.
NO_PERMISSION: dict[tuple[str, str], str] = {
    ("audit_log", "verify"): "like check, it shows only entry numbers, times and action words; "
                             "whoever can run it can already read the file",
    ("audit_log", "actions"): "the names of the kinds of entry, for a filter's choices",
    ("users", "accounts"): "the sign-in list: the names of active accounts, needed before "
                           "anyone has signed in",
    ("users", "has_users"): "at start, whether the first account must be made, before "
                            "anyone signs in",
    ("users", "sign_in"): "signing in is how someone becomes the one acting",
    ("settings", "current"): "the council's settings (timescales, letterhead), read by every "
                             "screen; they say nothing about any family",
    ("settings", "ensure_due_list_current"): "at opening, before anyone signs in: rebuilds "
                                             "the stored due list if the rules changed; "
                                             "shows nothing",
    ("templates", "check"): "checks template text the caller gives; reads nothing stored",
    ("templates", "current"): "the council's letter wording, with no family in it",
    ("templates", "versions"): "the council's letter wording, with no family in it",
    ("templates", "load_defaults"): "at opening: stores the shipped templates in a new "
                                    "database; shows nothing",
    ("users", "change_password"): "a person choosing their own password, before they may act: "
                                  "their current one is checked as at sign-in (failures "
                                  "count towards the lock-out)",
    ("users", "has_password"): "at sign-in, before anyone is signed in: whether this name "
                               "must choose a password first; an unknown name answers as one "
                               "with a password, so it reveals nothing",
    ("users", "trusted_actor"): "for code trusted to act as anyone, in the same process "
                                "(tests, benchmarks, demo screenshots); never given a name a "
                                "person typed (the window and command line sign in)",
    ("backups", "has_accounts"): "before anyone signs in: whether a database has accounts to "
                                 "sign in with (a new one has none); says nothing else",
    ("backups", "daily"): "the app's own housekeeping at opening, before anyone signs in: a "
                          "copy of the database into its own backups folder; shows nothing",
}


def public_methods() -> dict[tuple[str, str], inspect.Signature]:
    """Every public method of every service the registry offers."""
    found = {}
    for name, prop in inspect.getmembers(Services, lambda m: isinstance(m, cached_property)):
        if name == "context":
            continue
        service = prop.func(Services(context=None))  # the class only: no database is opened
        for method, function in inspect.getmembers(type(service), inspect.isfunction):
            if not method.startswith("_"):
                found[(name, method)] = inspect.signature(function)
    return found


def test_every_service_method_has_an_entry():
    methods = public_methods()
    assert set(methods) == set(ENTRIES) | set(NO_PERMISSION), (
        "each public service method needs an entry in ENTRIES (what it needs, and a call) "
        "or in NO_PERMISSION (why it needs none)")
    assert not set(ENTRIES) & set(NO_PERMISSION)
    for key in NO_PERMISSION:
        assert "actor" not in methods[key].parameters, f"{key} takes an actor: give it an entry"
    for key in ENTRIES:
        assert "actor" in methods[key].parameters, f"{key} takes no actor: it cannot refuse"


def test_every_role_has_a_demo_account():
    assert set(ACCOUNT) == set(Role)


# -- what each test is given ---------------------------------------------------------------
def _restricted(world) -> int:
    """A family restricted with the manager and the panel member named (the worker sees it
    too); an administrator restricted it and is not named."""
    family_id = world.pre_proceedings()
    world.services.family_access.set_access(
        world.actor("admin"), family_id, True, [_user(world, "manager"), _user(world, "panel")])
    return family_id


def _ready(world) -> int:
    return build_family(world, "Everyrole").family_id


def _kept_letter(world) -> int:
    family_id = _ready(world)
    return world.services.letters.generate(world.actor("manager"), family_id,
                                           LetterType.LBP)[0].letter_id


def _account(world) -> int:
    """A social worker's account of this test's own, with a password."""
    return world.services.users.create(world.actor("admin"), NewUser(
        f"everyrole.{next(_numbers)}", "Account Everyrole", Role.SOCIAL_WORKER, "North"),
        NEW_PASSWORD).user_id


def _disabled_account(world) -> int:
    user_id = _account(world)
    world.services.users.disable(world.actor("admin"), _username(world, user_id))
    return user_id


def _locked_account(world) -> int:
    """An account locked after failed sign-ins (each wrong password counts)."""
    user_id = _account(world)
    for _ in range(MAX_FAILED_SIGN_INS):
        with pytest.raises(SignInRefused):
            world.services.users.sign_in(_username(world, user_id), "not the password at all")
    return user_id


def _on_hold(world) -> int:
    family_id = world.stepped_down()
    world.services.retention.hold(world.actor("admin"), family_id, "A claim by the family")
    return family_id


def _held_meeting(world) -> int:
    """A meeting held with who attended and what was agreed: its minutes can be made."""
    family_id = world.letters_sent()
    world.services.milestones.record_meeting_held(
        world.actor("manager"), family_id, MeetingKind.INITIAL_PPM, date(2026, 9, 17),
        attendance="Both parents", agreed="A parenting course.")
    with world.database.reading() as conn:
        return conn.execute(select(Meeting.id).join(Episode, Episode.id == Meeting.episode_id)
                            .where(Episode.family_id == family_id)).scalar_one()
BUNDLE_FORM = BundleForm("Family Court at Northshire", "NS26C00042",
                         datetime(2026, 12, 8, 10, 30, tzinfo=UTC), "HHJ Marsh")


def _followup(world) -> int:
    family_id = world.stepped_down()
    return world.services.followups.list(world.actor("manager"), family_id)[0].followup_id


def _bundle(world) -> int:
    """A bundle with a version built (not issued), one document placed and one not."""
    from tests.services.test_bundles_layout import add_document, fake_version

    family_id = world.pre_proceedings()
    bundles, manager = world.services.bundles, world.actor("manager")
    bundle_id = bundles.create(manager, family_id, BUNDLE_FORM).bundle_id
    bundles.place(manager, bundle_id, add_document(world, family_id, "Statement",
                                                   date(2026, 10, 1)))
    fake_version(world, bundle_id)
    add_document(world, family_id, "Care plan", date(2026, 11, 1))
    return bundle_id


def _bundle_with_file(world) -> int:
    """A bundle with one real document (a PDF in the document store) placed."""
    from tests.services.test_bundles_build import add_pdf

    family_id = world.pre_proceedings()
    bundles, manager = world.services.bundles, world.actor("manager")
    bundle_id = bundles.create(manager, family_id, BUNDLE_FORM).bundle_id
    add_pdf(world, family_id, "Statement", ["The social worker's statement."])
    bundles.place_all(manager, bundle_id)
    return bundle_id


def _family_with_bundle(world) -> int:
    family_id = world.pre_proceedings()
    world.services.bundles.create(world.actor("manager"), family_id, replace(
        BUNDLE_FORM, hearing_at=datetime.combine(TODAY + timedelta(days=3), time(10), UTC)))
    return family_id


def _bundle_document(world, bundle_id: int, placed: bool) -> int:
    """A document of the bundle's family, placed in it or not (0 for a missing bundle)."""
    from plo_tracker.storage.models import BundleItem

    with world.database.reading() as conn:
        family_id = conn.execute(select(Bundle.family_id).where(Bundle.id == bundle_id)
                                 ).scalar()
        in_bundle = select(BundleItem.document_id).where(BundleItem.bundle_id == bundle_id)
        found = conn.execute(select(Document.id).where(
            Document.family_id == family_id,
            Document.id.in_(in_bundle) if placed else Document.id.not_in(in_bundle))
            .order_by(Document.id)).scalar()
    return found or 0


DOCUMENT_FORM = DocumentForm("Everyrole statement", TODAY, None, DocumentType.STATEMENT)


@cache
def _document_pdf() -> Path:
    """One small real PDF for every call that adds a file (made once per process)."""
    from reportlab.pdfgen import canvas

    path = Path(tempfile.mkdtemp()) / "everyrole.pdf"
    drawing = canvas.Canvas(str(path))
    drawing.drawString(72, 720, "Statement made for the role matrix")
    drawing.save()
    return path


def _document(world) -> int:
    family_id = world.pre_proceedings()
    return world.services.documents.add_file(world.actor("manager"), family_id,
                                             _document_pdf(), DOCUMENT_FORM).document_id


def _confidential_detail(world) -> int:
    family_id = world.pre_proceedings()
    return world.services.confidential_register.add(
        world.actor("manager"), family_id, ConfidentialKind.PHONE, "07700 900456").detail_id


_BUILDERS = {"restricted": _restricted, "ready": _ready, "kept_letter": _kept_letter,
             "held_meeting": _held_meeting, "followup": _followup,
             "account": _account, "disabled_account": _disabled_account,
             "locked_account": _locked_account, "on_hold": _on_hold, "document": _document,
             "confidential_detail": _confidential_detail,
             "bundle": _bundle, "bundle_with_file": _bundle_with_file,
             "family_with_bundle": _family_with_bundle, **PANEL_BUILDERS}


def build(world, name: str | None) -> int | None:
    if name is None:
        return None
    return _BUILDERS[name](world) if name in _BUILDERS else getattr(world, name)()


def hide(world, target: int, kind: str) -> None:
    """Restrict the family of ``target`` so that nobody may see it: no worker, no team
    manager and nobody named (an administrator restricts it)."""
    family_id = target
    owner = {"letter": GeneratedLetter, "document": Document,
             "confidential_detail": ConfidentialDetail, "bundle": Bundle,
             "followup": StepDownFollowUp, **PANEL_OWNERS}.get(kind)
    if owner is not None:
        with world.database.reading() as conn:
            family_id = conn.execute(select(owner.family_id)
                                     .where(owner.id == target)).scalar_one()
    if kind == "meeting":
        with world.database.reading() as conn:
            family_id = conn.execute(select(Episode.family_id)
                                     .join(Meeting, Meeting.episode_id == Episode.id)
                                     .where(Meeting.id == target)).scalar_one()
    with world.database.unit_of_work() as session:
        session.execute(update(Family).where(Family.id == family_id)
                        .values(social_worker_id=None, team_manager_id=None))
    world.services.family_access.set_access(world.actor("admin"), family_id, True, [])


class _SameOtherArguments:
    """The world as the call about a missing family sees it: the family's adults are the
    hidden family's, so the two calls differ in the family id only."""

    def __init__(self, world, hidden: int) -> None:
        self._world, self._hidden = world, hidden

    def __getattr__(self, name: str) -> Any:
        return getattr(self._world, name)

    def adults(self, _family_id: int) -> list[int]:
        return self._world.adults(self._hidden)


def outcome(call: Callable[[], Any], target: int) -> tuple:
    """What a call answered, with the id it was given written as <id>."""
    try:
        answer = ("returned", repr(call()))
    except DomainError as refused:
        answer = ("refused", type(refused).__name__, refused.message)
    return tuple(re.sub(rf"\b{target}\b", "<id>", part) for part in answer)


def _params():
    return [pytest.param(key, entry, id=".".join(key)) for key, entry in ENTRIES.items()]


# -- the tests -----------------------------------------------------------------------------
@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
@pytest.mark.parametrize(("key", "entry"), _params())
def test_allowed_or_refused_as_the_role_table_says(world, key, entry, role):
    actor = world.actor(ACCOUNT[role])
    target = build(world, entry.build)
    if allows(role, entry.needs):
        entry.call(world, target, actor)  # a valid call: it must simply work
        return
    before = world.tables()
    with pytest.raises(PermissionDenied) as refused:
        entry.call(world, target, actor)
    assert refused.value.message == role_problem(role, entry.needs)
    assert world.tables() == before


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
@pytest.mark.parametrize(("key", "entry"),
                         [p for p in _params() if p.values[1].target != "none"])
def test_a_restricted_family_is_as_if_it_did_not_exist(world, key, entry, role):
    if role is Role.ADMINISTRATOR and entry.administrators_see_past:
        pytest.skip("administrators keep the list of any family (tested in "
                    "test_family_access.py)")
    actor = world.actor(ACCOUNT[role])
    target = build(world, entry.build)
    hide(world, target, entry.target)
    if entry.target == "list":
        if allows(role, entry.needs):
            assert target not in entry.listed(entry.call(world, None, actor))
        else:
            with pytest.raises(PermissionDenied):
                entry.call(world, None, actor)
        return
    audits = world.audit_count()
    hidden = outcome(lambda: entry.call(world, target, actor), target)
    assert world.audit_count() == audits  # nothing is recorded about a family not seen
    elsewhere = _SameOtherArguments(world, target)
    assert hidden == outcome(lambda: entry.call(elsewhere, MISSING, actor), MISSING)
    if allows(role, entry.needs):
        expected = ("returned",) if entry.missing_is_empty else ("refused", NotFound.__name__)
        assert hidden[:len(expected)] == expected

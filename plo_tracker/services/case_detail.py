"""One family in full, for the case workspace: people, episode, work, plan, notes, history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from plo_tracker.domain.audit_actions import AuditAction
from plo_tracker.domain.due import DueItem, DueStatus, episode_status
from plo_tracker.domain.letter_types import LetterType
from plo_tracker.domain.permissions import family_scope_problem, role_problem
from plo_tracker.domain.ssd import CourtDetails
from plo_tracker.domain.stages import Stage
from plo_tracker.domain.timeline import Timeline, build_timeline
from plo_tracker.domain.vocabulary import (
    AssessmentKind,
    CpPlanStatus,
    GatewayDecision,
    MeetingKind,
    Outcome,
    PlanItemKind,
    SendMethod,
    Sex,
    StepDownPlan,
)
from plo_tracker.domain.week_count import WeekCount, target_end, week_count
from plo_tracker.storage.models import Adult, Episode, Family, User

from . import audit
from .actor import Actor
from .case_index import stored_due
from .caseload import age_text
from .caseload_query import load_family_lines
from .context import ServiceContext
from .errors import NotFound
from .family_access import may_see, seen_by_count
from .family_record import load_family
from .followups import FollowUpView, family_followups
from .permissions import Permission, allows, require


@dataclass(frozen=True)
class ChildView:
    child_id: int
    first_name: str
    last_name: str
    date_of_birth: date | None
    expected_date_of_birth: date | None
    sex: Sex
    local_child_id: str | None
    cp_plan_status: CpPlanStatus
    cp_plan_count: int
    age_text: str


@dataclass(frozen=True)
class AdultView:
    adult_id: int
    first_name: str
    last_name: str
    relationship: str
    parental_responsibility: bool
    address: str | None
    address_confidential: bool
    solicitor_name: str | None
    solicitor_firm: str | None
    needs_interpreter: bool
    language: str | None
    needs_advocate: bool
    needs_intermediary: bool
    learning_disability: bool
    large_print: bool = False
    receives_letters: bool = True
    # True when the address is confidential and the reader's role may not see it: the
    # address is then None, and the window says that one is hidden.
    address_hidden: bool = False
    # Who supports them at meetings, named in the invitations.
    advocate_name: str | None = None
    intermediary_name: str | None = None

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass(frozen=True)
class LetterView:
    letter_id: int
    kind: LetterType
    adult_id: int | None
    recipient: str
    sent_date: date | None
    method: SendMethod | None


@dataclass(frozen=True)
class MeetingView:
    meeting_id: int
    kind: MeetingKind
    planned_date: date | None
    held_date: date | None
    attendance: str | None
    parents_solicitors_present: bool | None
    agreement_signed: bool | None
    agreed: str | None = None  # what was agreed, for the minutes


@dataclass(frozen=True)
class AssessmentView:
    assessment_id: int
    kind: AssessmentKind
    subject: str
    commissioned_date: date | None
    due_date: date | None
    completed_date: date | None
    author: str | None
    conclusion: str | None


@dataclass(frozen=True)
class ExtensionView:
    extension_id: int
    decided_on: date
    new_end_date: date
    reason: str
    approved_by: str
    approved_by_id: int | None = None


@dataclass(frozen=True)
class ProgressView:
    recorded_on: date
    meeting_id: int | None
    text: str


@dataclass(frozen=True)
class PlanItemView:
    item_id: int
    kind: PlanItemKind
    text: str
    due_date: date | None
    progress: tuple[ProgressView, ...]


@dataclass(frozen=True)
class EpisodeView:
    episode_id: int
    stage: Stage
    gateway_decision: GatewayDecision | None
    gateway_date: date | None
    target_end: date | None
    outcome: Outcome | None
    outcome_date: date | None
    step_down_plan: StepDownPlan | None
    court_application_date: date | None
    letter_of_issue_date: date | None
    short_notice: bool | None
    short_notice_reason: str | None
    court_reference: str | None
    fgdm_offered: bool | None
    fgdm_held: bool | None
    closed_date: date | None
    letters: tuple[LetterView, ...]
    meetings: tuple[MeetingView, ...]
    assessments: tuple[AssessmentView, ...]
    extensions: tuple[ExtensionView, ...]
    plan: tuple[PlanItemView, ...]
    # Forms that edit these show what is stored, so saving again does not blank them.
    court_name: str | None = None
    history: str | None = None  # the short history that letters before proceedings give
    decided_to_issue: date | None = None  # the day care proceedings were decided on
    # What the Standard Safeguarding Dataset asks of the care proceedings.
    court_details: CourtDetails = CourtDetails()


@dataclass(frozen=True)
class NoteView:
    note_id: int
    written_at: datetime
    author: str
    text: str
    for_chronology: bool = False  # marked to appear in the social work chronology


@dataclass(frozen=True)
class FamilyDetail:
    """Everything the case workspace shows, read in one transaction."""

    family_id: int
    plo_family_id: str
    version: int
    team: str | None
    social_worker: str | None
    social_worker_id: int | None
    team_manager: str | None
    la_solicitor: str | None
    children: tuple[ChildView, ...]
    adults: tuple[AdultView, ...]
    episodes: tuple[EpisodeView, ...]  # oldest first; the last is current
    due: tuple[DueItem, ...]
    status: DueStatus
    week: WeekCount | None
    notes: tuple[NoteView, ...]
    timeline: Timeline | None
    # Why the reader may not change this family (their role, or another team's family);
    # None when they may.
    read_only_reason: str | None = None
    # A legal hold stops the family being deleted (services/retention.py): who, when, why.
    legal_hold: bool = False
    legal_hold_reason: str | None = None
    legal_hold_by: str | None = None
    legal_hold_at: datetime | None = None
    # A restricted family is seen only by named people (services/family_access.py); the
    # header says how many.
    restricted: bool = False
    seen_by: int = 0
    # Check-ins after stepping down, of every episode, earliest first (services/followups.py).
    followups: tuple[FollowUpView, ...] = ()

    @property
    def episode(self) -> EpisodeView | None:
        return self.episodes[-1] if self.episodes else None


def _opt(enum_type, code):
    return enum_type(code) if code is not None else None


class CaseDetailService:
    """Reads one family for the workspace, and its history (the audit trail)."""

    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def family(self, actor: Actor, family_id: int, record_view: bool = True) -> FamilyDetail:
        """Read one family in full; opening it is recorded in the audit log.

        Args:
            record_view: False when the same person's open page is refreshed after their own
                change, so the history is not filled with repeated views.

        Raises:
            NotFound: the family does not exist.
        """
        require(actor, Permission.VIEW_CASES)
        see_confidential = allows(actor, Permission.SEE_CONFIDENTIAL_ADDRESSES)
        today = self._ctx.clock.today()
        rules = self._ctx.settings().timescales
        with audit.viewing(self._ctx.database) as session:
            family = load_family(session, family_id, actor, with_notes=True)
            if family is None:
                raise NotFound("That family no longer exists. Refresh the list.")
            conn = session.connection()
            line = load_family_lines(conn, [family_id])[0]
            due = tuple(stored_due(conn, [family_id]))
            names = _user_names(session, family)
            adults = {a.id: f"{a.first_name} {a.last_name}" for a in family.adults}
            facts = line.episode
            detail = FamilyDetail(
                family_id=family.id, plo_family_id=family.plo_family_id, version=family.version,
                team=family.team, social_worker=names.get(family.social_worker_id),
                social_worker_id=family.social_worker_id,
                team_manager=names.get(family.team_manager_id), la_solicitor=family.la_solicitor,
                children=tuple(
                    ChildView(c.id, c.first_name, c.last_name, c.date_of_birth,
                              c.expected_date_of_birth, Sex(c.sex), c.local_child_id,
                              CpPlanStatus(c.cp_plan_status), c.cp_plan_count,
                              age_text(child_line, today))
                    for c, child_line in zip(family.children, line.children, strict=True)
                ),
                adults=tuple(_adult_view(a, see_confidential) for a in family.adults),
                episodes=tuple(
                    _episode_view(e, adults, target_end(facts, rules)
                                  if facts and e.id == facts.episode_id else None,
                                  facts.decided_to_issue
                                  if facts and e.id == facts.episode_id else None)
                    for e in family.episodes
                ),
                due=due,
                status=episode_status(facts, list(due), today, rules) if facts
                else DueStatus.ON_TIME,
                week=week_count(facts, today, rules) if facts else None,
                notes=tuple(NoteView(n.id, n.written_at, names.get(n.author_id, "Unknown"),
                                     n.text, n.for_chronology)
                           for n in reversed(family.notes)),
                timeline=build_timeline(facts, rules) if facts else None,
                read_only_reason=role_problem(actor.role, Permission.EDIT_CASES)
                or family_scope_problem(actor.role, actor.user_id, actor.team,
                                        family.social_worker_id, family.team),
                legal_hold=bool(family.legal_hold), legal_hold_reason=family.legal_hold_reason,
                legal_hold_by=family.legal_hold_by, legal_hold_at=family.legal_hold_at,
                restricted=family.restricted,
                seen_by=seen_by_count(session, family) if family.restricted else 0,
                followups=family_followups(conn, family.id),
            )
            if record_view:
                audit.record_view(session, actor, AuditAction.FAMILY_VIEW,
                                  "family", family.id, family.id)
            return detail

    def history(self, actor: Actor, family_id: int) -> list[audit.AuditView]:
        """The audit entries of one family, newest first (none for a family that does not
        exist, or that the actor may not see)."""
        require(actor, Permission.VIEW_CASES)
        with audit.viewing(self._ctx.database) as session:
            if not may_see(session, actor, family_id):
                return []
            return audit.entries_for_family(
                session, family_id, allows(actor, Permission.SEE_CONFIDENTIAL_ADDRESSES))


def _user_names(session: Session, family: Family) -> dict[int | None, str]:
    ids = {family.social_worker_id, family.team_manager_id} | {n.author_id for n in family.notes}
    ids.discard(None)
    if not ids:
        return {}
    return {u.id: u.display_name for u in session.query(User).filter(User.id.in_(ids))}


def _adult_view(a: Adult, see_confidential: bool) -> AdultView:
    hidden = bool(a.address_confidential and a.address and not see_confidential)
    return AdultView(
        a.id, a.first_name, a.last_name, a.relationship, a.parental_responsibility,
        None if hidden else a.address, a.address_confidential, a.solicitor_name,
        a.solicitor_firm, a.needs_interpreter, a.language, a.needs_advocate,
        a.needs_intermediary, a.learning_disability, a.large_print, a.receives_letters, hidden,
        advocate_name=a.advocate_name, intermediary_name=a.intermediary_name)


def _episode_view(e: Episode, adults: dict[int, str], end: date | None,
                  decided_to_issue: date | None) -> EpisodeView:
    return EpisodeView(
        episode_id=e.id, stage=Stage(e.stage),
        gateway_decision=_opt(GatewayDecision, e.gateway_decision), gateway_date=e.gateway_date,
        target_end=end, outcome=_opt(Outcome, e.outcome), outcome_date=e.outcome_date,
        step_down_plan=_opt(StepDownPlan, e.step_down_plan),
        court_application_date=e.court_application_date,
        letter_of_issue_date=e.letter_of_issue_date, short_notice=e.short_notice,
        short_notice_reason=e.short_notice_reason, court_reference=e.court_reference,
        fgdm_offered=e.fgdm_offered, fgdm_held=e.fgdm_held, closed_date=e.closed_date,
        letters=tuple(LetterView(
            x.id, LetterType(x.kind), x.adult_id, adults.get(x.adult_id, "Unknown"),
            x.sent_date, _opt(SendMethod, x.method)) for x in e.letters),
        meetings=tuple(MeetingView(
            m.id, MeetingKind(m.kind), m.planned_date, m.held_date, m.attendance,
            m.parents_solicitors_present, m.agreement_signed, m.agreed) for m in e.meetings),
        assessments=tuple(AssessmentView(
            a.id, AssessmentKind(a.kind), a.subject, a.commissioned_date, a.due_date,
            a.completed_date, a.author, a.conclusion) for a in e.assessments),
        extensions=tuple(ExtensionView(
            x.id, x.decided_on, x.new_end_date, x.reason, x.approved_by, x.approved_by_id)
            for x in e.extensions),
        plan=tuple(PlanItemView(
            p.id, PlanItemKind(p.kind), p.text, p.due_date,
            tuple(ProgressView(g.recorded_on, g.meeting_id, g.text) for g in p.progress))
            for p in e.plan_items),
        court_name=e.court_name, history=e.history, decided_to_issue=decided_to_issue,
        court_details=CourtDetails.from_stored(e),
    )

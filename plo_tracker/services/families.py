"""Creating families and reading one family in full."""

from __future__ import annotations

from sqlalchemy import select

from plo_tracker.domain.audit_actions import AuditAction
from plo_tracker.domain.case_actions import CaseAction
from plo_tracker.domain.stages import Stage, stage_after_gateway
from plo_tracker.storage.models import Adult, Child, Episode, Family, Note, User

from . import audit
from .actor import Actor
from .case_base import refuse_if
from .case_forms import NewFamilyForm
from .case_index import refresh_case_index
from .context import ServiceContext
from .family_access import family_visible, find_family
from .people import adult_values, child_values
from .permissions import Permission, require


class FamilyService:
    """Opening new cases."""

    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def create(self, actor: Actor, form: NewFamilyForm) -> int:
        """Create a family with its children, adults and (if made) gateway decision.

        Returns:
            The new family's id.

        Raises:
            ValidationFailed: listing every field to fix; nothing is written.
        """
        require(actor, Permission.EDIT_CASES)
        if form.gateway is not None:
            # Opening a family with its gateway decision records that decision.
            require(actor, CaseAction.GATEWAY_DECISION.permission)
        today = self._ctx.clock.today()
        refuse_if(form.problems(today))
        now = self._ctx.clock.now()
        with self._ctx.database.unit_of_work() as session:
            problems = {}
            for field, user_id in (("social_worker_id", form.social_worker_id),
                                   ("team_manager_id", form.team_manager_id)):
                if user_id is not None and session.get(User, user_id) is None:
                    problems[field] = "Choose someone from the list of accounts."
            plo_id = (form.plo_family_id or "").strip() or self._next_plo_id(session, today.year)
            if session.scalar(select(Family.id).where(Family.plo_family_id == plo_id)):
                problems["plo_family_id"] = f"The PLO family id {plo_id} is already in use."
            refuse_if(problems)
            family = Family(
                plo_family_id=plo_id, team=(form.team or "").strip() or actor.team,
                social_worker_id=form.social_worker_id, team_manager_id=form.team_manager_id,
                la_solicitor=form.la_solicitor, created_at=now, version=1,
            )
            family.children = [Child(**child_values(c)) for c in form.children]
            family.adults = [Adult(**adult_values(a)) for a in form.adults]
            if form.gateway is None:
                family.episodes = [Episode(stage=Stage.AWAITING_GATEWAY.value)]
            else:
                family.episodes = [Episode(
                    stage=stage_after_gateway(form.gateway.decision).value,
                    gateway_decision=form.gateway.decision.value,
                    gateway_date=form.gateway.decided_on,
                )]
            family.notes = [Note(author_id=actor.user_id, written_at=now, text=text)
                            for text in form.notes if text.strip()]
            session.add(family)
            session.flush()
            conn = session.connection()
            refresh_case_index(conn, self._ctx.settings(conn).timescales, [family.id])
            audit.record(session, actor, AuditAction.FAMILY_CREATE, "family", family.id,
                         family.id,
                         after={
                             **audit.snapshot(family),
                             "children": [c.id for c in family.children],
                             "adults": [a.id for a in family.adults],
                             "episode": audit.snapshot(family.episodes[0]),
                         })
            return family.id

    def find(self, actor: Actor, reference: str) -> int:
        """The database id of the family with this PLO family id (any case), or of this
        database id given as digits.

        Raises:
            NotFound: no family has it; the message says how to list them.
        """
        require(actor, Permission.VIEW_CASES)
        # A restricted family the actor may not see is not found, in the same words.
        with self._ctx.database.reading() as conn:
            return find_family(conn, reference, family_visible(actor))

    @staticmethod
    def _next_plo_id(session, year: int) -> str:
        prefix = f"PLO-{year}-"
        taken = session.scalars(
            select(Family.plo_family_id).where(Family.plo_family_id.like(prefix + "%"))
        ).all()
        numbers = [int(t[len(prefix):]) for t in taken if t[len(prefix):].isdigit()]
        return f"{prefix}{max(numbers, default=0) + 1:04d}"

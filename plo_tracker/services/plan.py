"""The pre-proceedings plan: concerns, what must change by when, support, and progress."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from plo_tracker.domain.audit_actions import AuditAction
from plo_tracker.domain.case_actions import CaseAction
from plo_tracker.domain.date_rules import in_calendar, not_in_future
from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.domain.text_rules import TextKind, text_problems
from plo_tracker.domain.vocabulary import PlanItemKind
from plo_tracker.storage.models import Family, PlanItem, PlanProgress

from .actor import Actor
from .case_base import CaseWriter, Change, Saved, current_episode, refuse_if


class PlanService(CaseWriter):
    """Changes to the plan go through the same permission, version and audit steps."""

    def add_item(
        self, actor: Actor, family_id: int, kind: PlanItemKind, text: str,
        due_on: date | None = None, expected_version: int | None = None,
        help_offered: str | None = None,
    ) -> Saved:
        """Add a concern, an expectation of the parents (with a due date and the help offered
        with it) or support offered."""
        problems = text_problems(text=(text, TextKind.TEXT),
                                 help_offered=(help_offered, TextKind.TEXT))
        if not text.strip():
            problems["text"] = f"Write the {kind.label.lower()} first."
        if kind is PlanItemKind.EXPECTATION and due_on is None:
            problems["due_date"] = "Say by when this must change."
        refuse_if(problems | in_calendar("due_date", due_on))

        def apply(session: Session, family: Family) -> Change:
            episode = current_episode(family)
            if due_on and episode.gateway_date and due_on < episode.gateway_date:
                raise ValidationFailed({"due_date": (
                    "The date cannot be before pre-proceedings started."
                )})
            item = PlanItem(kind=kind.value, text=text.strip(), due_date=due_on,
                            help_offered=(help_offered or "").strip() or None)
            episode.plan_items.append(item)
            return "plan_item", item, None

        return self._change(actor, family_id, expected_version, CaseAction.PLAN_ITEM,
                            AuditAction.PLAN_ITEM, apply)

    def record_progress(
        self, actor: Actor, family_id: int, item_id: int, recorded_on: date, text: str,
        meeting_id: int | None = None, expected_version: int | None = None,
    ) -> Saved:
        """Record progress against one plan item, usually at a review meeting."""
        problems = not_in_future("recorded_on", "The date of the progress note", recorded_on,
                                 self._ctx.clock.today())
        if not text.strip():
            problems["text"] = "Describe the progress made."
        refuse_if(problems | text_problems(text=(text, TextKind.TEXT)))

        def apply(session: Session, family: Family) -> Change:
            episode = current_episode(family)
            item = next((i for i in episode.plan_items if i.id == item_id), None)
            if item is None:
                raise ValidationFailed({"item": "That item is not in this family's plan."})
            if meeting_id is not None and not any(m.id == meeting_id for m in episode.meetings):
                raise ValidationFailed({"meeting": "That meeting is not on this family's record."})
            progress = PlanProgress(recorded_on=recorded_on, text=text.strip(),
                                    meeting_id=meeting_id)
            item.progress.append(progress)
            return "plan_progress", progress, None

        return self._change(actor, family_id, expected_version, CaseAction.PLAN_PROGRESS,
                            AuditAction.PLAN_PROGRESS, apply)

"""The pre-proceedings plan: adding a concern, an expectation or support, and progress."""

from __future__ import annotations

from plo_tracker.domain.date_rules import not_in_future
from plo_tracker.domain.date_text import short_date
from plo_tracker.domain.text_rules import TextKind
from plo_tracker.domain.vocabulary import PlanItemKind
from plo_tracker.services.case_base import Saved
from plo_tracker.services.case_detail import FamilyDetail, PlanItemView

from .form_dialog import FormDialog
from .inputs import ChoiceBox, LongText, RadioChoice, enum_choices


class PlanItemDialog(FormDialog):
    """A concern, what must change and by when, or support offered."""

    title = "Add to the plan"

    def build(self) -> None:
        self.set_intro("The plan is shared with the parents: write it in words they will "
                       "understand.")
        self.kind = self.fields.add("kind", "Kind of item", RadioChoice(enum_choices(PlanItemKind)),
                                    required="Choose what kind of item this is.")
        self.text = self.fields.add("text", "Description", LongText(lines=4), text=TextKind.TEXT)
        self.due_on = self.fields.add("due_date", "Must change by",
                                      self.date_field(past_only=False),
                                      required="Say by when this must change.")
        self.help_offered = self.fields.add("help_offered", "Help offered with it",
                                            LongText(lines=2), optional=True, text=TextKind.TEXT)
        self._show_due()
        self.kind.changed.connect(self._show_due)

    def _show_due(self) -> None:
        expectation = self.kind.value() is PlanItemKind.EXPECTATION
        self.fields.set_shown("due_date", expectation)
        self.fields.set_shown("help_offered", expectation)

    def check(self) -> dict[str, str]:
        found: dict[str, str] = {}
        kind = self.kind.value()
        if not self.text.toPlainText().strip():
            found["text"] = f"Write the {kind.label.lower()} first." if kind \
                else "Write the item first."
        due = self.due_on.date()
        start = self.detail.episode.gateway_date if self.detail.episode else None
        if due and start and due < start:
            found["due_date"] = ("The date cannot be before pre-proceedings started on "
                                 f"{short_date(start)}.")
        return found

    def submit(self, version: int) -> Saved:
        kind = self.kind.value()
        return self.services.plan.add_item(
            self.actor, self.detail.family_id, kind, self.text.toPlainText(),
            due_on=self.due_on.date() if kind is PlanItemKind.EXPECTATION else None,
            expected_version=version,
            help_offered=(self.help_offered.toPlainText().strip() or None)
            if kind is PlanItemKind.EXPECTATION else None)


def plan_items(detail: FamilyDetail) -> list[PlanItemView]:
    return list(detail.episode.plan) if detail.episode else []


def _short(text: str, length: int = 70) -> str:
    line = " ".join(text.split())
    return line if len(line) <= length else line[:length - 1].rstrip() + "…"


class PlanProgressDialog(FormDialog):
    """Progress against one item of the plan, usually noted at a review meeting."""

    title = "Record progress against the plan"

    def build(self) -> None:
        self.item = self.fields.add("item", "Plan item", ChoiceBox(placeholder="Choose an item"),
                                    required="Choose the item of the plan.")
        self.recorded_on = self.fields.add("recorded_on", "Date", self.date_field(),
                                           required="Enter the date of the progress note.")
        self.meeting = self.fields.add("meeting", "At meeting", ChoiceBox())
        self.text = self.fields.add("text", "Progress", LongText(lines=4),
                                    required="Describe the progress made.", text=TextKind.TEXT)
        self.family_reloaded(self.detail)
        self.meeting.set_value(None)

    def family_reloaded(self, detail: FamilyDetail) -> None:
        self.item.set_choices(
            (f"{i.kind.label}: {_short(i.text)}", i.item_id) for i in plan_items(detail))
        held = [m for m in (detail.episode.meetings if detail.episode else ()) if m.held_date]
        self.meeting.set_choices(
            [("Not at a meeting", None)]
            + [(f"{m.kind.label}, {short_date(m.held_date)}", m.meeting_id) for m in held])

    def check(self) -> dict[str, str]:
        return not_in_future("recorded_on", "The date of the progress note",
                             self.recorded_on.date(), self.today)

    def submit(self, version: int) -> Saved:
        return self.services.plan.record_progress(
            self.actor, self.detail.family_id, self.item.value(), self.recorded_on.date(),
            self.text.toPlainText(), meeting_id=self.meeting.value(), expected_version=version)

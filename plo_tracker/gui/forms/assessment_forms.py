"""Assessments: commissioning one with its due date, and recording it as completed."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from plo_tracker.domain.date_rules import in_calendar, not_in_future
from plo_tracker.domain.date_text import short_date
from plo_tracker.domain.date_warnings import assessment_due_warnings
from plo_tracker.domain.text_rules import TextKind
from plo_tracker.domain.vocabulary import AssessmentKind
from plo_tracker.services.case_base import Saved
from plo_tracker.services.case_detail import AssessmentView, FamilyDetail

from .form_dialog import FormDialog
from .inputs import ChoiceBox, LongText, enum_choices


class CommissionAssessmentDialog(FormDialog):
    """What kind of assessment, of whom, by whom, commissioned when and due when."""

    title = "Commission an assessment"

    def build(self) -> None:
        self.kind = self.fields.add("kind", "Assessment", ChoiceBox(enum_choices(AssessmentKind)),
                                    required="Choose the kind of assessment.")
        self.subject = self.fields.add(
            "subject", "Who is assessed", QLineEdit(),
            required="Say who the assessment is of, for example the mother.",
            text=TextKind.SHORT)
        self.subject.setPlaceholderText("For example: the mother; the paternal grandparents")
        self.commissioned_on = self.fields.add(
            "commissioned_date", "Date commissioned", self.date_field(),
            required="Enter the date the assessment was commissioned.")
        self.due_on = self.fields.add("due_date", "Due by", self.date_field(past_only=False),
                                      required="Enter the date the assessment is due.")
        self.author = self.fields.add("author", "Assessor", QLineEdit(), optional=True,
                                      text=TextKind.SHORT)
        self.reason = self.fields.add("reason", "Why it is needed", LongText(lines=3),
                                      optional=True, text=TextKind.REASON,
                                      note="The letter before proceedings says why.")

    def check(self) -> dict[str, str]:
        commissioned, due = self.commissioned_on.date(), self.due_on.date()
        found = not_in_future("commissioned_date", "The commissioning date", commissioned,
                              self.today)
        if commissioned and due and due < commissioned:
            found["due_date"] = "The due date must be on or after the date commissioned."
        return found | in_calendar("due_date", due)

    def warnings(self) -> list[str]:
        return assessment_due_warnings(self.due_on.date(), self.commissioned_on.date())

    def submit(self, version: int) -> Saved:
        return self.services.milestones.commission_assessment(
            self.actor, self.detail.family_id, self.kind.value(), self.subject.text(),
            self.commissioned_on.date(), self.due_on.date(),
            author=self.author.text().strip() or None, expected_version=version,
            reason=self.reason.toPlainText().strip() or None)


def open_assessments(detail: FamilyDetail) -> list[AssessmentView]:
    """The current episode's assessments not yet completed."""
    episode = detail.episode
    return [a for a in episode.assessments if not a.completed_date] if episode else []


class CompleteAssessmentDialog(FormDialog):
    """Which assessment, completed when, its conclusion, and who wrote it."""

    title = "Record an assessment as completed"

    def build(self) -> None:
        self.assessment = self.fields.add(
            "assessment", "Assessment", ChoiceBox(placeholder="Choose the assessment"),
            required="Choose the assessment that was completed.")
        self.completed_on = self.fields.add(
            "completed_date", "Date completed", self.date_field(),
            required="Enter the date the assessment was completed.")
        self.conclusion = self.fields.add(
            "conclusion", "Conclusion", LongText(lines=5),
            required="Summarise the assessment's conclusion.", text=TextKind.LONG_TEXT)
        self.author = self.fields.add("author", "Assessor", QLineEdit(), optional=True,
                                      text=TextKind.SHORT)
        self.family_reloaded(self.detail)
        if self.assessment.count() == 1:
            self.assessment.setCurrentIndex(0)
        self._fill_author()
        self.assessment.currentIndexChanged.connect(self._fill_author)

    def family_reloaded(self, detail: FamilyDetail) -> None:
        self.assessment.set_choices(
            (f"{a.kind.label}: {a.subject}"
             + (f", due {short_date(a.due_date)}" if a.due_date else ""), a.assessment_id)
            for a in open_assessments(detail))

    def _chosen(self) -> AssessmentView | None:
        chosen = self.assessment.value()
        return next((a for a in open_assessments(self.detail) if a.assessment_id == chosen),
                    None)

    def _fill_author(self) -> None:
        chosen = self._chosen()
        if chosen is not None and chosen.author and not self.author.text().strip():
            self.author.setText(chosen.author)

    def check(self) -> dict[str, str]:
        completed = self.completed_on.date()
        found = not_in_future("completed_date", "The completion date", completed, self.today)
        chosen = self._chosen()
        if completed and chosen and chosen.commissioned_date and (
                completed < chosen.commissioned_date):
            found["completed_date"] = (
                "An assessment cannot be completed before it was commissioned on "
                f"{short_date(chosen.commissioned_date)}.")
        return found

    def submit(self, version: int) -> Saved:
        return self.services.milestones.complete_assessment(
            self.actor, self.detail.family_id, self.assessment.value(),
            self.completed_on.date(), self.conclusion.toPlainText(),
            author=self.author.text().strip() or None, expected_version=version)

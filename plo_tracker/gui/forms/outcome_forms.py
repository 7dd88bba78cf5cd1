"""The end of pre-proceedings: an extension, the outcome, the court application, closing."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLineEdit

from plo_tracker.domain.date_rules import (
    EpisodeDates,
    extension_problems,
    not_in_future,
    order_problems,
)
from plo_tracker.domain.date_text import short_date
from plo_tracker.domain.due import Rule
from plo_tracker.domain.permissions import APPROVER_ROLES
from plo_tracker.domain.ssd import (
    MOST_HEARINGS,
    Answer,
    CourtDetails,
    FinalCarePlan,
    InitialCarePlan,
    ShortNoticeGround,
)
from plo_tracker.domain.text_rules import TextKind
from plo_tracker.domain.vocabulary import Outcome, StepDownPlan
from plo_tracker.services.case_base import Saved

from .form_dialog import FormDialog
from .inputs import ChoiceBox, LongText, RadioChoice, enum_choices


class ExtensionDialog(FormDialog):
    """A new end date for pre-proceedings, the reason, and who approved it."""

    title = "Record an extension"

    def build(self) -> None:
        episode = self.detail.episode
        end = episode.target_end if episode else None
        self.set_intro(
            (f"Pre-proceedings is due to end on {short_date(end)}. " if end else "")
            + "An extension needs a reason and the team manager, panel member or "
            "administrator who approved it.")
        self.decided_on = self.fields.add(
            "decided_on", "Date of the decision to extend", self.date_field(),
            required="Enter the date the extension was decided.")
        self.new_end = self.fields.add(
            "new_end_date", "New end date", self.date_field(past_only=False),
            required="Enter the new date pre-proceedings should end by.")
        self.reason = self.fields.add("reason", "Reason", LongText(lines=3),
                                      required="Give the reason for the extension.",
                                      text=TextKind.REASON)
        # An account with the right to approve, kept as that account.
        approvers = sorted((a for a in self.services.users.accounts()
                            if a.role in APPROVER_ROLES), key=lambda a: a.display_name)
        self.approved_by = self.fields.add(
            "approved_by", "Approved by", ChoiceBox(
                [(f"{a.display_name} ({a.role.label.lower()})", a.user_id) for a in approvers],
                placeholder="Choose who approved it"),
            required="Choose who approved the extension.")

    def check(self) -> dict[str, str]:
        decided, new_end = self.decided_on.date(), self.new_end.date()
        found = not_in_future("decided_on", "The extension decision", decided, self.today)
        episode = self.detail.episode
        for name, message in extension_problems(
                decided, new_end, start=episode.gateway_date if episode else None,
                current_end=episode.target_end if episode else None).items():
            found.setdefault(name, message)
        return found

    def submit(self, version: int) -> Saved:
        return self.services.milestones.record_extension(
            self.actor, self.detail.family_id, self.decided_on.date(), self.new_end.date(),
            self.reason.toPlainText(), self.approved_by.value(), expected_version=version)


class OutcomeDialog(FormDialog):
    """The gateway panel's outcome: step down (to which plan), issue proceedings, or other."""

    title = "Record the outcome of pre-proceedings"

    def build(self) -> None:
        self.set_intro("The gateway panel's decision at the end of pre-proceedings. Stepping "
                       "down or 'other' ends the episode.")
        self.outcome = self.fields.add("outcome", "Outcome", RadioChoice(enum_choices(Outcome)),
                                       required="Choose the outcome.")
        self.decided_on = self.fields.add("outcome_date", "Date of the decision",
                                          self.date_field(),
                                          required="Enter the date of the decision.")
        self.plan = self.fields.add(
            "step_down_plan", "Steps down to", ChoiceBox(enum_choices(StepDownPlan)),
            required="Choose the plan the family steps down to.")
        self._show_plan()
        self.outcome.changed.connect(self._show_plan)

    def _show_plan(self) -> None:
        self.fields.set_shown("step_down_plan", self.outcome.value() is Outcome.STEP_DOWN)

    def check(self) -> dict[str, str]:
        decided = self.decided_on.date()
        found = not_in_future("outcome_date", "The outcome decision", decided, self.today)
        episode = self.detail.episode
        if decided and episode:
            order = order_problems(EpisodeDates(start=episode.gateway_date, outcome=decided))
            if "outcome_date" in order:
                found.setdefault("outcome_date", order["outcome_date"])
        return found

    def submit(self, version: int) -> Saved:
        outcome = self.outcome.value()
        return self.services.milestones.record_outcome(
            self.actor, self.detail.family_id, outcome, self.decided_on.date(),
            step_down_plan=self.plan.value() if outcome is Outcome.STEP_DOWN else None,
            expected_version=version)


class CourtApplicationDialog(FormDialog):
    """The care application: date, short notice and why, court reference, letter of issue."""

    title = "Record the court application"

    def build(self) -> None:
        episode = self.detail.episode
        due = next((i for i in self.detail.due if i.rule is Rule.COURT_APPLICATION), None)
        if episode is not None and episode.decided_to_issue and due is not None:
            self.set_intro(
                f"The decision to issue care proceedings was made on "
                f"{short_date(episode.decided_to_issue)}; the application is due by "
                f"{short_date(due.act_by)}. Record it, and the letter of issue to the parents.")
        else:
            self.set_intro("The care proceedings application and the letter of issue to the "
                           "parents.")
        self.applied_on = self.fields.add(
            "court_application_date", "Date of the application", self.date_field(),
            required="Enter the date the application was made.")
        self.short_notice = self.fields.add_check("short_notice",
                                                  QCheckBox("Made on short notice"))
        self.reason = self.fields.add(
            "short_notice_reason", "Why on short notice", LongText(lines=3),
            required="Say why the application was made on short notice.", text=TextKind.REASON)
        self.court_name = self.fields.add("court_name", "Court", QLineEdit(), optional=True,
                                          text=TextKind.SHORT)
        self.court_name.setPlaceholderText("For example: the Family Court at Leeds")
        self.reference = self.fields.add("court_reference", "Court reference", QLineEdit(),
                                         optional=True, text=TextKind.REFERENCE)
        self.reference.setPlaceholderText("For example: ZW26C00001")
        self.letter_on = self.fields.add("letter_of_issue_date", "Letter of issue sent",
                                         self.date_field(), optional=True)
        self._add_court_details()
        if episode is not None:
            self.applied_on.set_date(episode.court_application_date)
            self.short_notice.setChecked(bool(episode.short_notice))
            self.reason.setPlainText(episode.short_notice_reason or "")
            self.court_name.setText(episode.court_name or "")
            self.reference.setText(episode.court_reference or "")
            self.letter_on.set_date(episode.letter_of_issue_date)
            self._show_court_details(episode.court_details)
        self._show_reason()
        self.short_notice.toggled.connect(self._show_reason)

    def _add_court_details(self) -> None:
        """What the Standard Safeguarding Dataset asks of the proceedings; each may be left
        unrecorded and filled in later, as the proceedings go on."""
        def choices(members, unknown: str = "Not recorded") -> ChoiceBox:
            box = ChoiceBox([*enum_choices(members), (unknown, None)])
            box.set_value(None)
            return box

        self.ground = self.fields.add(
            "short_notice_ground", "Main reason for short notice", choices(ShortNoticeGround),
            optional=True)
        self.represented = self.fields.add(
            "parents_represented_at_issue", "Parents legally represented at issue",
            choices(Answer), optional=True,
            note="These details are for the Standard Safeguarding Dataset; record them as the "
                 "proceedings go on.")
        self.hearings = self.fields.add(
            "court_hearings", "Hearings in the care proceedings", ChoiceBox(
                [("Not recorded", None), *((str(n), n) for n in range(MOST_HEARINGS + 1))]),
            optional=True)
        self.hearings.set_value(None)
        self.initial_plan = self.fields.add("initial_care_plan", "Initial care plan",
                                            choices(InitialCarePlan), optional=True)
        self.initial_approved = self.fields.add(
            "initial_plan_approved", "Initial care plan approved by the court", choices(Answer),
            optional=True)
        self.final_plan = self.fields.add("final_care_plan", "Final care plan",
                                          choices(FinalCarePlan), optional=True)
        self.final_approved = self.fields.add(
            "final_plan_approved", "Final care plan approved by the court", choices(Answer),
            optional=True)

    def _show_court_details(self, details: CourtDetails) -> None:
        self.ground.set_value(details.short_notice_ground)
        self.represented.set_value(details.parents_represented)
        self.hearings.set_value(details.hearings)
        self.initial_plan.set_value(details.initial_care_plan)
        self.initial_approved.set_value(details.initial_plan_approved)
        self.final_plan.set_value(details.final_care_plan)
        self.final_approved.set_value(details.final_plan_approved)

    def court_details(self) -> CourtDetails:
        """The SSD's details as the form holds them."""
        return CourtDetails(
            parents_represented=self.represented.value(), hearings=self.hearings.value(),
            short_notice_ground=self.ground.value() if self.short_notice.isChecked() else None,
            initial_care_plan=self.initial_plan.value(),
            initial_plan_approved=self.initial_approved.value(),
            final_care_plan=self.final_plan.value(),
            final_plan_approved=self.final_approved.value())

    def _show_reason(self) -> None:
        self.fields.set_shown("short_notice_reason", self.short_notice.isChecked())
        self.fields.set_shown("short_notice_ground", self.short_notice.isChecked())

    def check(self) -> dict[str, str]:
        applied, letter = self.applied_on.date(), self.letter_on.date()
        found = not_in_future("court_application_date", "The court application", applied,
                              self.today)
        found |= not_in_future("letter_of_issue_date", "The letter of issue", letter, self.today)
        episode = self.detail.episode
        if episode:
            order = order_problems(EpisodeDates(
                start=episode.gateway_date, outcome=episode.outcome_date,
                court_application=applied, letter_of_issue=letter))
            # With no application date typed yet, "required" already says what to do.
            if applied is None:
                order.pop("letter_of_issue_date", None)
            for name in ("court_application_date", "letter_of_issue_date"):
                if name in order:
                    found.setdefault(name, order[name])
        return found

    def submit(self, version: int) -> Saved:
        short = self.short_notice.isChecked()
        return self.services.milestones.record_court_application(
            self.actor, self.detail.family_id, self.applied_on.date(), short,
            self.reason.toPlainText() if short else None, self.reference.text(),
            letter_of_issue_on=self.letter_on.date(), expected_version=version,
            court_name=self.court_name.text(), details=self.court_details())


class CloseProceedingsDialog(FormDialog):
    """Care proceedings have concluded: the date, which closes the episode."""

    title = "Record care proceedings as concluded"

    def build(self) -> None:
        self.set_intro("This closes the episode. A new gateway decision would start another.")
        self.closed_on = self.fields.add(
            "closed_date", "Date proceedings concluded", self.date_field(),
            required="Enter the date care proceedings concluded.")

    def check(self) -> dict[str, str]:
        closed = self.closed_on.date()
        found = not_in_future("closed_date", "The conclusion", closed, self.today)
        applied = self.detail.episode.court_application_date if self.detail.episode else None
        if closed and applied and closed < applied:
            found["closed_date"] = ("Proceedings cannot conclude before the application was "
                                    f"made on {short_date(applied)}.")
        return found

    def submit(self, version: int) -> Saved:
        return self.services.milestones.close_proceedings(
            self.actor, self.detail.family_id, self.closed_on.date(), expected_version=version)

"""What a follow-up check after a step-down found: the check, its date, the finding, notes."""

from __future__ import annotations

from plo_tracker.domain.date_rules import not_in_future
from plo_tracker.domain.date_text import short_date
from plo_tracker.domain.followups import Finding
from plo_tracker.domain.text_rules import TextKind
from plo_tracker.services.case_base import Saved
from plo_tracker.services.case_detail import FamilyDetail
from plo_tracker.services.followups import FollowUpForm, FollowUpView

from .form_dialog import FormDialog
from .inputs import ChoiceBox, LongText, RadioChoice, enum_choices

REFERRED_BACK_NOTE = ("Referred back: once the gateway panel decides, record its decision "
                      "with \"Record the gateway decision\", which starts a new episode.")


def current_followups(detail: FamilyDetail) -> list[FollowUpView]:
    """The check-ins of the family's current episode that may be recorded: those still due,
    then those already recorded (to correct them)."""
    episode = detail.episode
    if episode is None:
        return []
    own = [f for f in detail.followups if f.episode_id == episode.episode_id and not f.not_needed]
    return sorted(own, key=lambda f: (f.checked_on is not None, f.due_date, f.followup_id))


def followup_choice_text(followup: FollowUpView) -> str:
    """"3-month follow-up, due Tue 2 Feb 2027" (or "..., checked on ...: correct it")."""
    if followup.checked_on is not None:
        return f"{followup.title}, checked on {short_date(followup.checked_on)}: correct it"
    return f"{followup.title}, due {short_date(followup.due_date)}"


class FollowUpDialog(FormDialog):
    """Record what a check-in after the step-down found."""

    title = "Record a follow-up check"

    def build(self) -> None:
        self.followup = self.fields.add("followup", "Check", ChoiceBox(
            placeholder="Choose the check"), required="Choose the check you are recording.")
        self.checked_on = self.fields.add("checked_on", "Date of the check", self.date_field(),
                                          required="Enter the date of the check.")
        self.finding = self.fields.add("finding", "What was found",
                                       RadioChoice(enum_choices(Finding)),
                                       required="Choose what the check found.")
        self.notes = self.fields.add("notes", "Notes", LongText(lines=4), optional=True,
                                     text=TextKind.LONG_TEXT)
        self.family_reloaded(self.detail)
        due = [f for f in current_followups(self.detail) if f.checked_on is None]
        if due:
            self.followup.set_value(due[0].followup_id)
        self.followup.currentIndexChanged.connect(self._fill_from_chosen)
        self.finding.changed.connect(self._say_what_next)
        self._say_what_next()

    def family_reloaded(self, detail: FamilyDetail) -> None:
        self.detail = detail
        self.followup.set_choices(
            (followup_choice_text(f), f.followup_id) for f in current_followups(detail))

    def _chosen(self) -> FollowUpView | None:
        return next((f for f in self.detail.followups
                     if f.followup_id == self.followup.value()), None)

    def _fill_from_chosen(self) -> None:
        """A check already recorded opens with what was recorded, to be corrected."""
        chosen = self._chosen()
        if chosen is not None and chosen.checked_on is not None:
            self.checked_on.set_date(chosen.checked_on)
            self.finding.set_value(chosen.finding)
            self.notes.setPlainText(chosen.notes or "")

    def _say_what_next(self) -> None:
        referred = self.finding.value() is Finding.REFERRED_BACK
        episode = self.detail.episode
        decided = episode.outcome_date if episode else None
        self.set_intro(
            (f"The family stepped down on {short_date(decided)}. " if decided else "")
            + (REFERRED_BACK_NOTE if referred
               else "Record when the family was checked on and what was found."))

    def check(self) -> dict[str, str]:
        checked = self.checked_on.date()
        found = not_in_future("checked_on", "The check", checked, self.today)
        episode = self.detail.episode
        if checked and episode and episode.outcome_date and checked < episode.outcome_date:
            found.setdefault("checked_on", "The check cannot be before the step-down decision "
                             f"on {short_date(episode.outcome_date)}.")
        return found

    def submit(self, version: int) -> Saved:
        return self.services.followups.record(
            self.actor, self.followup.value(),
            FollowUpForm(self.checked_on.date(), self.finding.value(),
                         self.notes.toPlainText()),
            expected_version=version)

"""Recording a letter before proceedings as sent to one person with parental responsibility."""

from __future__ import annotations

from plo_tracker.domain.date_rules import EpisodeDates, not_in_future, order_problems
from plo_tracker.domain.date_text import short_date
from plo_tracker.domain.due import Rule
from plo_tracker.domain.letter_types import LetterType
from plo_tracker.domain.vocabulary import SendMethod
from plo_tracker.services.case_base import Saved
from plo_tracker.services.case_detail import AdultView, FamilyDetail

from .form_dialog import FormDialog
from .inputs import ChoiceBox, RadioChoice, enum_choices

LBP_KINDS = (LetterType.LBP, LetterType.LBP_UNBORN)  # the order offered


def awaiting_letter(detail: FamilyDetail) -> list[AdultView]:
    """Everyone who receives letters and has not yet been sent this episode's letter before
    proceedings (each parent, and everyone else with parental responsibility)."""
    episode = detail.episode
    sent = {x.adult_id for x in episode.letters
            if x.kind.is_letter_before_proceedings and x.sent_date} if episode else set()
    return [a for a in detail.adults if a.receives_letters and a.adult_id not in sent]


class LetterDialog(FormDialog):
    """Who the letter went to, which letter, when, and how."""

    title = "Record a letter before proceedings as sent"

    def build(self) -> None:
        due = next((item for item in self.detail.due if item.rule is Rule.LETTER), None)
        self.set_intro(
            "Each parent, and everyone else with parental responsibility, gets their own "
            "letter; it also offers a family group decision-making (FGDM) meeting."
            + (f" Due by {short_date(due.due)}." if due else ""))
        self.recipient = self.fields.add(
            "recipient", "Sent to", ChoiceBox(placeholder="Choose who it was sent to"),
            required="Choose who the letter was sent to.")
        self.family_reloaded(self.detail)
        self.kind = self.fields.add(
            "kind", "Letter", RadioChoice(enum_choices(LBP_KINDS)),
            required="Choose which letter was sent.")
        all_unborn = self.detail.children and all(
            c.date_of_birth is None for c in self.detail.children)
        self.kind.set_value(LetterType.LBP_UNBORN if all_unborn else LetterType.LBP)
        self.sent_on = self.fields.add(
            "sent_date", "Date sent", self.date_field(),
            required="Enter the date the letter was sent.")
        self.method = self.fields.add(
            "method", "Sent by", RadioChoice(enum_choices(SendMethod), vertical=False),
            required="Choose how the letter was sent.")

    def family_reloaded(self, detail: FamilyDetail) -> None:
        self.recipient.set_choices(
            (f"{a.name} ({a.relationship})", a.adult_id) for a in awaiting_letter(detail))
        if self.recipient.count() == 1 and self.recipient.is_empty():
            self.recipient.setCurrentIndex(0)

    def check(self) -> dict[str, str]:
        sent_on = self.sent_on.date()
        found = not_in_future("sent_date", "The date sent", sent_on, self.today)
        episode = self.detail.episode
        if sent_on and episode:
            order = order_problems(EpisodeDates(start=episode.gateway_date,
                                                letters_sent=(sent_on,)))
            if "letter_sent" in order:
                found.setdefault("sent_date", order["letter_sent"])
        return found

    def submit(self, version: int) -> Saved:
        return self.services.milestones.record_letter_sent(
            self.actor, self.detail.family_id, self.recipient.value(), self.sent_on.date(),
            self.method.value(), kind=self.kind.value(), expected_version=version)

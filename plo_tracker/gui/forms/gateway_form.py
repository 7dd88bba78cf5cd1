"""Recording the legal gateway panel's decision on a family."""

from __future__ import annotations

from plo_tracker.domain.date_rules import not_in_future
from plo_tracker.domain.vocabulary import GatewayDecision
from plo_tracker.services.case_base import Saved

from .form_dialog import FormDialog
from .inputs import RadioChoice, enum_choices


class GatewayDialog(FormDialog):
    """The decision and its date; a family whose last episode ended starts a new one."""

    title = "Record the gateway decision"

    def build(self) -> None:
        episode = self.detail.episode
        if episode is not None and not episode.stage.is_open:
            self.set_intro("The family's last episode has ended: this decision starts a new "
                           "episode.")
        else:
            self.set_intro("The legal gateway panel's decision. Entering pre-proceedings "
                           "starts the 16-week timescale from the date of the decision.")
        self.decision = self.fields.add(
            "decision", "Decision", RadioChoice(enum_choices(GatewayDecision)),
            required="Choose the panel's decision.")
        self.decided_on = self.fields.add(
            "gateway_date", "Date of the decision", self.date_field(),
            required="Enter the date the panel made its decision.")

    def check(self) -> dict[str, str]:
        return not_in_future("gateway_date", "The gateway decision", self.decided_on.date(),
                             self.today)

    def submit(self, version: int) -> Saved:
        return self.services.milestones.record_gateway_decision(
            self.actor, self.detail.family_id, self.decision.value(), self.decided_on.date(),
            expected_version=version)

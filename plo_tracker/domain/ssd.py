"""The Standard Safeguarding Dataset's pre-proceedings table (ssd_pre_proceedings): its
columns with their item references, and the code lists of the court details an episode keeps.

The names and codes are those of the D2I Standard Safeguarding Dataset (the item
references PREP001A to PREP024A); the dataset's own definitions are still being settled,
so check them against the version your council's SSD extract uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .vocabulary import GatewayDecision, LabelledEnum, Outcome

# The table's columns in the SSD's own order (the row id first), each with its item reference.
SSD_COLUMNS: tuple[tuple[str, str], ...] = (
    ("prep_table_id", "PREP024A"),
    ("prep_person_id", "PREP001A"),
    ("prep_plo_family_id", "PREP002A"),
    ("prep_pre_pro_decision_date", "PREP003A"),
    ("prep_initial_pre_pro_meeting_date", "PREP004A"),
    ("prep_pre_pro_outcome", "PREP005A"),
    ("prep_agree_stepdown_issue_date", "PREP006A"),
    ("prep_cp_plans_referral_period", "PREP007A"),
    ("prep_legal_gateway_outcome", "PREP008A"),
    ("prep_prev_pre_proc_child", "PREP009A"),
    ("prep_prev_care_proc_child", "PREP010A"),
    ("prep_pre_pro_letter_date", "PREP011A"),
    ("prep_care_pro_letter_date", "PREP012A"),
    ("prep_pre_pro_meetings_num", "PREP013A"),
    ("prep_pre_pro_parents_legal_rep", "PREP014A"),
    ("prep_parents_legal_rep_point_of_issue", "PREP015A"),
    ("prep_court_reference", "PREP016A"),
    ("prep_care_proc_court_hearings", "PREP017A"),
    ("prep_care_proc_short_notice", "PREP018A"),
    ("prep_proc_short_notice_reason", "PREP019A"),
    # "inital" is the SSD's own spelling of this field name.
    ("prep_la_inital_plan_approved", "PREP020A"),
    ("prep_la_initial_care_plan", "PREP021A"),
    ("prep_la_final_plan_approved", "PREP022A"),
    ("prep_la_final_care_plan", "PREP023A"),
)
SSD_HEADERS: tuple[str, ...] = tuple(name for name, _ref in SSD_COLUMNS)

# The SSD's answers where a question may be unanswered or not apply.
YES, NO, UNKNOWN, NOT_APPLICABLE = "Y", "N", "U", "NA"


class Answer(LabelledEnum):
    """Yes, no or not known, as an episode stores the court details' questions."""

    YES = ("yes", "Yes")
    NO = ("no", "No")
    UNKNOWN = ("unknown", "Not known")

    @property
    def ssd_code(self) -> str:
        return {"yes": YES, "no": NO, "unknown": UNKNOWN}[self.value]


class ShortNoticeGround(LabelledEnum):
    """PREP019A: the main reason a care application was made on short notice."""

    IMMEDIATE_SAFETY = ("A", "A: without an order the child's immediate safety would be "
                             "compromised (including a threat of abduction)")
    EMERGENCY_PROTECTION = ("B", "B: an emergency protection order, its criteria being met")
    OTHER = ("C", "C: other")


class InitialCarePlan(LabelledEnum):
    """PREP021A: the council's initial care plan in the proceedings."""

    CARE_ORDER = ("A", "A: interim / care order")
    CARE_ORDER_AT_HOME = ("B", "B: interim / care order, placed with parents")
    ADOPTION = ("C", "C: adoption")
    SUPERVISION = ("D", "D: interim / supervision order")
    SPECIAL_GUARDIANSHIP = ("E", "E: special guardianship order")
    PRIVATE_LAW = ("F", "F: private law order")
    OTHER = ("G", "G: other")


class FinalCarePlan(LabelledEnum):
    """PREP023A: the council's final care plan; H while the final hearing is still to come."""

    CARE_ORDER = ("A", "A: care order")
    CARE_ORDER_AT_HOME = ("B", "B: care order, placed with parents")
    ADOPTION = ("C", "C: adoption")
    SUPERVISION = ("D", "D: supervision order")
    SPECIAL_GUARDIANSHIP = ("E", "E: special guardianship order")
    PRIVATE_LAW = ("F", "F: private law order")
    OTHER = ("G", "G: other")
    NOT_YET = ("H", "H: not yet at final hearing, still in care proceedings")


# PREP008A: the legal gateway's decision. The SSD has no code for "other": it goes as D.
GATEWAY_CODES: dict[GatewayDecision, str] = {
    GatewayDecision.CONTINUE_WITHOUT_PLO: "A",
    GatewayDecision.ENTER_PRE_PROCEEDINGS: "B",
    GatewayDecision.ISSUE_PROCEEDINGS: "C",
    GatewayDecision.OTHER: "D",
}
GATEWAY_UNKNOWN = "D"

# PREP005A: the SSD asks for words, blank while the family is still in pre-proceedings.
OUTCOME_WORDS: dict[Outcome, str] = {
    Outcome.STEP_DOWN: "Decision to step down",
    Outcome.ISSUE_PROCEEDINGS: "Decision to issue care proceedings",
    Outcome.OTHER: "Other",
}


def answer_code(stored: str | None, applies: bool = True) -> str:
    """The SSD's Y, N or U for a stored yes/no/unknown (blank is U); NA where it does not
    apply (no care proceedings)."""
    if not applies:
        return NOT_APPLICABLE
    return Answer(stored).ssd_code if stored else UNKNOWN


def yes_no_code(value: bool | None, applies: bool = True) -> str:
    """Y, N or U for a yes/no recorded or not; NA where it does not apply."""
    if not applies:
        return NOT_APPLICABLE
    return UNKNOWN if value is None else YES if value else NO


# The most hearings a care case could plausibly have: a larger number is a typing slip.
MOST_HEARINGS = 100


@dataclass(frozen=True)
class CourtDetails:
    """What the SSD asks about care proceedings, as recorded with the court application:
    whether the parents were represented at issue, the number of hearings, the short notice
    ground, and the initial and final care plans with whether each was approved."""

    parents_represented: Answer | None = None
    hearings: int | None = None
    short_notice_ground: ShortNoticeGround | None = None
    initial_care_plan: InitialCarePlan | None = None
    initial_plan_approved: Answer | None = None
    final_care_plan: FinalCarePlan | None = None
    final_plan_approved: Answer | None = None

    def problems(self) -> dict[str, str]:
        """Field name to why it is refused. Every detail may be left unrecorded: the SSD then
        reports it as not known, and the guide says where to fill it in."""
        found = {}
        if self.hearings is not None and not 0 <= self.hearings <= MOST_HEARINGS:
            found["court_hearings"] = (f"Give the number of hearings, from 0 to "
                                       f"{MOST_HEARINGS}.")
        return found

    @classmethod
    def from_stored(cls, row: Any) -> CourtDetails:
        """The details as an episode's row stores them (codes; blank is not recorded)."""
        def code(kind, value):
            return kind(value) if value else None
        return cls(
            parents_represented=code(Answer, row.parents_represented_at_issue),
            hearings=row.court_hearings,
            short_notice_ground=code(ShortNoticeGround, row.short_notice_ground),
            initial_care_plan=code(InitialCarePlan, row.initial_care_plan),
            initial_plan_approved=code(Answer, row.initial_plan_approved),
            final_care_plan=code(FinalCarePlan, row.final_care_plan),
            final_plan_approved=code(Answer, row.final_plan_approved))

    def stored(self, short_notice: bool) -> dict[str, object]:
        """The episode's columns and their values (the ground only with short notice)."""
        def code(value):
            return value.value if value is not None else None
        return {
            "parents_represented_at_issue": code(self.parents_represented),
            "court_hearings": self.hearings,
            "short_notice_ground": code(self.short_notice_ground) if short_notice else None,
            "initial_care_plan": code(self.initial_care_plan),
            "initial_plan_approved": code(self.initial_plan_approved),
            "final_care_plan": code(self.final_care_plan),
            "final_plan_approved": code(self.final_plan_approved),
        }

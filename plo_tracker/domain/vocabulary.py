"""The fixed lists of the PLO process, each value with the words social workers use."""

from __future__ import annotations

import enum


class LabelledEnum(enum.Enum):
    """An enum whose members carry a stored code and a label for people."""

    def __new__(cls, code: str, label: str) -> LabelledEnum:
        member = object.__new__(cls)
        member._value_ = code
        member.label = label
        return member

    @classmethod
    def from_code(cls, code: str) -> LabelledEnum:
        """Return the member stored as ``code``."""
        return cls(code)


class GatewayDecision(LabelledEnum):
    CONTINUE_WITHOUT_PLO = ("continue_without_plo", "Continue the current plan without PLO")
    ENTER_PRE_PROCEEDINGS = ("enter_pre_proceedings", "Enter pre-proceedings")
    ISSUE_PROCEEDINGS = ("issue_proceedings", "Issue care proceedings now")
    OTHER = ("other", "Other")


class Outcome(LabelledEnum):
    STEP_DOWN = ("step_down", "Step down")
    ISSUE_PROCEEDINGS = ("issue_proceedings", "Issue care proceedings")
    OTHER = ("other", "Other")


class StepDownPlan(LabelledEnum):
    CHILD_PROTECTION = ("child_protection", "Child protection plan")
    CHILD_IN_NEED = ("child_in_need", "Child in need plan")
    NONE = ("none", "No further plan")


class MeetingKind(LabelledEnum):
    GATEWAY = ("gateway", "Legal gateway meeting")
    INITIAL_PPM = ("initial_ppm", "Initial pre-proceedings meeting")
    REVIEW_PPM = ("review_ppm", "Review pre-proceedings meeting")
    FINAL = ("final", "Final pre-proceedings meeting")


class AssessmentKind(LabelledEnum):
    PARENTING = ("parenting", "Parenting assessment")
    VIABILITY = ("viability", "Viability assessment")
    KINSHIP = ("kinship", "Connected person / special guardianship assessment")
    FGDM = ("fgdm", "Family group decision-making")
    PSYCHOLOGICAL = ("psychological", "Cognitive or psychological assessment")
    DRUG_ALCOHOL = ("drug_alcohol", "Drug and alcohol testing")
    DNA = ("dna", "DNA testing")
    PRE_BIRTH = ("pre_birth", "Pre-birth assessment")
    OTHER = ("other", "Other assessment")


class SendMethod(LabelledEnum):
    POST = ("post", "Post")
    HAND = ("hand", "By hand")
    EMAIL = ("email", "Email")


class Sex(LabelledEnum):
    FEMALE = ("female", "Female")
    MALE = ("male", "Male")
    UNKNOWN = ("unknown", "Not known")


class CpPlanStatus(LabelledEnum):
    NONE = ("none", "No child protection plan")
    CURRENT = ("current", "On a child protection plan")
    PREVIOUS = ("previous", "Previously on a child protection plan")


class PlanItemKind(LabelledEnum):
    CONCERN = ("concern", "Concern")
    EXPECTATION = ("expectation", "What must change")
    SUPPORT = ("support", "Support offered")


class Role(LabelledEnum):
    SOCIAL_WORKER = ("social_worker", "Social worker")
    TEAM_MANAGER = ("team_manager", "Team manager")
    PANEL_MEMBER = ("panel_member", "Gateway panel member")
    ADMINISTRATOR = ("administrator", "Administrator")
    READ_ONLY = ("read_only", "Read only")

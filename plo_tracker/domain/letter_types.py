"""The kinds of letter the app writes: each defined once, with everything that goes with it.

A letter type says its title, who receives it, at which stages of an episode it may be
made, which details of the case it must say, and which shipped template writes it. The
services, the documents, the window and the command line all read it here.
"""

from __future__ import annotations

import enum

from .stages import Stage

# Details a letter type may require, beyond what every letter needs. The documents layer
# checks a letter's details against these names before anything is made.
CONCERNS = "concerns"
HISTORY = "history"
SUPPORT = "support_given"
EXPECTATIONS = "expectations"
EXPECTATION_DATES = "expectation_dates"
HELP = "help_offered"
ASSESSMENTS = "assessments"
MEETING = "meeting"
SOLICITORS = "solicitors"
FGDM = "fgdm_offer"
UNBORN = "unborn_child"
COURT = "court"
STEP_DOWN = "step_down_plan"
EXTENSION = "extension"

_LBP_NEEDS = frozenset({
    CONCERNS, HISTORY, SUPPORT, EXPECTATIONS, EXPECTATION_DATES, HELP, ASSESSMENTS,
    MEETING, SOLICITORS, FGDM,
})
_PRE = frozenset({Stage.PRE_PROCEEDINGS})

# Who receives a letter: every letter of PLO goes to each parent (with or without
# parental responsibility) and to everyone else who has parental responsibility.
RECIPIENTS = "each parent, and everyone else with parental responsibility"


class LetterType(enum.Enum):
    """A kind of letter; its value is the code stored and typed on the command line."""

    LBP = ("lbp", "Letter before proceedings", _LBP_NEEDS, _PRE, "lbp.md.j2", 3)
    LBP_UNBORN = ("lbp-unborn", "Letter before proceedings (unborn baby)",
                  _LBP_NEEDS | {UNBORN}, _PRE, "lbp-unborn.md.j2", 3)
    PPM_INVITE = ("ppm-invite", "Invitation to the pre-proceedings meeting",
                  frozenset({MEETING}), _PRE, "ppm-invite.md.j2", 3)
    REVIEW_INVITE = ("review-invite", "Invitation to a review meeting",
                     frozenset({MEETING, EXPECTATIONS}), _PRE, "review-invite.md.j2", 3)
    ISSUE = ("issue", "Letter of issue: we have applied to court", frozenset({COURT}),
             frozenset({Stage.PROCEEDINGS_ISSUED, Stage.CLOSED}), "issue.md.j2", 2)
    STEP_DOWN = ("step-down", "Letter ending pre-proceedings", frozenset({STEP_DOWN}),
                 frozenset({Stage.STEPPED_DOWN}), "step-down.md.j2", 2)
    EXTENSION = ("extension", "Letter extending pre-proceedings", frozenset({EXTENSION}),
                 _PRE, "extension.md.j2", 2)
    AGREEMENT = ("agreement", "Pre-proceedings plan (written agreement)",
                 frozenset({CONCERNS, EXPECTATIONS, EXPECTATION_DATES}), _PRE,
                 "agreement.md.j2", 1)

    code: str
    title: str
    requires: frozenset[str]
    stages: frozenset[Stage]
    template_file: str
    template_version: int  # raise it whenever the shipped template's wording changes

    def __new__(cls, code: str, title: str, requires: frozenset[str],
                stages: frozenset[Stage], template_file: str, template_version: int,
                ) -> LetterType:
        member = object.__new__(cls)
        member._value_ = code
        member.code = code
        member.title = title
        member.requires = requires
        member.stages = stages
        member.template_file = template_file
        member.template_version = template_version
        return member

    @property
    def label(self) -> str:
        """The title, under the name every other list of the app uses for its words."""
        return self.title

    @property
    def is_letter_before_proceedings(self) -> bool:
        """True for the letters whose sending is the statutory milestone (and FGDM offer)."""
        return self in LETTERS_BEFORE_PROCEEDINGS

    @property
    def recipients(self) -> str:
        """Who receives this letter, in words."""
        return RECIPIENTS

    def allowed_at(self, stage: Stage | None) -> bool:
        """True if the letter may be made while an episode is at ``stage``."""
        return stage in self.stages

    def stage_problem(self, stage: Stage | None) -> str | None:
        """Why the letter cannot be made at ``stage``, or None when it can."""
        if self.allowed_at(stage):
            return None
        needed = " or ".join(sorted(s.label.lower() for s in self.stages))
        now = stage.label.lower() if stage is not None else "no episode yet"
        return (f"The letter '{self.title}' is for families whose stage is {needed}; "
                f"this family's stage is: {now}.")

    @classmethod
    def from_code(cls, code: str) -> LetterType:
        """Return the letter type for a code such as ``lbp``.

        Raises:
            ValueError: naming the codes that exist, when ``code`` is not one.
        """
        try:
            return cls(code.strip().lower())
        except ValueError:
            known = ", ".join(member.code for member in cls)
            raise ValueError(f"'{code}' is not a kind of letter. Use one of: {known}.") from None


LETTERS_BEFORE_PROCEEDINGS = frozenset({LetterType.LBP, LetterType.LBP_UNBORN})
LBP_CODES = tuple(t.code for t in (LetterType.LBP, LetterType.LBP_UNBORN))

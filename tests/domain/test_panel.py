"""The panel's rules: quorum sentences and the decisions open at each stage."""

from __future__ import annotations

from plo_tracker.domain.panel import (
    PanelDecision,
    PanelRole,
    decision_problem,
    decisions_for,
    quorum,
)
from plo_tracker.domain.stages import Stage
from plo_tracker.settings import PanelSettings

CHAIR, LEGAL = PanelRole.CHAIR, PanelRole.LEGAL
MANAGER, OTHER = PanelRole.MANAGER, PanelRole.OTHER


def test_chair_lawyer_and_a_manager_are_quorate():
    assert quorum([CHAIR, LEGAL, MANAGER], PanelSettings()) == (
        True, "Quorate: chair and lawyer present, 3 members")


def test_no_lawyer_is_not_quorate():
    assert quorum([CHAIR, MANAGER], PanelSettings()) == (False, "Not quorate: no lawyer attended")


def test_neither_chair_nor_lawyer_and_too_few():
    assert quorum([MANAGER], PanelSettings()) == (
        False, "Not quorate: no chair or lawyer attended; 1 member attended, 2 needed")


def test_nobody_attended():
    assert quorum([], PanelSettings(quorum_needs_chair=False, quorum_needs_lawyer=False)) == (
        False, "Not quorate: 0 members attended, 2 needed")


def test_count_alone_when_neither_role_is_needed():
    rules = PanelSettings(quorum_members=3, quorum_needs_chair=False, quorum_needs_lawyer=False)
    assert quorum([OTHER, OTHER, MANAGER], rules) == (True, "Quorate: 3 members")
    assert quorum([OTHER, MANAGER], rules) == (False, "Not quorate: 2 members attended, 3 needed")


def test_only_the_lawyer_needed():
    rules = PanelSettings(quorum_members=2, quorum_needs_chair=False)
    assert quorum([LEGAL, OTHER], rules) == (True, "Quorate: lawyer present, 2 members")


def test_gateway_options_before_an_episode_and_after_one_ends():
    gateway = (PanelDecision.CONTINUE_WITHOUT_PLO, PanelDecision.ENTER_PRE_PROCEEDINGS,
               PanelDecision.ISSUE_NOW, PanelDecision.GATEWAY_OTHER, PanelDecision.DEFERRED)
    for stage in (None, Stage.AWAITING_GATEWAY, Stage.STEPPED_DOWN, Stage.CLOSED,
                  Stage.NOT_ENTERED):
        assert decisions_for(stage) == gateway


def test_pre_proceedings_options():
    assert decisions_for(Stage.PRE_PROCEEDINGS) == (
        PanelDecision.STAY, PanelDecision.EXTEND, PanelDecision.STEP_DOWN,
        PanelDecision.ISSUE_PROCEEDINGS, PanelDecision.END_OTHER, PanelDecision.DEFERRED)


def test_on_the_way_to_court_only_deferring():
    assert decisions_for(Stage.DECIDED_TO_ISSUE) == (PanelDecision.DEFERRED,)
    assert decisions_for(Stage.PROCEEDINGS_ISSUED) == (PanelDecision.DEFERRED,)


def test_a_decision_not_open_says_what_is():
    assert decision_problem(PanelDecision.STAY, Stage.AWAITING_GATEWAY) == (
        "'Stay in pre-proceedings (review)' is not open for a family whose stage is awaiting "
        "gateway decision. The panel can decide: continue the current plan without PLO, enter "
        "pre-proceedings, issue care proceedings now, other (not entering PLO), deferred to "
        "the next meeting.")
    assert decision_problem(PanelDecision.DEFERRED, Stage.PROCEEDINGS_ISSUED) is None

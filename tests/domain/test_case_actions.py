"""The role x action matrix and the stages each action may be recorded at: every cell.

The expected table is written out by hand here, from the README's roles: social workers
record their families' work; team managers that too, and gateway decisions, extensions
and outcomes; panel members only those decisions; administrators everything; read-only
accounts nothing.
"""

from __future__ import annotations

import pytest

from plo_tracker.domain.case_actions import CaseAction
from plo_tracker.domain.permissions import allows
from plo_tracker.domain.stages import Stage
from plo_tracker.domain.vocabulary import Role

SW, TM, PANEL, ADMIN, READ = (Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.PANEL_MEMBER,
                              Role.ADMINISTRATOR, Role.READ_ONLY)
WORK = {SW, TM, ADMIN}  # the family's work
DECISIONS = {TM, PANEL, ADMIN}  # gateway decisions, extensions and outcomes
ACCESS = {TM, ADMIN}  # who may see a restricted family

EXPECTED = {
    CaseAction.GATEWAY_DECISION: DECISIONS,
    CaseAction.LETTER_SENT: WORK,
    CaseAction.SCHEDULE_MEETING: WORK,
    CaseAction.MEETING_HELD: WORK,
    CaseAction.COMMISSION_ASSESSMENT: WORK,
    CaseAction.COMPLETE_ASSESSMENT: WORK,
    CaseAction.FGDM: WORK,
    CaseAction.EXTENSION: DECISIONS,
    CaseAction.OUTCOME: DECISIONS,
    CaseAction.COURT_APPLICATION: WORK,
    CaseAction.CLOSE_PROCEEDINGS: WORK,
    CaseAction.FOLLOW_UP: WORK,
    CaseAction.NOTE: WORK,
    CaseAction.PLAN_ITEM: WORK,
    CaseAction.PLAN_PROGRESS: WORK,
    CaseAction.HISTORY: WORK,
    CaseAction.ADULT: WORK,
    CaseAction.CHILD: WORK,
    CaseAction.WRITE_LETTERS: WORK,
    CaseAction.CHRONOLOGY: WORK,
    CaseAction.COURT_BUNDLE: WORK,
    CaseAction.RESTRICT_ACCESS: ACCESS,
}


def test_every_action_is_in_the_table() -> None:
    assert set(EXPECTED) == set(CaseAction)


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("action", list(CaseAction))
def test_each_cell_of_the_matrix(action: CaseAction, role: Role) -> None:
    allowed = role in EXPECTED[action]
    assert allows(role, action.permission) is allowed
    problem = action.problem(role, Stage.PRE_PROCEEDINGS if action is not
                             CaseAction.GATEWAY_DECISION else Stage.AWAITING_GATEWAY)
    if action in (CaseAction.COURT_APPLICATION, CaseAction.CLOSE_PROCEEDINGS,
                  CaseAction.COMPLETE_ASSESSMENT, CaseAction.FOLLOW_UP):
        return  # their stages are checked below
    if allowed:
        assert problem is None
    else:
        assert problem == (f"Your role ({role.label.lower()}) does not allow you to "
                           f"{action.permission.value}. Ask a team manager or administrator.")


STAGES = {
    CaseAction.GATEWAY_DECISION: {None, Stage.AWAITING_GATEWAY, Stage.STEPPED_DOWN,
                                  Stage.NOT_ENTERED, Stage.CLOSED},
    CaseAction.LETTER_SENT: {Stage.PRE_PROCEEDINGS},
    CaseAction.SCHEDULE_MEETING: {Stage.AWAITING_GATEWAY, Stage.PRE_PROCEEDINGS},
    CaseAction.MEETING_HELD: {Stage.PRE_PROCEEDINGS},
    CaseAction.COMMISSION_ASSESSMENT: {Stage.AWAITING_GATEWAY, Stage.PRE_PROCEEDINGS},
    CaseAction.COMPLETE_ASSESSMENT: {Stage.AWAITING_GATEWAY, Stage.PRE_PROCEEDINGS,
                                     Stage.DECIDED_TO_ISSUE, Stage.PROCEEDINGS_ISSUED},
    CaseAction.FGDM: {Stage.PRE_PROCEEDINGS},
    CaseAction.EXTENSION: {Stage.PRE_PROCEEDINGS},
    CaseAction.OUTCOME: {Stage.PRE_PROCEEDINGS},
    CaseAction.COURT_APPLICATION: {Stage.DECIDED_TO_ISSUE, Stage.PROCEEDINGS_ISSUED},
    CaseAction.CLOSE_PROCEEDINGS: {Stage.PROCEEDINGS_ISSUED},
    CaseAction.FOLLOW_UP: {Stage.STEPPED_DOWN},
    CaseAction.NOTE: {None, *Stage},
    CaseAction.PLAN_ITEM: {Stage.AWAITING_GATEWAY, Stage.PRE_PROCEEDINGS},
    CaseAction.PLAN_PROGRESS: {Stage.AWAITING_GATEWAY, Stage.PRE_PROCEEDINGS},
    CaseAction.HISTORY: {Stage.AWAITING_GATEWAY, Stage.PRE_PROCEEDINGS},
    CaseAction.ADULT: {None, *Stage},
    CaseAction.CHILD: {None, *Stage},
    CaseAction.WRITE_LETTERS: {Stage.PRE_PROCEEDINGS, Stage.PROCEEDINGS_ISSUED,
                               Stage.STEPPED_DOWN, Stage.CLOSED},
    CaseAction.RESTRICT_ACCESS: {None, *Stage},
    CaseAction.CHRONOLOGY: {None, *Stage},
    CaseAction.COURT_BUNDLE: {None, *Stage},
}


@pytest.mark.parametrize("stage", [None, *Stage])
@pytest.mark.parametrize("action", list(CaseAction))
def test_each_stage_of_each_action(action: CaseAction, stage: Stage | None) -> None:
    problem = action.stage_problem(stage)
    assert (problem is None) is (stage in STAGES[action])
    if problem is not None and stage is not None and action is not CaseAction.GATEWAY_DECISION:
        assert problem.startswith(f"You can only {action.doing} when the family's stage is ")
        assert problem.endswith(f"It is now: {stage.label.lower()}.")


def test_a_refused_stage_names_the_stages_that_would_do() -> None:
    assert CaseAction.COURT_APPLICATION.stage_problem(Stage.PRE_PROCEEDINGS) == (
        "You can only record the court application when the family's stage is care "
        "proceedings issued or decided to issue. It is now: pre-proceedings.")
    assert CaseAction.MEETING_HELD.stage_problem(None) == "Record the gateway decision first."


def test_the_role_is_checked_before_the_stage() -> None:
    assert CaseAction.OUTCOME.problem(SW, Stage.CLOSED).startswith(
        "Your role (social worker) does not allow you to record gateway decisions")

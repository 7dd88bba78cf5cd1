"""Who a refusal tells you to ask: only roles that may do it."""

from plo_tracker.domain.permissions import Permission, role_problem
from plo_tracker.domain.vocabulary import Role


def test_a_team_manager_refused_an_administrators_task_is_told_to_ask_an_administrator():
    message = role_problem(Role.TEAM_MANAGER, Permission.BACKUP_RESTORE)
    assert message == ("Your role (team manager) does not allow you to back up and restore "
                       "the database. Ask an administrator.")


def test_a_social_worker_refused_a_decision_is_told_to_ask_a_team_manager_or_administrator():
    message = role_problem(Role.SOCIAL_WORKER, Permission.DECIDE)
    assert message.endswith("Ask a team manager or administrator.")

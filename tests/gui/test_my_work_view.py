"""The due and overdue view: grouped by day, scoped by role, loaded in the background."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt

from plo_tracker.domain.errors import DomainError
from plo_tracker.domain.vocabulary import GatewayDecision, Role
from plo_tracker.gui.my_work_view import (
    COL_DUE,
    COL_FAMILY,
    COL_LATE,
    COL_STATUS,
    COL_WHAT,
    COL_WORKER,
    FAMILY_ID_ROLE,
    LOADING_TEXT,
    DueTreeModel,
    MyWorkView,
    Scope,
    group_due,
)
from plo_tracker.services.actor import Actor
from plo_tracker.services.case_forms import AdultForm, ChildForm, GatewayForm, NewFamilyForm
from plo_tracker.services.demo_data import DemoDataService
from plo_tracker.services.registry import Services
from plo_tracker.services.users import NewUser
from plo_tracker.storage.unit_of_work import Database
from tests.support import TODAY, open_test_database

TEAM = "Riverside"  # a team of the tests' own: the demo data has none of its families
EMPTY_TEXT = "Nothing is overdue or due in the next 7 calendar days."


@dataclass
class DueWorld:
    """A demo database plus a team whose families' due dates the tests know."""

    services: Services
    database: Database
    admin: Actor
    jo: Actor  # a social worker with Adams and Brown
    kim: Actor  # a social worker in Jo's team, with Clarke
    lee: Actor  # the team's manager
    max: Actor  # a social worker with no families and no team
    ids: dict[str, int]  # family database id by surname
    plo_ids: dict[str, str]  # the family as the list names it, "PLO-2026-0021 Adams", by surname


def _family(services: Services, admin: Actor, surname: str, worker: Actor,
            decided: date) -> int:
    return services.families.create(admin, NewFamilyForm(
        children=(ChildForm("Ava", surname, date_of_birth=date(2020, 5, 4)),),
        adults=(AdultForm("Beth", surname, "mother"),),
        team=TEAM,
        social_worker_id=worker.user_id,
        gateway=GatewayForm(GatewayDecision.ENTER_PRE_PROCEEDINGS, decided),
    ))


def build_due_world(folder: Path) -> DueWorld:
    """Twenty demo families, and three more in the Riverside team with known dates."""
    services = open_test_database(folder, "due")
    database = services.context.database
    DemoDataService(services.context).make_demo_database(20, seed=1)
    admin = services.users.trusted_actor("admin")
    for username, name, role, team in (
        ("jo", "Jo Fielding", Role.SOCIAL_WORKER, TEAM),
        ("kim", "Kim Lowe", Role.SOCIAL_WORKER, TEAM),
        ("lee", "Lee Grant", Role.TEAM_MANAGER, TEAM),
        ("max", "Max Doyle", Role.SOCIAL_WORKER, None),
    ):
        services.users.create(admin, NewUser(username, name, role, team))
    jo, kim, lee, max_ = (services.users.trusted_actor(name)
                          for name in ("jo", "kim", "lee", "max"))
    ids = {
        # Letter due Tue 8 Sep 2026 and initial meeting Tue 22 Sep 2026: both overdue.
        "Adams": _family(services, admin, "Adams", jo, date(2026, 9, 1)),
        # Letter due Fri 27 Nov 2026: tomorrow.
        "Brown": _family(services, admin, "Brown", jo, date(2026, 11, 20)),
        # Letter due Wed 2 Dec 2026.
        "Clarke": _family(services, admin, "Clarke", kim, date(2026, 11, 25)),
    }
    plo_ids = {f.surname: f"{f.plo_family_id} {f.surname}"
               for f in services.caseload.families(admin) if f.family_id in ids.values()}
    return DueWorld(services, database, admin, jo, kim, lee, max_, ids, plo_ids)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> DueWorld:
    built = build_due_world(tmp_path_factory.mktemp("due-view"))
    yield built
    built.database.dispose()


def open_view(qtbot, world: DueWorld, actor: Actor) -> MyWorkView:
    view = MyWorkView(world.services, actor)
    qtbot.addWidget(view)
    view.resize(1100, 500)
    view.show()
    with qtbot.waitSignal(view.loaded, timeout=5000):
        view.reload()
    return view


def groups(view: MyWorkView) -> list[str]:
    model = view.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def rows(view: MyWorkView, column: int) -> list[str]:
    model, found = view.model, []
    for group in range(model.rowCount()):
        parent = model.index(group, 0)
        found += [model.index(row, column, parent).data() for row in range(model.rowCount(parent))]
    return found


def row_index(view: MyWorkView, group: int, row: int, column: int = 0) -> QModelIndex:
    return view.model.index(row, column, view.model.index(group, 0))


def test_model_keeps_qts_contract(qtbot, world, qtmodeltester):
    model = DueTreeModel()
    qtmodeltester.check(model)  # empty
    entries = world.services.caseload.due(world.admin, on=TODAY)
    model.set_groups(group_due(entries, TODAY))
    assert model.rowCount() > 1
    qtmodeltester.check(model)
    model.set_groups(group_due(entries[:3], TODAY))
    qtmodeltester.check(model)


def test_shows_loading_then_a_social_workers_items_grouped_by_day(qtbot, world):
    view = MyWorkView(world.services, world.jo)
    qtbot.addWidget(view)
    view.show()
    assert view.message() == LOADING_TEXT  # until the first load arrives
    with qtbot.waitSignal(view.loaded, timeout=5000):
        view.reload()
        assert view.message() == LOADING_TEXT
    assert view.message() is None
    assert view.scope() is Scope.MINE
    assert groups(view) == ["Overdue (2)", "Tomorrow, Fri 27 Nov 2026 (1)"]
    adams, brown = world.plo_ids["Adams"], world.plo_ids["Brown"]
    assert rows(view, COL_FAMILY) == [adams, adams, brown]
    assert rows(view, COL_DUE) == ["Tue 8 Sep 2026", "Tue 22 Sep 2026", "Fri 27 Nov 2026"]
    assert rows(view, COL_LATE) == ["79 calendar days", "65 calendar days", ""]
    assert rows(view, COL_WHAT)[0] == "Send letter before proceedings to Beth Adams"
    assert rows(view, COL_STATUS) == ["Overdue", "Overdue", "Due soon"]
    letter = row_index(view, 0, 0, COL_STATUS)
    assert not letter.data(Qt.ItemDataRole.DecorationRole).isNull()
    assert letter.data(Qt.ItemDataRole.ToolTipRole).endswith(
        "Due Tue 8 Sep 2026: within 5 working days of the gateway decision on Tue 1 Sep 2026 "
        "(local practice).")
    assert view.tree.isColumnHidden(COL_WORKER)  # they are all the reader's own
    assert view.tree.isExpanded(view.model.index(0, 0))
    assert view.summary_label.text() == (
        "Overdue, and due in the next 7 calendar days (3 items)")


def test_scopes_offered_fit_the_role(qtbot, world):
    def offered(actor: Actor) -> list[str]:
        view = MyWorkView(world.services, actor)
        qtbot.addWidget(view)
        box = view.scope_box
        return [box.itemText(row) for row in range(box.count())]

    assert offered(world.jo) == ["My families", "My team (Riverside)", "All families"]
    assert offered(world.lee) == ["My team (Riverside)", "All families"]
    assert offered(world.max) == ["My families", "All families"]
    assert offered(world.admin) == ["All families"]
    admin_view = open_view(qtbot, world, world.admin)
    assert admin_view.scope_box.isHidden()  # one choice is no choice
    assert admin_view.summary_label.text().startswith(
        "All families: overdue, and due in the next 7 calendar days (")


def test_choosing_a_scope_changes_the_rows(qtbot, world):
    view = open_view(qtbot, world, world.jo)
    mine = rows(view, COL_FAMILY)
    with qtbot.waitSignal(view.loaded, timeout=5000):
        view.scope_box.setCurrentIndex(view.scope_box.findText("My team (Riverside)"))
    assert view.scope() is Scope.TEAM
    assert rows(view, COL_FAMILY) == [*mine, world.plo_ids["Clarke"]]
    assert groups(view)[-1] == "Wed 2 Dec 2026 (1)"
    assert not view.tree.isColumnHidden(COL_WORKER)
    assert rows(view, COL_WORKER)[-1] == "Kim Lowe"
    with qtbot.waitSignal(view.loaded, timeout=5000):
        view.set_scope(Scope.ALL)
    everyone = rows(view, COL_FAMILY)
    assert set(everyone) > set(world.plo_ids.values())  # the demo families as well
    assert everyone == [e.family_text for e in world.services.caseload.due(world.admin)]


def test_a_manager_starts_with_the_team(qtbot, world):
    view = open_view(qtbot, world, world.lee)
    assert view.scope() is Scope.TEAM
    assert sorted(set(rows(view, COL_FAMILY))) == sorted(world.plo_ids.values())


def test_enter_or_double_click_opens_the_family(qtbot, world):
    view = open_view(qtbot, world, world.jo)
    tree = view.tree
    tree.setFocus()
    tree.setCurrentIndex(row_index(view, 1, 0))
    with qtbot.waitSignal(view.family_activated) as opened:
        qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert opened.args == [world.ids["Brown"]]
    centre = tree.visualRect(row_index(view, 0, 0, COL_WHAT)).center()
    # QTest sends a double-click event alone, which a view takes as a press unless the row
    # was pressed first, as a real double-click's first click does.
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    with qtbot.waitSignal(view.family_activated) as opened:
        qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert opened.args == [world.ids["Adams"]]
    assert row_index(view, 0, 0).data(FAMILY_ID_ROLE) == world.ids["Adams"]


def test_enter_on_a_day_folds_it_and_opens_nothing(qtbot, world):
    view = open_view(qtbot, world, world.jo)
    overdue = view.model.index(0, 0)
    view.tree.setCurrentIndex(overdue)
    with qtbot.assertNotEmitted(view.family_activated):
        qtbot.keyClick(view.tree, Qt.Key.Key_Return)
    assert not view.tree.isExpanded(overdue)
    qtbot.keyClick(view.tree, Qt.Key.Key_Return)
    assert view.tree.isExpanded(overdue)


def test_reload_keeps_the_chosen_row(qtbot, world):
    view = open_view(qtbot, world, world.jo)
    view.tree.setCurrentIndex(row_index(view, 1, 0))
    with qtbot.waitSignal(view.loaded, timeout=5000):
        view.reload()
        assert view.message() is None  # a quick reload leaves the rows in place
    assert view.current_entry().item.family_id == world.ids["Brown"]


def test_nothing_due_says_so(qtbot, world):
    view = open_view(qtbot, world, world.max)
    assert view.message() == EMPTY_TEXT
    assert view.empty_label.isVisible()


def test_a_problem_loading_is_said_in_plain_words(qtbot, world, monkeypatch):
    def refuse(*_args, **_kwargs):
        raise DomainError("The database is busy. Try again in a minute.")

    monkeypatch.setattr(world.services.caseload, "due", refuse)
    view = open_view(qtbot, world, world.jo)
    assert view.message() == (
        "What is due could not be loaded. The database is busy. Try again in a minute.")


"""Window fixtures: a small database made through the services, shared by the GUI tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool

from plo_tracker.domain.vocabulary import GatewayDecision, Role
from plo_tracker.services.actor import SYSTEM, Actor
from plo_tracker.services.case_forms import AdultForm, ChildForm, GatewayForm, NewFamilyForm
from plo_tracker.services.caseload import FamilySummary
from plo_tracker.services.registry import Services
from plo_tracker.services.users import NewUser
from tests.support import open_test_database

# Thursday 26 November 2026; "this week" runs to Sunday 29 November.
_GUI_TESTS = Path(__file__).parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The offscreen platform warns whenever a top-level window with a layout is shown; that
    # says nothing about our code, and warnings otherwise fail the test.
    ignore = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
    for item in items:
        if _GUI_TESTS in item.path.parents:
            item.add_marker(ignore)


@dataclass(frozen=True)
class GuiData:
    services: Services
    admin: Actor
    sam: Actor  # a social worker with three families
    jo: Actor  # a social worker with one family
    ids: dict[str, int]  # family id by surname

    def families(self) -> list[FamilySummary]:
        return self.services.caseload.families(self.admin)


def _family(services: Services, actor: Actor, surname: str, child: str, parent: str,
            worker: Actor | None, gateway: GatewayForm | None,
            expected: date | None = None) -> int:
    child_form = (ChildForm("", surname, expected_date_of_birth=expected) if expected
                  else ChildForm(child, surname, date_of_birth=date(2020, 5, 4)))
    return services.families.create(actor, NewFamilyForm(
        children=(child_form,),
        adults=(AdultForm(parent, surname, "mother"),),
        team="North",
        social_worker_id=worker.user_id if worker else None,
        gateway=gateway,
    ))


@pytest.fixture(scope="session")
def gui_data(tmp_path_factory: pytest.TempPathFactory) -> GuiData:
    """Six families, one of each kind the chips pick out, made as a user would make them."""
    folder = tmp_path_factory.mktemp("gui-db")
    services = open_test_database(folder, "gui")
    services.users.create(SYSTEM, NewUser("admin", "Alex Byrne", Role.ADMINISTRATOR))
    admin = services.users.sign_in("admin")
    for username, name in (("sam", "Sam Okafor"), ("jo", "Jo Fielding")):
        services.users.create(admin, NewUser(username, name, Role.SOCIAL_WORKER, "North"))
    sam, jo = services.users.sign_in("sam"), services.users.sign_in("jo")
    enter = GatewayDecision.ENTER_PRE_PROCEEDINGS
    ids = {
        # Letter due Tue 8 Sep 2026, never sent: overdue.
        "Adams": _family(services, admin, "Adams", "Ava", "Beth", sam,
                         GatewayForm(enter, date(2026, 9, 1))),
        # Letter due Fri 27 Nov 2026: due soon, and this week.
        "Brown": _family(services, admin, "Brown", "Ben", "Cara", sam,
                         GatewayForm(enter, date(2026, 11, 20))),
        # An unborn baby; letter due Wed 2 Dec 2026: due soon, not this week.
        "Clarke": _family(services, admin, "Clarke", "", "Dana", sam,
                          GatewayForm(enter, date(2026, 11, 25)), expected=date(2027, 2, 10)),
        # Extended to Fri 15 Jan 2027 (and its letter is overdue too).
        "Davies": _family(services, admin, "Davies", "Dylan", "Erin", jo,
                          GatewayForm(enter, date(2026, 7, 1))),
        # Awaiting the gateway decision, no worker allocated.
        "Evans": _family(services, admin, "Evans", "Evie", "Faye", None, None),
        # The panel decided not to enter PLO: closed.
        "Foster": _family(services, admin, "Foster", "Finn", "Gwen", jo,
                          GatewayForm(GatewayDecision.CONTINUE_WITHOUT_PLO, date(2026, 10, 1))),
    }
    services.milestones.record_extension(admin, ids["Davies"], date(2026, 10, 20),
                                         date(2027, 1, 15), "Assessment late", admin.user_id)
    yield GuiData(services, admin, sam, jo, ids)
    services.context.database.dispose()


@pytest.fixture(autouse=True)
def _no_running_workers():
    """A test must not end with a background load still running into the next one."""
    yield
    QThreadPool.globalInstance().waitForDone(10_000)

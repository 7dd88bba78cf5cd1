"""Shared by the views' tests: a database of six families, one of each kind the chips pick
out, made through the services in a folder of the test module's own."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from plo_tracker.domain.vocabulary import GatewayDecision, Role
from plo_tracker.services.actor import SYSTEM, Actor
from plo_tracker.services.case_forms import AdultForm, ChildForm, GatewayForm, NewFamilyForm
from plo_tracker.services.caseload import FamilySummary
from plo_tracker.services.registry import Services
from plo_tracker.services.users import NewUser
from tests.support import TODAY, open_test_database

ENTER = GatewayDecision.ENTER_PRE_PROCEEDINGS


@dataclass(frozen=True)
class ViewsWorld:
    services: Services
    path: Path  # the database file, for tests that write what old data could hold
    admin: Actor
    sam: Actor  # a social worker with three families
    jo: Actor  # a social worker with one family
    ids: dict[str, int]  # family id by surname

    def families(self) -> list[FamilySummary]:
        return self.services.caseload.families(self.admin)

    def set_surname(self, family_id: int, surname: str) -> None:
        """Store a surname as old data might hold it, past today's checks (through SQL)."""
        values = {"surname": surname, "family_id": family_id}
        with self.services.context.database.engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                # A server enforces the column's length, which SQLite never did: widen it
                # in this test's own database, as old data on a file could be.
                for table, column in (("children", "last_name"), ("adults", "last_name"),
                                      ("family_list", "surname")):
                    connection.execute(text(f"ALTER TABLE {table} ALTER COLUMN {column} "
                                            "TYPE text"))
            for table in ("children", "adults"):
                connection.execute(text(f"UPDATE {table} SET last_name = :surname "
                                        "WHERE family_id = :family_id"), values)
            # The families list an older database is opened with holds it too.
            connection.execute(text("UPDATE family_list SET surname = :surname "
                                    "WHERE family_id = :family_id"), values)

    def close(self) -> None:
        self.services.context.database.dispose()


def add_family(services: Services, actor: Actor, surname: str, child: str, parent: str,
               worker: Actor | None, gateway: GatewayForm | None,
               expected: date | None = None, team: str = "North") -> int:
    """A family of one child (or an unborn baby) and their mother."""
    child_form = (ChildForm("", surname, expected_date_of_birth=expected) if expected
                  else ChildForm(child, surname, date_of_birth=date(2020, 5, 4)))
    return services.families.create(actor, NewFamilyForm(
        children=(child_form,),
        adults=(AdultForm(parent, surname, "mother"),),
        team=team,
        social_worker_id=worker.user_id if worker else None,
        gateway=gateway,
    ))


# Each account's own password (chosen after the administrator's first one).
PASSWORDS = {"admin": "quiet harbour lantern", "sam": "purple kettle meadow",
             "jo": "mossy granite window"}


def build_views_world(folder: Path) -> ViewsWorld:
    """Six families as of TODAY (Thursday 26 November 2026)."""
    services = open_test_database(folder, "views")
    services.users.create(SYSTEM, NewUser("admin", "Alex Byrne", Role.ADMINISTRATOR),
                          PASSWORDS["admin"])
    admin = services.users.trusted_actor("admin")
    for username, name in (("sam", "Sam Okafor"), ("jo", "Jo Fielding")):
        services.users.create(admin, NewUser(username, name, Role.SOCIAL_WORKER, "North"),
                              "given by the desk")
        services.users.change_password(username, "given by the desk", PASSWORDS[username])
    sam, jo = services.users.trusted_actor("sam"), services.users.trusted_actor("jo")
    ids = {
        # Letter due Tue 8 Sep 2026, never sent: overdue.
        "Adams": add_family(services, admin, "Adams", "Ava", "Beth", sam,
                            GatewayForm(ENTER, date(2026, 9, 1))),
        # Letter due Fri 27 Nov 2026: due soon, and this week.
        "Brown": add_family(services, admin, "Brown", "Ben", "Cara", sam,
                            GatewayForm(ENTER, date(2026, 11, 20))),
        # An unborn baby; letter due Wed 2 Dec 2026: due soon, not this week.
        "Clarke": add_family(services, admin, "Clarke", "", "Dana", sam,
                             GatewayForm(ENTER, date(2026, 11, 25)), expected=date(2027, 2, 10)),
        # Extended to Fri 15 Jan 2027 (and its letter is overdue too).
        "Davies": add_family(services, admin, "Davies", "Dylan", "Erin", jo,
                             GatewayForm(ENTER, date(2026, 7, 1))),
        # Awaiting the gateway decision, no worker allocated.
        "Evans": add_family(services, admin, "Evans", "Evie", "Faye", None, None),
        # The panel decided not to enter PLO: closed.
        "Foster": add_family(services, admin, "Foster", "Finn", "Gwen", jo,
                             GatewayForm(GatewayDecision.CONTINUE_WITHOUT_PLO,
                                         date(2026, 10, 1))),
    }
    services.milestones.record_extension(admin, ids["Davies"], date(2026, 10, 20),
                                         date(2027, 1, 15), "Assessment late", admin.user_id)
    return ViewsWorld(services, folder / "views.sqlite3", admin, sam, jo, ids)


LONG_SURNAME = "Featherstonehaugh-" * 27 + "Smythe"  # 492 characters: what old data could hold


def add_deadline_families(world: ViewsWorld) -> dict[str, int]:
    """Families whose dates test the deadline rules, added to ``world.ids`` too:

    - Grant: the next item is an assessment due Sunday 29 November 2026, so it is to be
      finished by Friday 27 November.
    - Hughes: started Wednesday 1 July 2026, day 149 and 5 weeks past the 16-week target.
    - Irwin: the gateway panel decided on Monday 23 November 2026 to issue proceedings; the
      court application is due by Monday 30 November.
    """
    from plo_tracker.domain.vocabulary import AssessmentKind, SendMethod

    services, admin, sam = world.services, world.admin, world.sam
    grant = add_family(services, admin, "Grant", "Gus", "Hana", sam,
                       GatewayForm(ENTER, date(2026, 11, 20)))
    mother = services.case_detail.family(admin, grant).adults[0].adult_id
    services.milestones.record_letter_sent(admin, grant, mother, date(2026, 11, 23),
                                           SendMethod.HAND)
    services.milestones.commission_assessment(admin, grant, AssessmentKind.PARENTING, "Mother",
                                              date(2026, 11, 23), date(2026, 11, 29))
    added = {
        "Grant": grant,
        "Hughes": add_family(services, admin, "Hughes", "Hal", "Iris", sam,
                             GatewayForm(ENTER, date(2026, 7, 1))),
        "Irwin": add_family(services, admin, "Irwin", "Ivy", "Jan", sam,
                            GatewayForm(GatewayDecision.ISSUE_PROCEEDINGS, date(2026, 11, 23))),
    }
    world.ids.update(added)
    return added


def world_fixture(folder: str, prepare: Callable[[ViewsWorld], object] | None = None):
    """A module-scoped fixture giving the test module a world of its own, in ``folder``,
    changed by ``prepare`` (add families, say) before any test sees it."""

    @pytest.fixture(scope="module")
    def fixture(tmp_path_factory: pytest.TempPathFactory):
        world = build_views_world(tmp_path_factory.mktemp(folder))
        if prepare is not None:
            prepare(world)
        yield world
        world.close()

    return fixture


def shown(qtbot, widget, width: int, height: int):
    """``widget`` on screen at this size, as a test drives it."""
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def families_view(qtbot, world: ViewsWorld, width: int = 1200, height: int = 500):
    """The families page of a social worker (Sam), with the world's families loaded."""
    from plo_tracker.gui.family_list_view import FamilyListView

    view = FamilyListView(my_user_id=world.sam.user_id)
    view.model.set_families(world.families(), TODAY)
    return shown(qtbot, view, width, height)

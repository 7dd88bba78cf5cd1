"""The demo database every letters test starts from: 30 demo families and the shipped templates,
on TODAY. No tests here: the test_letters_* modules import the fixtures, which are
named "services" and "admin" for the tests (and otherwise here, so an import clashes with
neither)."""

from __future__ import annotations

from pathlib import Path

import pytest

from plo_tracker.domain.letter_types import LetterType
from plo_tracker.domain.stages import Stage
from plo_tracker.services.actor import Actor
from plo_tracker.services.demo_data import DemoDataService
from plo_tracker.services.registry import Services
from tests.support import open_test_database


@pytest.fixture(name="services")
def letters_services(tmp_path: Path):
    """A database of this test's own, so no test sees letters another one made."""
    built = open_test_database(tmp_path, "letters")
    DemoDataService(built.context).make_demo_database(30, seed=1)
    yield built
    built.context.database.dispose()


@pytest.fixture(name="admin")
def letters_admin(services: Services) -> Actor:
    return services.users.trusted_actor("admin")


def pre_proceedings(services: Services, actor: Actor) -> list[int]:
    return [f.family_id for f in services.caseload.families(actor)
            if f.stage is Stage.PRE_PROCEEDINGS]


def ready_family(services: Services, actor: Actor) -> int:
    """A family whose letters before proceedings can all be made now."""
    return next(fid for fid in pre_proceedings(services, actor)
                if not any(c.missing for c in services.letters.check(actor, fid, LetterType.LBP)))


def shown_when(qtbot, window, signal, timeout: int = 10_000):
    """Show a letters window and return it once ``signal`` (one of its own) has fired."""
    qtbot.addWidget(window)
    with qtbot.waitSignal(signal, timeout=timeout):
        window.show()
    return window

"""The demo database every letters test starts from: 30 demo families and the shipped templates,
on Thu 26 Nov 2026. No tests here: the test_letters_* modules import the fixtures, which are
named "services" and "admin" for the tests (and otherwise here, so an import clashes with
neither)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from plo_tracker.domain.clock import FixedClock
from plo_tracker.domain.letter_types import LetterType
from plo_tracker.domain.stages import Stage
from plo_tracker.services.actor import SYSTEM, Actor
from plo_tracker.services.demo_data import DemoDataService
from plo_tracker.services.registry import Services
from plo_tracker.storage.engine import sqlite_url
from plo_tracker.storage.schema import prepare_database
from plo_tracker.storage.unit_of_work import Database

TODAY = date(2026, 11, 26)


@pytest.fixture(name="services")
def letters_services(tmp_path: Path):
    """A database of this test's own, so no test sees letters another one made."""
    engine = prepare_database(sqlite_url(tmp_path / "letters.sqlite3"), tmp_path / "backups")
    built = Services.build(Database(engine), FixedClock(TODAY))
    built.templates.load_defaults()
    DemoDataService(built.context).generate(SYSTEM, 30, seed=1)
    yield built
    engine.dispose()


@pytest.fixture(name="admin")
def letters_admin(services: Services) -> Actor:
    return services.users.sign_in("admin")


def pre_proceedings(services: Services, actor: Actor) -> list[int]:
    return [f.family_id for f in services.caseload.families(actor)
            if f.stage is Stage.PRE_PROCEEDINGS]


def ready_family(services: Services, actor: Actor) -> int:
    """A family whose letters before proceedings can all be made now."""
    return next(fid for fid in pre_proceedings(services, actor)
                if not any(c.missing for c in services.letters.check(actor, fid, LetterType.LBP)))

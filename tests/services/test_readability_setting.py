"""The council's reading grade target: a whole grade from 3 to 12, default 6, refused with a
plain message otherwise, by the settings themselves and so by the service that stores them."""

from __future__ import annotations

from dataclasses import replace

import pytest

from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.settings import ReadabilitySettings, Settings

MESSAGE = ("The reading grade target must be a whole grade from 3 to 12 (grade 6 is a reading "
           "age of about 11).")


def test_the_default_target_is_grade_6():
    assert Settings().readability.target_grade == 6
    assert "readability.target_grade" not in Settings().problems()


@pytest.mark.parametrize("grade", [3, 6, 12])
def test_whole_grades_from_3_to_12_are_accepted(grade):
    assert ReadabilitySettings(grade).problems() == {}


@pytest.mark.parametrize("grade", [2, 13, 0, -1, 6.5, "6", None, True])
def test_anything_else_is_refused_in_plain_words(grade):
    assert ReadabilitySettings(grade).problems() == {"readability.target_grade": MESSAGE}
    whole = Settings(readability=ReadabilitySettings(grade)).problems()
    assert whole["readability.target_grade"] == MESSAGE


@pytest.fixture
def own_world(tmp_path, dump_database, build_world):
    built = build_world(tmp_path, dump_database, families=1)
    yield built
    built.database.dispose()


def test_the_service_stores_a_good_target_and_refuses_a_bad_one(own_world):
    services, admin = own_world.services, own_world.actor("admin")
    current = services.settings.current()
    services.settings.save(admin, replace(current, readability=ReadabilitySettings(8)))
    assert services.settings.current().readability.target_grade == 8
    with pytest.raises(ValidationFailed) as refused:
        services.settings.save(admin, replace(current, readability=ReadabilitySettings(20)))
    assert refused.value.problems == {"readability.target_grade": MESSAGE}
    assert services.settings.current().readability.target_grade == 8

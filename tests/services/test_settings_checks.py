"""Settings check themselves, so any caller (not only a dialog) is refused a bad value."""

from __future__ import annotations

from dataclasses import replace

import pytest

from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.settings import CouncilDetails, LetterSettings, LocalSolicitor, Settings

GOOD_FIRM = LocalSolicitor("Hannah Crowe", "Crowe & Mallard", "12 Bridge St\nNS2 3CD",
                           "01632 960101")


def test_defaults_need_only_the_councils_name() -> None:
    assert Settings().problems() == {
        "council.name": "Enter the council's name; it appears on every letter."}
    assert replace(Settings(), council=CouncilDetails(name="Northshire")).problems() == {}


@pytest.mark.parametrize(("council", "key", "says"), [
    (CouncilDetails(name="TBC"), "council.name", "would be printed in letters as it is"),
    (CouncilDetails(name="N", phone="ring us"), "council.phone",
     "Enter a phone number of digits and spaces"),
    (CouncilDetails(name="N", email="council.gov.uk"), "council.email",
     "Enter an email address such as name@council.gov.uk."),
    (CouncilDetails(name="N", address="County Hall"), "council.address",
     "Put the address on separate lines"),
    (CouncilDetails(name="N" * 161), "council.name", "the most it can be is 160"),
    (CouncilDetails(name="North\x00shire"), "council.name", "hidden control character"),
])
def test_council_details_refused_with_the_reason(council, key, says) -> None:
    problems = replace(Settings(), council=council).problems()
    assert list(problems) == [key]
    assert says in problems[key]


def test_each_solicitor_is_checked_by_its_number(tmp_path) -> None:
    bad = replace(GOOD_FIRM, phone="", email="nobody")
    letters = LetterSettings(solicitors=(GOOD_FIRM, bad), logo_path=str(tmp_path / "no.png"))
    problems = replace(Settings(), council=CouncilDetails(name="N"), letters=letters).problems()
    assert problems == {
        "letters.solicitors.2.phone": "Enter the firm's phone number.",
        "letters.solicitors.2.email": "Enter an email address such as name@council.gov.uk.",
        "letters.logo_path": "The picture file cannot be found. Choose it again.",
    }


def test_a_logo_must_be_a_picture(tmp_path) -> None:
    text = tmp_path / "logo.png"
    text.write_text("not a picture")
    png = tmp_path / "real.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 16)
    assert LetterSettings(logo_path=str(text)).problems() == {
        "letters.logo_path": "That file is not a picture. Choose a PNG, JPEG or GIF image."}
    assert LetterSettings(logo_path=str(png)).problems() == {}


def test_the_service_refuses_what_the_types_refuse_and_writes_nothing(world) -> None:
    admin = world.actor("admin")
    current = world.services.settings.current()
    before = world.tables()
    with pytest.raises(ValidationFailed) as refused:
        world.services.settings.save(admin, replace(
            current, council=replace(current.council, phone="ring us")))
    assert set(refused.value.problems) == {"council.phone"}
    assert world.tables() == before

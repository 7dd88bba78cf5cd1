"""Password rules: at least 12 characters, and not one of the commonest passwords."""

from __future__ import annotations

import pytest

from plo_tracker.domain.password_rules import MIN_LENGTH, common_passwords, password_problem


def test_the_list_is_zxcvbns_30000_commonest_passwords():
    listed = common_passwords()
    assert len(listed) > 29_000
    assert {"password", "123456", "qwerty", "letmein", "qwerty123456"} <= listed


@pytest.mark.parametrize("password", [
    "mossy granite window", "Correct-Horse-Battery-Staple", "purple kettle meadow 7",
    "día de lluvia en Leeds",
])
def test_long_uncommon_passwords_are_accepted(password):
    assert password_problem(password, "sam") is None


def test_too_short_says_how_long_and_how_to_fix_it():
    assert password_problem("short pass1") == (
        "Use at least 12 characters (this has 11). A few unrelated words make a long "
        "password that is easy to remember.")
    assert MIN_LENGTH == 12


@pytest.mark.parametrize("password", [
    "qwerty123456",  # listed as it is
    "Password1234!",  # a listed word with digits and a symbol added
    "!!letmein2026",
    "letmeinletmein",  # a listed word repeated
    "DRAGONDRAGONDRAGON",
])
def test_common_passwords_and_their_easy_variants_are_refused(password):
    assert "commonest passwords" in password_problem(password)


def test_other_refusals_say_what_is_wrong():
    assert "user name" in password_problem("sam.okafor rules ok", "sam.okafor")
    assert "spaces alone" in password_problem(" " * 14)
    assert "control characters" in password_problem("tab\there and there")
    assert "repeats a few characters" in password_problem("abababababab9")
    assert "at most 256" in password_problem("x" * 257)

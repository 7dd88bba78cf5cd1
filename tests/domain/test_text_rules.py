"""Typed text: lengths that fit, one line where one line is meant, no hidden characters."""

from __future__ import annotations

import pytest

from plo_tracker.domain.text_rules import TextKind, looks_blank, text_problem, text_problems


def test_ordinary_text_and_empty_text_pass() -> None:
    assert text_problem("Zoë O'Brien-Łukasik", TextKind.NAME) is None
    assert text_problem("", TextKind.NAME) is None
    assert text_problem(None, TextKind.NAME) is None
    assert text_problem("12 Elm Road\nLeeds\nLS1 1AA", TextKind.ADDRESS) is None


def test_too_long_says_how_long_and_the_limit() -> None:
    assert text_problem("x" * 80, TextKind.NAME) is None
    assert text_problem("x" * 500, TextKind.NAME) == (
        "This is 500 characters long; the most it can be is 80. Shorten it.")


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\u202e", "\u200b", "\u2028"])
def test_control_and_invisible_characters_are_refused(char: str) -> None:
    problem = text_problem(f"Smith{char}", TextKind.NAME)
    assert problem is not None and f"U+{ord(char):04X}" in problem


def test_a_line_break_is_fine_in_an_address_but_not_in_a_name() -> None:
    assert text_problem("Smith\nJones", TextKind.NAME) == (
        "This must be on one line: remove the line break or tab.")
    assert text_problem("Smith\tJones", TextKind.REASON) is None


def test_several_fields_at_once() -> None:
    assert text_problems(a=("ok", TextKind.NAME), b=("x" * 61, TextKind.REFERENCE)) == {
        "b": "This is 61 characters long; the most it can be is 60. Shorten it."}


@pytest.mark.parametrize("value", ["", "  ", "TBC", "to be confirmed", "[name]", "XXX", "n/a"])
def test_placeholders_look_blank(value: str) -> None:
    assert looks_blank(value)


def test_real_values_do_not_look_blank() -> None:
    assert not looks_blank("Kelly Marsh") and not looks_blank("Tbilisi")

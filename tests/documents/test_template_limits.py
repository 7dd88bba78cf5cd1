"""Limits on filling in a letter template: loops, calls, time and size are stopped in words.

Each hostile template here would, without the limits, hang the app or take a gigabyte
of memory; each must be refused quickly, naming the limit and the template's line.
"""

from __future__ import annotations

import itertools

import pytest

from plo_tracker.documents import template_limits
from plo_tracker.documents.letter_data import sample_context
from plo_tracker.documents.templates import (
    TemplateProblem,
    default_template,
    large_family_context,
    render_blocks,
    render_markup,
    validate_template,
)
from plo_tracker.domain.letter_types import LetterType

DEAR = "Dear {{ recipient.name }}\n\n"


def refused(source: str) -> TemplateProblem:
    with pytest.raises(TemplateProblem) as caught:
        validate_template(source, LetterType.LBP)
    return caught.value


def test_nested_loops_are_stopped_at_the_loop_budget_with_their_line() -> None:
    source = DEAR + ("{% for a in range(200) %}\n{% for b in range(200) %}\n"
                     "{% for c in range(200) %}x{% endfor %}\n{% endfor %}\n{% endfor %}\n")
    problem = refused(source)
    assert problem.line == 5  # the innermost loop is the one that passes the budget
    assert "loops go round more than 10,000 times in all" in problem.reason
    assert "more than a letter template may do" in problem.message


def test_loops_over_the_letter_details_nested_deeply_are_stopped() -> None:
    # Six loops over the children (two, or nine for the large family) inside each other.
    loops = "".join("{% for c" + str(n) + " in children %}" for n in range(6))
    source = DEAR + loops + "{{ c0.name }}" + "{% endfor %}" * 6 + "\n"
    assert "loops go round more than" in refused(source).reason


def test_a_range_larger_than_any_letter_needs_is_refused() -> None:
    problem = refused(DEAR + "\n{% for i in range(1000000000) %}x{% endfor %}\n")
    assert problem.line == 4
    assert "a range in a letter template may hold at most 200 numbers" in problem.reason


def test_ranges_multiplied_by_filters_are_stopped() -> None:
    source = DEAR + "{{ range(200)|batch(1000000000, 'x')|list|length }}\n"
    assert "longer than 100,000 characters" in refused(source).reason


@pytest.mark.parametrize("width", ["1000000000", "1e9"])
def test_centring_on_a_huge_width_is_refused(width: str) -> None:
    problem = refused(DEAR + "{{ recipient.name|center(" + width + ") }}\n")
    assert problem.line == 3
    assert "centring with 1,000,000,000 would make a text longer than 100,000" in \
        problem.reason


def test_indenting_and_formatting_on_a_huge_width_are_refused() -> None:
    assert "indenting" in refused(DEAR + "{{ recipient.name|indent(1000000000) }}\n").reason
    assert "a format" in refused(DEAR + "{{ '%1000000000s'|format('x') }}\n").reason
    assert "a format" in refused(DEAR + "{{ '%.999999999f' % 1.5 }}\n").reason
    assert "a format" in refused(DEAR + "{{ '%*s' % (1000000000, 'x') }}\n").reason


def test_chained_replace_doubling_is_stopped_before_it_grows() -> None:
    doubling = ".replace('a', 'aa')" * 40  # 2**40 characters if nothing stopped it
    problem = refused(DEAR + "{{ recipient.name" + doubling + " }}\n")
    assert problem.line == 3
    assert "a replace would make a text longer than 100,000 characters" in problem.reason
    as_filter = "|replace('a', 'aa')" * 40
    assert "a replace would" in refused(DEAR + "{{ recipient.name" + as_filter + " }}\n").reason


def test_text_doubled_in_a_loop_is_stopped() -> None:
    for join in ("~", "+"):
        source = DEAR + ("{% set ns = namespace(s='ab') %}\n{% for i in range(60) %}"
                         "{% set ns.s = ns.s " + join + " ns.s %}{% endfor %}\n{{ ns.s }}\n")
        assert "longer than 100,000 characters" in refused(source).reason


def test_repeating_text_a_billion_times_is_refused() -> None:
    problem = refused(DEAR + "{{ 'x' * 10**9 }}\n")
    assert "raising to a power is not allowed" in problem.reason
    problem = refused(DEAR + "{{ 'x' * 1000000000 }}\n")
    assert "repeats a text or list to more than 1,000 characters or items" in problem.reason


def test_a_number_squared_over_and_over_is_stopped() -> None:
    source = DEAR + ("{% set ns = namespace(n=7) %}{% for i in range(40) %}"
                     "{% set ns.n = ns.n * ns.n %}{% endfor %}{{ ns.n }}\n")
    assert "a number far larger than any letter shows" in refused(source).reason


def test_a_macro_calling_itself_forever_is_stopped() -> None:
    source = DEAR + "{% macro m(n) %}{{ m(n) }}{% endmacro %}\n{{ m(1) }}\n"
    problem = refused(source)
    assert "a macro calls itself (or another macro) more than 20 deep" in problem.reason
    assert problem.line == 3


def test_a_macro_calling_itself_twice_is_stopped_at_the_call_budget() -> None:
    # 2**30 calls with no loop at all, each within the depth limit.
    source = DEAR + ("{% macro m(n) %}{% if n %}{{ m(n - 1) }}{{ m(n - 1) }}{% else %}a"
                     "{% endif %}{% endmacro %}\n{{ m(18) }}\n")
    assert "calls macros or functions more than 10,000 times" in refused(source).reason


def test_a_huge_join_is_refused_before_it_is_built() -> None:
    # Each step is within the limit on repeating (a name 50 times, a list of 1,000 items).
    source = DEAR + "{{ ([recipient.name * 50] * 1000)|join(', ') }}\n"
    problem = refused(source)
    assert "a join would make a text longer than 100,000 characters" in problem.reason
    source = DEAR + "{% set big = 'x' * 1000 %}{{ ([big] * 1000)|join }}\n"
    assert "a join would" in refused(source).reason


def test_text_piled_up_inside_a_macro_is_stopped_as_it_is_written() -> None:
    chunk = "x" * 900
    source = DEAR + ("{% macro m() %}{% for a in range(200) %}{% for b in range(40) %}"
                     + chunk + "{% endfor %}{% endfor %}{% endmacro %}\n{{ m() }}\n")
    assert "writes more than 1,000,000 characters while being filled in" in \
        refused(source).reason


def test_a_letter_longer_than_the_limit_is_stopped_at_the_line_writing_it() -> None:
    chunk = "y" * 900
    source = DEAR + "A.\n\n{% for a in range(150) %}\n" + chunk + "\n{% endfor %}\nEnd.\n"
    problem = refused(source)
    assert problem.line == 6
    assert "the letter it writes is longer than 100,000 characters (about 30 pages)" in \
        problem.reason


def test_a_slow_template_is_stopped_by_the_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    ticks = itertools.count(0.0, 0.3)  # each reading of the clock is 0.3 s after the last
    monkeypatch.setattr(template_limits, "clock", lambda: next(ticks))
    with pytest.raises(TemplateProblem) as caught:
        render_markup(DEAR + "{% for c in concerns %}\n- {{ c }}\n{% endfor %}\n",
                      sample_context(LetterType.LBP))
    assert "it takes longer than 1 second to fill in" in caught.value.reason
    assert caught.value.line == 4  # inside the loop, where the clock passed 1 second


def test_a_template_too_long_to_be_a_letter_is_refused_unread() -> None:
    problem = refused(DEAR + "x" * 200_001)
    assert "the template is longer than 200,000 characters" in problem.reason


def test_brackets_nested_too_deeply_are_refused_in_words() -> None:
    problem = refused(DEAR + "{{ " + "(" * 5000 + "1" + ")" * 5000 + " }}\n")
    assert "nests brackets or blocks too deeply" in problem.reason


def test_recursive_loops_are_refused() -> None:
    source = DEAR + "{% for c in children recursive %}{{ loop(c.name) }}{% endfor %}\n"
    assert refused(source).reason == "a letter template cannot use recursive loops"


def test_a_problem_travels_back_from_a_worker_process_intact() -> None:
    import pickle

    problem = TemplateProblem(7, "its loops go round too often")
    again = pickle.loads(pickle.dumps(problem))
    assert (again.line, again.reason, again.message) == (
        7, "its loops go round too often", "Line 7 of the template: its loops go round too often")


@pytest.mark.parametrize("letter_type", list(LetterType))
def test_every_shipped_template_fills_in_well_within_the_limits(letter_type: LetterType) -> None:
    source = default_template(letter_type)
    validate_template(source, letter_type)
    big = render_markup(source, large_family_context(letter_type))
    assert len(big) < template_limits.MAX_LETTER_CHARS // 5
    assert render_blocks(source, large_family_context(letter_type))


def test_the_large_family_has_nine_children() -> None:
    ctx = large_family_context(LetterType.LBP)
    assert len(ctx.children) == 9
    assert len(ctx.concerns) == 3 * len(sample_context(LetterType.LBP).concerns)

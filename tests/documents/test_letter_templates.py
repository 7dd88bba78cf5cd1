"""Letter templates: problems found with their line, the sandbox holds, the markup reads."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, time
from pathlib import Path

import pytest

from plo_tracker.documents.letter_data import sample_context
from plo_tracker.documents.templates import (
    Block,
    Span,
    TemplateProblem,
    inline_spans,
    join_names,
    long_date,
    parse_markup,
    render_markup,
    time_of_day,
    validate_template,
)
from plo_tracker.domain.letter_types import LetterType

GOOD = "Dear {{ recipient.name }}\n\n# About {{ child_names }}\n\nText.\n"


def problem(source: str, letter_type: LetterType | None = None) -> TemplateProblem:
    with pytest.raises(TemplateProblem) as caught:
        validate_template(source, letter_type)
    return caught.value


def test_good_template_passes() -> None:
    validate_template(GOOD, LetterType.LBP)


def test_syntax_error_is_refused_with_its_line() -> None:
    source = "Dear {{ recipient.name }}\n\n{% for c in concerns %}\n- {{ c }\n{% endfor %}\n"
    found = problem(source)
    assert found.line == 4
    assert "not written correctly" in found.reason


def test_unclosed_block_is_refused() -> None:
    found = problem("Dear {{ recipient.name }}\n{% if meeting %}\nSee you.\n")
    assert found.line >= 2
    assert "not written correctly" in found.reason


def test_undefined_name_is_refused_with_its_line() -> None:
    found = problem("Dear {{ recipient.name }}\n\nline three\n{{ social_worker_nmae }}\n")
    assert found.line == 4
    assert "'social_worker_nmae'" in found.reason
    assert "not one of the letter's details" in found.reason


def test_misspelt_detail_is_refused_with_its_line() -> None:
    found = problem("\n\nDear {{ recipient.nmae }}\n")
    assert found.line == 3
    assert "'nmae'" in found.reason and "Recipient" in found.reason


def test_problem_message_is_plain_english() -> None:
    found = problem("{{ nothing_here }}")
    assert found.message.startswith("Line 1 of the template: it uses 'nothing_here'")


@pytest.mark.parametrize(
    ("source", "line"),
    [
        ("Hello\n{{ ''.__class__.__mro__ }}", 2),
        ("Hello\n\n{{ recipient.__class__.__init__.__globals__ }}", 3),
        ("{{ recipient['__dict__'] }}", 1),
        ("x\n{{ cycler.__init__.__globals__.os }}", 2),
        ("{% for c in ''.__class__.__subclasses__() %}{% endfor %}", 1),
    ],
)
def test_reaching_for_python_internals_is_refused(source: str, line: int) -> None:
    found = problem(source)
    assert found.line == line
    assert "not allowed" in found.reason


def test_underscore_attribute_reached_through_a_filter_is_refused() -> None:
    found = problem("Dear\n{{ recipient.name|attr('__class__') }}")
    assert found.line == 2
    assert "not allowed" in found.reason


def test_methods_outside_the_allow_list_are_refused() -> None:
    found = problem("{{ recipient.name.format(recipient) }}")
    assert "not allowed" in found.reason
    found = problem("{{ recipient.name.encode('utf-8') }}")
    assert "not allowed" in found.reason


def test_the_logo_path_cannot_be_used_to_read_files(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    logo.write_bytes(b"not really a picture")
    ctx = sample_context(LetterType.LBP)
    ctx = replace(ctx, letterhead=replace(ctx.letterhead, logo_path=logo))
    with pytest.raises(TemplateProblem) as caught:
        render_markup("{{ letterhead.logo_path.read_text() }}", ctx)
    assert "not allowed" in caught.value.reason


def test_other_template_files_cannot_be_included() -> None:
    found = problem("Dear\n{% include 'lbp.md.j2' %}")
    assert found.line == 2
    assert "other template files" in found.reason


def test_huge_loops_and_strings_are_refused() -> None:
    assert "at most" in problem("{% for i in range(100000) %}x{% endfor %}").reason
    assert "more than 1,000" in problem("{{ 'x' * 100000 }}").reason
    assert "not allowed" in problem("{{ 9 ** 9 }}").reason


def test_placeholder_text_generator_is_not_available() -> None:
    assert "'lipsum'" in problem("{{ lipsum() }}").reason


def test_optional_detail_shown_without_a_check_is_refused_for_the_letter_type() -> None:
    source = "Dear {{ recipient.name }}\n\nManager: {{ team_manager_name }}\n"
    validate_template(source)  # every detail is given in the full sample
    found = problem(source, LetterType.LBP)
    assert found.line == 3
    assert "{% if" in found.reason


def test_raw_dates_and_whole_records_are_refused() -> None:
    assert "long_date" in problem("{{ letter_date }}").reason
    assert "whole record" in problem("{{ recipient }}").reason
    assert "yes/no" in problem("{{ fgdm_offered }}").reason


def test_template_that_writes_nothing_is_refused() -> None:
    assert "blank" in problem("{# nothing #}\n{% if false %}text{% endif %}\n").reason


def test_unknown_instruction_is_refused_with_its_line() -> None:
    found = problem("Dear\n\n%signature Kelly\n")
    assert found.line == 3
    assert "%sign" in found.reason


def test_filters_write_dates_and_times_for_people() -> None:
    assert long_date(datetime(2026, 3, 3, 9, 0)) == "Tuesday 3 March 2026"
    # Stored times are UTC; letters show UK time (British Summer Time here).
    assert time_of_day(datetime(2026, 6, 2, 9, 30, tzinfo=UTC)) == "10:30am"
    assert long_date(datetime(2026, 6, 30, 23, 30, tzinfo=UTC)) == "Wednesday 1 July 2026"
    assert time_of_day(time(10, 30)) == "10:30am"
    assert time_of_day(time(14, 0)) == "2pm"
    assert time_of_day(time(12, 0)) == "midday"
    assert time_of_day(time(12, 15)) == "12:15pm"
    assert join_names(["Ava"]) == "Ava"
    assert join_names(["Ava", "Leo", "Sam"]) == "Ava, Leo and Sam"


def test_markup_reads_into_blocks() -> None:
    markup = (
        "Dear Kelly\n\n# Heading\n## Smaller\nFirst line\nsame paragraph\n\n"
        "- point **bold** end\n+ new line\n2. numbered\n! notice\n%sign Kelly Marsh\n"
        "%pagebreak\n\\# not a heading \\*\\* plain\n"
    )
    blocks = parse_markup(markup)
    assert [b.kind for b in blocks] == [
        "paragraph", "heading", "subheading", "paragraph", "bullet", "numbered", "notice",
        "sign", "pagebreak", "paragraph",
    ]
    assert blocks[3].text == "First line same paragraph"
    assert blocks[4].spans == (Span("point "), Span("bold", True), Span(" end\nnew line"))
    assert blocks[5] == Block("numbered", (Span("numbered"),), "2")
    assert blocks[7].text == "Kelly Marsh"
    assert blocks[9].text == "# not a heading ** plain"


def test_unclosed_bold_marker_is_printed_as_it_is() -> None:
    assert inline_spans("a **b") == (Span("a **b"),)


def test_case_details_are_escaped_so_they_stay_plain_text() -> None:
    ctx = replace(sample_context(LetterType.STEP_DOWN), step_down_plan="**plan**\n# x\n- y")
    blocks = parse_markup(render_markup("{{ step_down_plan }}\n", ctx))
    assert [b.kind for b in blocks] == ["paragraph"]
    assert blocks[0].spans == (Span("**plan** # x - y"),)

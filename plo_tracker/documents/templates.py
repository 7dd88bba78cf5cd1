"""Letter templates: a locked-down Jinja2 sandbox that writes a small letter markup.

A template is Jinja2 text whose output is this line-oriented markup, which
``letter_pdf`` lays out. Each line is read on its own:

    # Heading                 a heading
    ## Smaller heading        a subheading
    - text                    a bullet point
    3. text                   a numbered point (the number is printed as written)
    ! text                    an important notice, printed bold in a box; several
                              ``!`` lines in a row share one box
    + text                    a new line within the paragraph, point or notice above
    %sign Kelly Marsh         a space to sign and date, labelled with the name
    %pagebreak                start a new page
    any other text            an ordinary paragraph
    (blank line)              ends the paragraph, point or notice before it

Text on the lines after a paragraph, point or notice continues it until a
blank line, so a paragraph after a list needs a blank line before it.
Within a line, ``**bold**`` is printed bold, and a backslash makes the next
character plain: ``\\*`` prints an asterisk and ``\\\\`` a backslash.

Case details shown with ``{{ ... }}`` are always plain text: their markup
characters are escaped, so a detail can never become a heading or a directive.
A shown detail must be text or a number: an empty detail, a placeholder such
as "TBC", a raw date or a whole record is refused, so a letter never has a gap.
Dates are shown with ``long_date`` ("Tuesday 3 March 2026") and times with
``time`` ("10:30am"); ``join_names`` writes "Ava, Leo and Baby Marsh".

Templates run in an immutable sandbox with an allow-list of what they may read,
so a template can show letter details but can never run code, read files or
change anything.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, fields, is_dataclass, replace
from datetime import date, datetime, time
from functools import lru_cache
from types import FunctionType
from typing import Any

from jinja2 import (
    StrictUndefined,
    TemplateSyntaxError,
    UndefinedError,
    nodes,
    pass_environment,
    pass_eval_context,
)
from jinja2.runtime import Context, LoopContext, Macro, Undefined
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from jinja2.utils import Cycler, Joiner, Namespace

from plo_tracker.documents import letter_data
from plo_tracker.documents import template_limits as limits
from plo_tracker.documents.letter_checks import looks_blank
from plo_tracker.documents.letter_data import LetterContext, sample_context
from plo_tracker.documents.resources import resource_path
from plo_tracker.domain import date_text
from plo_tracker.domain.clock import UK
from plo_tracker.domain.errors import DomainError
from plo_tracker.domain.letter_types import LetterType

DIRECTIVES = ("sign", "pagebreak")


class TemplateProblem(DomainError):
    """A letter template cannot be used; ``line`` says where and ``reason`` why."""

    def __init__(self, line: int, reason: str) -> None:
        self.line = line
        self.reason = reason
        super().__init__(f"Line {line} of the template: {reason}", field="template")

    def __reduce__(self) -> tuple[type, tuple[int, str]]:
        # Letters in a batch are made in worker processes, which hand problems back pickled.
        return TemplateProblem, (self.line, self.reason)


# --- filters -----------------------------------------------------------------


def _local(moment: datetime) -> datetime:
    """Return a time as the reader's clock shows it: stored times are UTC."""
    return moment.astimezone(UK) if moment.tzinfo is not None else moment


def long_date(day: date) -> str:
    """Write a date (or the date of a time) in words, e.g. "Tuesday 3 March 2026"."""
    if isinstance(day, datetime):
        day = _local(day).date()
    return date_text.long_date(day)


def time_of_day(moment: datetime | time) -> str:
    """Write a clock time as letters do, e.g. "10:30am", "2pm", "midday"."""
    if isinstance(moment, datetime):
        moment = _local(moment).time()
    if moment.minute == 0 and moment.hour in (0, 12):
        return "midnight" if moment.hour == 0 else "midday"
    hour = moment.hour % 12 or 12
    minutes = f":{moment.minute:02d}" if moment.minute else ""
    return f"{hour}{minutes}{'am' if moment.hour < 12 else 'pm'}"


def join_names(names: Iterable[Any]) -> str:
    """Join names in plain English: "Ava", "Ava and Leo", "Ava, Leo and Sam"."""
    items = [name if isinstance(name, str) else getattr(name, "name", str(name))
             for name in names]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


# --- what a template may read ------------------------------------------------

# The letter dataclasses may be read field by field. The logo path is left out:
# a path object has methods that read files.
_LETTER_CLASSES = tuple(
    value for value in vars(letter_data).values()
    if isinstance(value, type) and is_dataclass(value)
)
_HIDDEN_FIELDS = frozenset({"logo_path"})
_LETTER_ATTRIBUTES = {
    cls: frozenset(f.name for f in fields(cls)) - _HIDDEN_FIELDS for cls in _LETTER_CLASSES
}
_LETTER_ATTRIBUTES[letter_data.Child] |= {"is_unborn"}
_LETTER_ATTRIBUTES[letter_data.Recipient] |= {"interpreter"}

_TEXT_ATTRIBUTES = frozenset({
    "upper", "lower", "title", "capitalize", "strip", "lstrip", "rstrip", "startswith",
    "endswith", "replace", "split", "splitlines", "count",
})
_DATE_ATTRIBUTES = frozenset({"year", "month", "day", "weekday", "isoweekday"})
_TIME_ATTRIBUTES = frozenset({"hour", "minute"})
_PLAIN_ATTRIBUTES: dict[type, frozenset[str]] = {
    str: _TEXT_ATTRIBUTES,
    datetime: _DATE_ATTRIBUTES | _TIME_ATTRIBUTES | {"date"},
    date: _DATE_ATTRIBUTES,
    time: _TIME_ATTRIBUTES,
    tuple: frozenset({"count", "index"}),
    list: frozenset({"count", "index"}),
}
# Jinja's own helpers (loop.index, namespace(), cycler()) keep the sandbox's rules.
_JINJA_TYPES = (LoopContext, Namespace, Cycler, Joiner, Macro, Undefined)

def _guarded_filters(filters: dict[str, Any]) -> dict[str, Any]:
    """Jinja's filters that can build something huge in one step, checked first."""
    center, indent, replace = filters["center"], filters["indent"], filters["replace"]
    join, format_, batch = filters["join"], filters["format"], filters["batch"]
    slice_, sum_ = filters["slice"], filters["sum"]

    def checked_center(value: Any, width: int = 80) -> str:
        limits.check_width("centring", width)
        return center(value, width)

    def checked_indent(s: Any, width: Any = 4, first: bool = False,
                       blank: bool = False) -> str:
        per_line = len(width) if isinstance(width, str) else width
        if isinstance(per_line, int):
            text = str(s)
            limits.check_width("indenting", len(text) + per_line * (text.count("\n") + 1))
        return indent(s, width, first, blank)

    @pass_eval_context
    def checked_replace(eval_ctx: Any, s: Any, old: Any, new: Any, count: Any = None) -> str:
        limits.check_replace(str(s), old, new, count)
        return replace(eval_ctx, s, old, new, count)

    @pass_eval_context
    def checked_join(eval_ctx: Any, value: Any, d: str = "", attribute: Any = None) -> str:
        items = list(value)
        limits.check_join(items, d)
        return join(eval_ctx, items, d, attribute)

    def checked_format(value: Any, *args: Any, **kwargs: Any) -> str:
        limits.check_format(value)
        return limits.checked_size(format_(value, *args, **kwargs))

    def checked_batch(value: Any, linecount: int, fill_with: Any = None) -> Any:
        limits.check_width("a batch", linecount)
        return batch(value, linecount, fill_with)

    def checked_slice(value: Any, slices: int, fill_with: Any = None) -> Any:
        limits.check_width("a slice", slices)
        return slice_(value, slices, fill_with)

    @pass_environment
    def checked_sum(environment: Any, iterable: Any, attribute: Any = None,
                    start: Any = 0) -> Any:
        if not isinstance(start, int | float):
            raise limits.TemplateLimitExceeded("sum adds up numbers only")
        return sum_(environment, iterable, attribute, start)

    return {"center": checked_center, "indent": checked_indent, "replace": checked_replace,
            "join": checked_join, "format": checked_format, "batch": checked_batch,
            "slice": checked_slice, "sum": checked_sum}


class _LetterSandbox(ImmutableSandboxedEnvironment):
    """The sandbox with an allow-list: letter details, plain values, Jinja helpers."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if not super().is_safe_attribute(obj, attr, value):
            return False
        if isinstance(obj, LetterType):
            return attr in {"code", "title"}
        kind = type(obj)
        if kind in _LETTER_ATTRIBUTES:
            return attr in _LETTER_ATTRIBUTES[kind]
        if kind in _PLAIN_ATTRIBUTES:
            return attr in _PLAIN_ATTRIBUTES[kind]
        return isinstance(obj, _JINJA_TYPES)

    def wrap_str_format(self, value: Any) -> None:
        # Jinja would hand out a sandboxed str.format here before asking
        # is_safe_attribute; returning None leaves the decision to the allow-list.
        return None

    def call_binop(self, context: Context, op: str, left: Any, right: Any) -> Any:
        if op == "**":
            raise SecurityError("raising to a power is not allowed in letter templates")
        limits.check_binop(op, left, right)
        return self.binop_table[op](left, right)

    def call(__self, __context: Context, __obj: Any, *args: Any,  # noqa: N805
             **kwargs: Any) -> Any:
        # The counters the guard added are not counted (only plain functions are hashed).
        if isinstance(__obj, FunctionType) and __obj in limits.GUARD_FUNCTIONS:
            return __obj(*args)
        is_macro = isinstance(__obj, Macro)
        limits.counted_call(is_macro)
        if getattr(__obj, "__name__", "") == "replace" and isinstance(
                getattr(__obj, "__self__", None), str):
            limits.check_replace(__obj.__self__, *args, **kwargs)
        if is_macro:
            with limits.inside_macro():
                result = super().call(__context, __obj, *args, **kwargs)
        else:
            result = super().call(__context, __obj, *args, **kwargs)
        return limits.checked_size(result)


class _RefusedOutput(Exception):
    """A template tried to show something a letter must never show."""


# Markup characters in case details are escaped so a detail stays plain text.
_ESCAPE = re.compile(r"([\\*#!%.+\-])")


def _finalize(value: Any) -> Any:
    """Check and escape each value a template shows with ``{{ ... }}``."""
    if isinstance(value, Undefined):
        return value  # StrictUndefined raises a clear error when it is shown
    if isinstance(value, bool):
        raise _RefusedOutput("it shows a yes/no value directly; use {% if ... %} instead")
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        if looks_blank(value):
            raise _RefusedOutput(
                "it shows a detail that is empty or a placeholder for this case; put it "
                "inside {% if ... %} so the letter never has a gap"
            )
        return _ESCAPE.sub(r"\\\1", value)
    if isinstance(value, date | datetime | time):
        raise _RefusedOutput(
            "it shows a date or time without wording it; use the long_date or time filter"
        )
    if value is None:
        raise _RefusedOutput(
            "it shows a detail that is missing for this case; put it inside {% if ... %}"
        )
    raise _RefusedOutput(
        "it shows a whole record or list; show one of its details instead, "
        "for example recipient.name"
    )


def _environment() -> _LetterSandbox:
    env = _LetterSandbox(
        undefined=StrictUndefined,
        autoescape=False,  # the output is letter markup, escaped for the PDF later
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    # lipsum writes placeholder Latin, which must never reach a letter.
    env.globals.pop("lipsum", None)
    env.globals["range"] = limits.small_range
    env.filters.update(_guarded_filters(env.filters))
    env.filters.update(long_date=long_date, time=time_of_day, join_names=join_names)
    return env


_ENV = _environment()


# --- turning errors into a line and a reason ---------------------------------


def _template_line(error: BaseException) -> int:
    """Return the template line that raised ``error``: the last template frame."""
    line = 0
    tb = error.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _undefined_reason(message: str) -> str:
    name = re.match(r"'(.+)' is undefined$", message)
    if name:
        return f"it uses '{name.group(1)}', which is not one of the letter's details"
    missing = re.match(r"'(.+?)(?: object)?' has no attribute '(.+)'$", message)
    if missing:
        owner = missing.group(1).rsplit(".", 1)[-1]
        return f"it asks for '{missing.group(2)}', which {owner} does not have"
    return f"it uses a detail that does not exist ({message})"


def _problem_from(error: Exception) -> TemplateProblem:
    """Translate an error raised while rendering into a plain-English problem."""
    line = _template_line(error)
    if isinstance(error, limits.TemplateLimitExceeded):
        reason = f"{error}, which is more than a letter template may do"
    elif isinstance(error, SecurityError):
        reason = (
            "templates may only show the letter's details, and this is not allowed "
            f"({error})"
        )
    elif isinstance(error, UndefinedError):
        reason = _undefined_reason(str(error))
    elif isinstance(error, _RefusedOutput):
        reason = str(error)
    elif isinstance(error, RecursionError):
        reason = "it calls a macro inside itself too deeply to be filled in"
    else:
        reason = f"it cannot be filled in ({type(error).__name__}: {error})"
    return TemplateProblem(line, reason)


# --- compiling and rendering --------------------------------------------------


def _check_tree(tree: nodes.Template) -> None:
    """Refuse, before running anything, what no letter template needs."""
    for node in tree.find_all((nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport)):
        raise TemplateProblem(node.lineno, "a letter template cannot use other template files")
    for loop in tree.find_all(nodes.For):
        if loop.recursive:
            raise TemplateProblem(loop.lineno, "a letter template cannot use recursive loops")
    for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
        name = node.attr if isinstance(node, nodes.Getattr) else getattr(node.arg, "value", "")
        if isinstance(name, str) and name.startswith("_"):
            raise TemplateProblem(
                node.lineno,
                f"templates may only show the letter's details, and '{name}' is not allowed",
            )


def _check_directives(source: str) -> None:
    """Refuse a ``%`` line that is not a directive the letter layout knows."""
    for number, line in enumerate(source.splitlines(), start=1):
        match = re.match(r"%(\w*)", line.lstrip())
        if match and match.group(1) not in DIRECTIVES:
            known = ", ".join(f"%{name}" for name in DIRECTIVES)
            raise TemplateProblem(
                number, f"'%{match.group(1)}' is not a letter instruction; use one of {known}"
            )


@lru_cache(maxsize=32)
def _compile(source: str) -> Any:
    """Parse, check and compile a template once; batches reuse the result.

    The compiled template counts its loops, calls and writing (``template_limits``).
    """
    if len(source) > limits.MAX_TEMPLATE_CHARS:
        raise TemplateProblem(1, f"the template is longer than "
                                 f"{limits.MAX_TEMPLATE_CHARS:,} characters")
    try:
        tree = _ENV.parse(source)
    except TemplateSyntaxError as error:
        raise TemplateProblem(error.lineno, f"the template is not written correctly: "
                                            f"{error.message}") from None
    except RecursionError:
        raise TemplateProblem(1, "the template nests brackets or blocks too deeply to be "
                                 "read") from None
    _check_tree(tree)
    _check_directives(source)
    try:
        return _ENV.from_string(limits.guard_tree(tree))
    except RecursionError:
        raise TemplateProblem(1, "the template nests brackets or blocks too deeply to be "
                                 "read") from None


def template_variables(ctx: LetterContext) -> dict[str, Any]:
    """Return the names a template can use: every LetterContext field, plus helpers.

    The helpers are ``council`` (the council's name), ``child_names`` ("Ava and
    Leo"), ``born_children``, ``unborn_children`` and ``baby`` (the first unborn
    child, or None).
    """
    variables: dict[str, Any] = {f.name: getattr(ctx, f.name) for f in fields(ctx)}
    unborn = tuple(child for child in ctx.children if child.is_unborn)
    variables.update(
        council=ctx.letterhead.council_name,
        child_names=join_names(child.name for child in ctx.children),
        born_children=tuple(child for child in ctx.children if not child.is_unborn),
        unborn_children=unborn,
        baby=unborn[0] if unborn else None,
    )
    return variables


def render_markup(source: str, ctx: LetterContext) -> str:
    """Fill in a template with a letter's details.

    Args:
        source: the template text.
        ctx: the letter's details.

    Returns:
        The letter body in the markup described at the top of this module.

    Raises:
        TemplateProblem: with the template line, when the template is broken,
            uses a detail that does not exist, tries something not allowed,
            would show an empty detail, or goes past a limit on time, loops,
            calls or length (``template_limits``).
    """
    template = _compile(source)
    written: list[str] = []
    size = 0
    with limits.rendering():
        # Streamed, so a letter growing past its limit is stopped as it passes it.
        stream = template.generate(template_variables(ctx))
        try:
            for chunk in stream:
                size += len(chunk)
                if size > limits.MAX_LETTER_CHARS:
                    line = limits.yield_line(template, stream)
                    stream.close()
                    raise TemplateProblem(line, (
                        f"the letter it writes is longer than {limits.MAX_LETTER_CHARS:,} "
                        "characters (about 30 pages), which is more than a letter "
                        "template may do"))
                written.append(chunk)
        except TemplateProblem:
            raise
        except Exception as error:  # any failure inside a template is the template's fault
            raise _problem_from(error) from None
    return "".join(written)


def validate_template(source: str, letter_type: LetterType | None = None) -> None:
    """Check a template before it is saved or used.

    The template is parsed, checked for anything not allowed, and filled in with
    a fictional family whose every detail is given. With ``letter_type`` it is
    also filled in with a family that has only what that letter type requires,
    so a template that shows an optional detail without ``{% if %}`` is caught.

    Args:
        source: the template text.
        letter_type: the letter the template is for, when known.

    Raises:
        TemplateProblem: naming the line and the reason, in plain English.
    """
    kind = letter_type or LetterType.LBP
    samples = [sample_context(kind, complete=True), large_family_context(kind)]
    if letter_type is not None:
        samples.append(sample_context(letter_type, complete=False))
    for ctx in samples:
        render_blocks(source, ctx)


def large_family_context(letter_type: LetterType) -> LetterContext:
    """A fictional family at the large end of real ones, to check that a template copes.

    Nine children, and every list (concerns, support, expectations, assessments,
    solicitors) three times as long as the usual sample: a template whose loops or
    writing grow too fast with the family is refused when it is saved, not when a large
    family's letter is made.
    """
    ctx = sample_context(letter_type, complete=True)
    names = ("Ava", "Leo", "Mia", "Noah", "Isla", "Jack", "Ruby", "Alfie", "Lily")
    children = tuple(replace(ctx.children[-1], name=f"{name} Marsh") for name in names)
    if letter_type is LetterType.LBP_UNBORN:
        children = (ctx.children[0], *children[:-1])
    return replace(
        ctx, children=children, concerns=ctx.concerns * 3, support_given=ctx.support_given * 3,
        expectations=ctx.expectations * 3, assessments=ctx.assessments * 3,
        solicitors=ctx.solicitors * 3,
    )


def render_blocks(source: str, ctx: LetterContext) -> list[Block]:
    """Fill in a template and read the result into blocks ready for layout.

    Raises:
        TemplateProblem: as ``render_markup`` does, and when the template
            writes nothing at all, which would make a blank letter.
    """
    blocks = parse_markup(render_markup(source, ctx))
    if not blocks:
        raise TemplateProblem(1, "the template writes nothing, so the letter would be blank")
    return blocks


# --- default templates ---------------------------------------------------------


@lru_cache(maxsize=len(LetterType))
def default_template(letter_type: LetterType) -> str:
    """Return the text of the default template shipped for ``letter_type``."""
    return resource_path("letters", letter_type.template_file).read_text(encoding="utf-8")


# --- reading the markup ---------------------------------------------------------


@dataclass(frozen=True)
class Span:
    """A run of text, bold or not."""

    text: str
    bold: bool = False


@dataclass(frozen=True)
class Block:
    """One piece of a letter body, as the markup describes it.

    ``kind`` is one of heading, subheading, paragraph, bullet, numbered,
    notice, sign or pagebreak. ``label`` holds the number of a numbered point.
    """

    kind: str
    spans: tuple[Span, ...] = ()
    label: str = ""

    @property
    def text(self) -> str:
        """The block's words without formatting; a "+" line break is a newline."""
        return "".join(span.text for span in self.spans)


_LINE_KINDS = (
    (re.compile(r"## (.*)$"), "subheading"),
    (re.compile(r"# (.*)$"), "heading"),
    (re.compile(r"- (.*)$"), "bullet"),
    (re.compile(r"! (.*)$"), "notice"),
    (re.compile(r"(\d{1,3})\. (.*)$"), "numbered"),
)
_CONTINUED = frozenset({"paragraph", "bullet", "numbered", "notice"})


_INLINE = re.compile(r"\\(.)|(\*\*)|([^\\*]+|\*|\\$)", re.DOTALL)


def inline_spans(text: str) -> tuple[Span, ...]:
    """Split one block's text into plain and bold runs, removing escapes."""
    tokens = _INLINE.findall(text)
    # A ** marker left unclosed is printed as it is, rather than making the
    # rest of the block bold.
    markers = sum(1 for _, marker, _ in tokens if marker)
    usable = markers - markers % 2
    spans: list[Span] = []
    current: list[str] = []
    bold = False
    for escaped, marker, plain in tokens:
        if marker and usable:
            usable -= 1
            if current:
                spans.append(Span("".join(current), bold))
                current = []
            bold = not bold
        else:
            current.append(escaped or marker or plain)
    if current:
        spans.append(Span("".join(current), bold))
    return tuple(spans)


def parse_markup(markup: str) -> list[Block]:
    """Read letter markup into blocks for layout.

    Raises:
        TemplateProblem: for a ``%`` instruction that does not exist (the line
            number is the line of the filled-in letter).
    """
    blocks: list[Block] = []
    kind = ""
    label = ""
    lines: list[str] = []

    def finish() -> None:
        nonlocal kind, lines
        if kind:
            # A "+" line was stored starting with a newline: no space before it.
            text = "".join(
                line if index == 0 or line.startswith("\n") else " " + line
                for index, line in enumerate(lines)
            )
            blocks.append(Block(kind, inline_spans(text), label))
        kind, lines = "", []

    for number, raw in enumerate(markup.splitlines(), start=1):
        # Indentation is ignored so template authors may indent inside loops.
        line = raw.strip()
        if not line:
            finish()
            continue
        if line.startswith("%"):
            finish()
            name, _, rest = line[1:].partition(" ")
            if name == "pagebreak":
                blocks.append(Block("pagebreak"))
            elif name == "sign" and rest.strip():
                blocks.append(Block("sign", inline_spans(rest.strip())))
            else:
                reason = (
                    "%sign needs the name of the person who signs"
                    if name == "sign"
                    else f"'%{name}' is not a letter instruction"
                )
                raise TemplateProblem(number, reason)
            continue
        if line.startswith("+ ") and kind in _CONTINUED:
            lines.append("\n" + line[2:].strip())
            continue
        for pattern, line_kind in _LINE_KINDS:
            match = pattern.match(line)
            if match:
                finish()
                kind = line_kind
                label = match.group(1) if line_kind == "numbered" else ""
                lines = [match.group(match.lastindex or 1).strip()]
                if line_kind in ("heading", "subheading"):
                    finish()
                break
        else:
            if kind in _CONTINUED:
                lines.append(line)
            else:
                finish()
                kind, label, lines = "paragraph", "", [line]
    finish()
    return blocks

"""Limits on what filling in one letter template may cost: time, loops, calls and size.

A stored template is text an administrator typed, so the sandbox alone (which stops
it reading files or running code) is not enough: nested loops, ``center(1000000000)``
or a ``replace`` that doubles the text each time would hang the app or eat its memory,
for every later letter. The limits hold inside the process, so letters stay fast:

- every ``{% for %}`` loop turns through ``loop_turn`` (counted, and the clock read);
- every call (a macro, ``range()``, a text method) is counted by the sandbox;
- every piece of text written, anywhere (inside macros and ``{% set %}`` blocks
  too), is counted before it can pile up;
- each step that can make text or a list much bigger in one go (repeating,
  centring, indenting, replacing, joining, formatting, batching) is checked
  *before* it runs, from its arguments.

``guard_tree`` rewrites a parsed template to call the counting functions here;
``rendering()`` gives one letter its own budget while it is filled in.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from jinja2 import nodes
from jinja2.sandbox import SecurityError
from jinja2.visitor import NodeTransformer

# --- the limits, all in one place ----------------------------------------------------
# The shipped templates, for a family of nine children, fill in to at most about 10,400
# characters (the letter before proceedings for an unborn baby), with under
# 50 turns of their loops, two calls, and in under 2 milliseconds. Each limit below is at
# least ten times what a long letter to a large family needs, and small enough that a
# template reaching it costs well under a second and a few megabytes before it is stopped.

# The finished letter: 100,000 characters is about 30 pages.
MAX_LETTER_CHARS = 100_000
# Everything written while filling in, counted where it is written (macros and
# {% set %} blocks included, so text kept aside cannot pile up unseen).
MAX_WRITTEN_CHARS = 1_000_000
# Any one piece of text a template builds (a centred, indented, replaced or joined text).
MAX_TEXT_CHARS = MAX_LETTER_CHARS
# Turns of all the template's loops together, in one letter.
MAX_LOOP_TURNS = 10_000
# Calls of macros, range() and text methods, in one letter.
MAX_CALLS = 10_000
# A macro calling itself (or another that calls it back): letters need no recursion.
MAX_MACRO_DEPTH = 20
# Wall time to fill in one letter: 500 times what the longest shipped letter takes.
MAX_SECONDS = 1.0
# The template's own text: the longest shipped template is about 6,500 characters.
MAX_TEMPLATE_CHARS = 200_000
# The longest text or list built with "*", and the longest range() a loop may use.
MAX_REPEAT = 1000
MAX_RANGE = 200
# Whole numbers: 128 bits is more than any count or date sum a letter shows.
MAX_NUMBER_BITS = 128

# Read through the module so a test can give a clock that jumps.
clock = time.perf_counter


class TemplateLimitExceeded(SecurityError):
    """Filling in a template went past one of the limits; the message says which."""


def _number(value: int) -> str:
    return f"{value:,}"


# --- one letter's budget ---------------------------------------------------------------


@dataclass
class RenderBudget:
    """What one letter has used so far."""

    started: float = field(default_factory=lambda: clock())
    loop_turns: int = 0
    calls: int = 0
    written: int = 0
    macro_depth: int = 0

    def check_time(self) -> None:
        if clock() - self.started > MAX_SECONDS:
            raise TemplateLimitExceeded(
                f"it takes longer than {MAX_SECONDS:g} second to fill in (a letter takes "
                "a few thousandths of that); look for loops inside loops"
            )


_BUDGET: ContextVar[RenderBudget] = ContextVar("letter_template_budget")


@contextmanager
def rendering() -> Iterator[RenderBudget]:
    """Give the letter filled in inside this block a budget of its own."""
    token = _BUDGET.set(RenderBudget())
    try:
        yield _BUDGET.get()
    finally:
        _BUDGET.reset(token)


def _budget() -> RenderBudget:
    # Raises LookupError outside rendering(): a template is never run without limits.
    return _BUDGET.get()


# --- counting, called from the rewritten template ----------------------------------------


def loop_turn(iterable: Iterable[Any]) -> Iterator[Any]:
    """Every {% for %} loop goes round through this: turns counted, clock read."""
    budget = _budget()
    for item in iterable:
        budget.loop_turns += 1
        if budget.loop_turns > MAX_LOOP_TURNS:
            raise TemplateLimitExceeded(
                f"its loops go round more than {_number(MAX_LOOP_TURNS)} times in all; "
                "look for loops inside loops"
            )
        budget.check_time()
        yield item


def _add_written(size: int) -> None:
    budget = _budget()
    budget.written += size
    if budget.written > MAX_WRITTEN_CHARS:
        raise TemplateLimitExceeded(
            f"it writes more than {_number(MAX_WRITTEN_CHARS)} characters while being "
            "filled in (a letter is rarely 10,000); look for text written inside loops "
            "or macros"
        )
    budget.check_time()


def shown(value: Any) -> Any:
    """Count a value shown with {{ ... }}; it is returned unchanged."""
    if isinstance(value, str):
        _add_written(len(value))
    return value


def literal(size: int) -> None:
    """Count the template's own text written at this point."""
    _add_written(size)


def joined(value: Any) -> Any:
    """Check text joined with ``~``: joining in a loop could double it each time."""
    return checked_size(value)


def counted_call(is_macro: bool) -> None:
    """Count one call; called by the sandbox before it calls anything."""
    budget = _budget()
    budget.calls += 1
    if budget.calls > MAX_CALLS:
        raise TemplateLimitExceeded(
            f"it calls macros or functions more than {_number(MAX_CALLS)} times; look for "
            "a macro that calls itself, or calls inside loops"
        )
    if is_macro and budget.macro_depth >= MAX_MACRO_DEPTH:
        raise TemplateLimitExceeded(
            f"a macro calls itself (or another macro) more than {MAX_MACRO_DEPTH} deep"
        )
    budget.check_time()


@contextmanager
def inside_macro() -> Iterator[None]:
    budget = _budget()
    budget.macro_depth += 1
    try:
        yield
    finally:
        budget.macro_depth -= 1


GUARD_FUNCTIONS = frozenset({loop_turn, shown, literal, joined})


# --- sizes worked out before a step runs ----------------------------------------------


def _too_long(what: str) -> TemplateLimitExceeded:
    return TemplateLimitExceeded(
        f"{what} would make a text longer than {_number(MAX_TEXT_CHARS)} characters"
    )


def checked_size(value: Any) -> Any:
    """Refuse a text or list longer than any letter needs; return it unchanged."""
    if isinstance(value, str | list | tuple) and len(value) > MAX_TEXT_CHARS:
        raise _too_long("it builds a text or list that")
    return value


def check_width(what: str, width: Any) -> None:
    """A width (center, indent) or count given to a filter must be a sensible size."""
    if isinstance(width, int | float) and width > MAX_TEXT_CHARS:
        raise _too_long(f"{what} with {width:,.0f}")


def check_replace(text: Any, old: Any, new: Any, count: Any = None) -> None:
    """Work out how long ``text.replace(old, new)`` would be before doing it."""
    if not (isinstance(text, str) and isinstance(old, str) and isinstance(new, str)):
        return
    found = text.count(old) if old else len(text) + 1
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    if len(text) + found * (len(new) - len(old)) > MAX_TEXT_CHARS:
        raise _too_long("a replace")


def check_join(items: list[Any], separator: Any) -> None:
    size = sum(len(item) if isinstance(item, str) else 20 for item in items)
    size += len(str(separator)) * max(len(items) - 1, 0)
    if size > MAX_TEXT_CHARS:
        raise _too_long("a join")


# A printf-style field: its width or precision, or "*" to take one from the values.
_FORMAT_FIELD = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?")


def check_format(pattern: Any) -> None:
    """A ``%`` format may not ask for a field wider than any letter needs."""
    if not isinstance(pattern, str):
        return
    for width, precision in _FORMAT_FIELD.findall(pattern):
        for number in (width, precision):
            if number == "*" or (number and int(number) > MAX_TEXT_CHARS):
                raise _too_long("a format")


def check_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse ``*``, ``+`` or ``%`` that would build something huge in one step."""
    if operator == "*":
        for count, other in ((left, right), (right, left)):
            if (isinstance(count, int) and isinstance(other, str | list | tuple)
                    and count * len(other) > MAX_REPEAT):
                raise TemplateLimitExceeded(
                    f"it repeats a text or list to more than {_number(MAX_REPEAT)} "
                    "characters or items")
    if operator == "%":
        check_format(left)
    ints = (isinstance(left, int) and isinstance(right, int)
            and not isinstance(left, bool) and not isinstance(right, bool))
    if ints and operator == "*" and left.bit_length() + right.bit_length() > MAX_NUMBER_BITS:
        raise TemplateLimitExceeded("it works out a number far larger than any letter shows")
    if (operator == "+" and isinstance(left, str | list | tuple)
            and isinstance(right, str | list | tuple)
            and len(left) + len(right) > MAX_TEXT_CHARS):
        raise _too_long("adding")


def small_range(*args: int) -> range:
    """range() for templates, refusing loops no letter needs."""
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise TemplateLimitExceeded(f"a range in a letter template may hold at most "
                                    f"{MAX_RANGE} numbers")
    return numbers


# --- rewriting the parsed template ----------------------------------------------------

_HERE = __name__


def _guard_call(function: str, argument: nodes.Expr, lineno: int) -> nodes.Call:
    call = nodes.Call(nodes.ImportedName(f"{_HERE}.{function}"), [argument], [], None, None)
    call.set_lineno(lineno)
    return call


class _Guards(NodeTransformer):
    """Route loops, shown values, joined text and written text through the counters."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        node.iter = _guard_call("loop_turn", node.iter, node.lineno)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        return _guard_call("joined", node, node.lineno)

    def visit_Output(self, node: nodes.Output) -> nodes.Node | list[nodes.Node]:
        self.generic_visit(node)
        text = sum(len(child.data) for child in node.nodes
                   if isinstance(child, nodes.TemplateData))
        node.nodes = [child if isinstance(child, nodes.TemplateData)
                      else _guard_call("shown", child, child.lineno) for child in node.nodes]
        if not text:
            return node
        count = nodes.ExprStmt(_guard_call("literal", nodes.Const(text), node.lineno))
        count.set_lineno(node.lineno)
        return [count, node]


def guard_tree(tree: nodes.Template) -> nodes.Template:
    """Rewrite a parsed template so running it keeps within the limits above."""
    _Guards().visit(tree)
    tree.set_environment(tree.environment)  # the new nodes need the environment too
    return tree


def yield_line(template: Any, stream: Any) -> int:
    """The template line a paused ``template.generate()`` stream last wrote from."""
    generator = stream
    while getattr(generator, "gi_yieldfrom", None) is not None:
        generator = generator.gi_yieldfrom
    frame = getattr(generator, "gi_frame", None)
    if frame is None or frame.f_code.co_filename != "<template>":
        return 0
    return template.get_corresponding_lineno(frame.f_lineno)

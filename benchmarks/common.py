"""Helpers shared by the benchmark scripts: timing, a plain reportlab letter, a demo database."""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from functools import cache
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import StyleSheet1, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from plo_tracker.documents.letter_data import LetterContext
from plo_tracker.documents.templates import default_template, render_blocks
from plo_tracker.domain.clock import FixedClock
from plo_tracker.services.demo_data import DemoDataService
from plo_tracker.services.registry import Services
from plo_tracker.session import open_database
from plo_tracker.storage.engine import sqlite_url

TODAY = date(2026, 11, 26)


def median_seconds(action: Callable[[], object], runs: int = 5, warmups: int = 1) -> float:
    """Median wall time of ``runs`` calls, after ``warmups`` calls not counted."""
    for _ in range(warmups):
        action()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def interleaved_medians(actions: list[Callable[[], object]], runs: int, warmups: int = 3,
                        clock: Callable[[], float] = time.perf_counter) -> list[float]:
    """Median time of each action over ``runs`` rounds that call each one in turn.

    Taking turns, rather than timing one action and then the next, keeps a slow spell of
    a shared machine from falling on one side of a comparison only. ``clock`` is wall
    time by default; ``time.thread_time`` leaves out time spent waiting for a busy CPU.
    """
    for _ in range(warmups):
        for action in actions:
            action()
    times: list[list[float]] = [[] for _ in actions]
    for _ in range(runs):
        for action, taken in zip(actions, times, strict=True):
            start = clock()
            action()
            taken.append(clock() - start)
    return [statistics.median(taken) for taken in times]


CLOCKS: dict[str, Callable[[], float]] = {"wall": time.perf_counter, "cpu": time.thread_time}


def page_count(pdf: bytes) -> int:
    """Pages in a PDF, read back with pypdf."""
    return len(PdfReader(BytesIO(pdf)).pages)


@cache
def _plain_styles() -> StyleSheet1:
    # Made once, as any program would keep its style sheet: the baseline should not
    # pay for building it on every letter when render_letter does not.
    return getSampleStyleSheet()


def plain_letter(paragraphs: list[str]) -> bytes:
    """Baseline: a letter laid out with plain reportlab platypus, nothing of this app's.

    reportlab's sample styles (a title, then body text) in the built-in Helvetica (not
    embedded), a page number on each page; no template, checks, tables, shipped fonts
    or "of N" page totals.
    """
    styles = _plain_styles()
    buffer = BytesIO()

    def footer(canvas, doc) -> None:  # type: ignore[no-untyped-def]
        canvas.setFont("Helvetica", 8)
        canvas.drawRightString(A4[0] - 20 * mm, 12 * mm, f"Page {doc.page}")

    doc = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=16 * mm,
        bottomMargin=22 * mm, title="Plain letter", invariant=1,
    )
    story = [Paragraph("Northshire County Council", styles["Title"])]
    for text in paragraphs:
        story.append(Paragraph(text, styles["BodyText"]))
        story.append(Spacer(1, 4))
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def baseline_paragraphs(ctx: LetterContext, pages: int, source: str | None = None) -> list[str]:
    """The paragraphs of the letter's body as plain markup, filling ``pages`` plain pages.

    Plain 10 pt Helvetica holds more per page than the letter's layout (which also has
    a letterhead, an address block and a sign-off), so the body is repeated, a quarter at
    a time, until the plain letter has as many pages.
    """
    source = default_template(ctx.letter_type) if source is None else source
    text = [escape(block.text).replace("\n", "<br/>")
            for block in render_blocks(source, ctx) if block.kind != "pagebreak"]
    paragraphs = list(text)
    while page_count(plain_letter(paragraphs)) < pages:
        paragraphs += text[: max(1, len(text) // 4)]
    return paragraphs


def fresh_services(folder: Path | None = None) -> Services:
    """Services on a new, empty database in a temporary folder."""
    folder = folder or Path(tempfile.mkdtemp(prefix="plo-bench-"))
    # Opened as the app opens one: migrated, templates loaded, indexes by the current rules.
    return open_database(sqlite_url(folder / "bench.sqlite3"), folder / "backups",
                         FixedClock(TODAY))


def demo_services(families: int, seed: int = 1) -> Services:
    """Services on a new database holding ``families`` demo families."""
    services = fresh_services()
    DemoDataService(services.context).make_demo_database(families, seed)
    return services

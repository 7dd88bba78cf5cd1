"""Time to make letters: a two-page letter, a letter before proceedings, a batch of 200.

Each figure is also given as a ratio to a baseline measured in the same run (these
machines are noisy): a plain reportlab letter with the same number of pages, built
here with platypus, the built-in Helvetica font and no template, checks or page
totals. The default letter before proceedings is four pages (it must say a great
deal), so the two-page figure uses the two-page meeting invitation.

    python benchmarks/bench_letters.py [--runs 30] [--batch 200]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from io import BytesIO
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import common  # noqa: E402
from common import page_count  # noqa: E402

from plo_tracker.documents.letter_data import LetterContext, sample_context  # noqa: E402
from plo_tracker.documents.letter_pdf import (  # noqa: E402
    combine_letters,
    letter_subject,
    render_letter,
)
from plo_tracker.documents.templates import (  # noqa: E402
    default_template,
    render_blocks,
)
from plo_tracker.domain.letter_types import LetterType  # noqa: E402


def median_seconds(action: Callable[[], object], runs: int) -> float:
    """Median wall time of ``runs`` calls, after three warm-up calls."""
    return common.median_seconds(action, runs, warmups=3)


def plain_letter(paragraphs: list[str]) -> bytes:
    """Baseline: a letter laid out with plain reportlab, nothing of this app's."""
    styles = getSampleStyleSheet()
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


def baseline_paragraphs(ctx: LetterContext, pages: int) -> list[str]:
    """Plain text of the same letter, repeated until the plain layout fills ``pages`` pages."""
    text = [block.text.replace("&", "and").replace("\n", " ")
            for block in render_blocks(default_template(ctx.letter_type), ctx)]
    paragraphs = list(text)
    while page_count(plain_letter(paragraphs)) < pages:
        paragraphs += text[: max(1, len(text) // 4)]
    return paragraphs


def compare(ctx: LetterContext, runs: int) -> float:
    """Print the median times of render_letter and of a plain letter as long; return the latter."""
    pages = page_count(render_letter(ctx))
    paragraphs = baseline_paragraphs(ctx, pages)
    plain_pages = page_count(plain_letter(paragraphs))
    baseline = median_seconds(lambda: plain_letter(paragraphs), runs)
    ours = median_seconds(lambda: render_letter(ctx), runs)
    print(f"{ctx.letter_type.code}: plain reportlab ({plain_pages} pages) {baseline * 1000:.1f} ms,"
          f" render_letter ({pages} pages) {ours * 1000:.1f} ms, median of {runs};"
          f" ratio {ours / baseline:.2f}")
    return baseline


def batch_contexts(count: int) -> list[LetterContext]:
    """``count`` letters to different (fictional) parents, a tenth in large print."""
    base = sample_context(LetterType.LBP)
    return [
        replace(
            base,
            family_reference=f"PLO-2026-{number:04d}",
            recipient=replace(
                base.recipient, name=f"Parent {number}", large_print=number % 10 == 0
            ),
        )
        for number in range(1, count + 1)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--batch", type=int, default=200)
    args = parser.parse_args()

    for letter_type in (LetterType.PPM_INVITE, LetterType.LBP):
        baseline = compare(sample_context(letter_type), args.runs)

    contexts = batch_contexts(args.batch)
    start = time.perf_counter()
    letters = [render_letter(item) for item in contexts]
    made = time.perf_counter() - start
    start = time.perf_counter()
    combined = combine_letters(letters, [letter_subject(item) for item in contexts])
    joined = time.perf_counter() - start
    total_pages = page_count(combined)
    plain_batch = baseline * args.batch
    print(f"Batch of {args.batch} LBPs: render {made:.2f} s ({made / args.batch * 1000:.1f} ms "
          f"each), combine {joined:.2f} s, total {made + joined:.2f} s; "
          f"{total_pages} pages, {len(combined) / 1e6:.1f} MB")
    print(f"Batch ratio to {args.batch} plain letters ({plain_batch:.2f} s): "
          f"{(made + joined) / plain_batch:.2f}")


if __name__ == "__main__":
    main()

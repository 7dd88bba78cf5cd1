"""Time to make letters: a two-page letter, a letter before proceedings, a batch of 200.

Each figure is also given as a ratio to a baseline measured in the same run, taking
turns with it (these machines are noisy): the letter's body laid out with plain
reportlab platypus (common.plain_letter), reportlab's sample styles, the built-in
Helvetica font and no template, checks, tables or page totals, as many pages as the
letter. The default letter before proceedings is four pages (it must say a great deal),
so the two-page figure uses the two-page meeting invitation.

    python benchmarks/bench_letters.py [--runs 30] [--batch 200] [--clock wall|cpu]

"--clock cpu" times this thread's CPU time instead of wall time: steadier on a machine
that others are using, and fair here since making a letter only computes.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import common  # noqa: E402
from common import baseline_paragraphs, page_count, plain_letter  # noqa: E402

from plo_tracker.documents.letter_data import LetterContext, sample_context  # noqa: E402
from plo_tracker.documents.letter_pdf import (  # noqa: E402
    combine_letters,
    letter_subject,
    render_letter,
)
from plo_tracker.domain.letter_types import LetterType  # noqa: E402


def compare(ctx: LetterContext, runs: int, clock: Callable[[], float]) -> float:
    """Print the median times of render_letter and of a plain letter as long; return the latter."""
    pages = page_count(render_letter(ctx))
    paragraphs = baseline_paragraphs(ctx, pages)
    plain_pages = page_count(plain_letter(paragraphs))
    baseline, ours = common.interleaved_medians(
        [lambda: plain_letter(paragraphs), lambda: render_letter(ctx)], runs, clock=clock)
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
    parser.add_argument("--clock", choices=sorted(common.CLOCKS), default="wall")
    args = parser.parse_args()
    print(f"python benchmarks/bench_letters.py --runs {args.runs} --batch {args.batch} "
          f"--clock {args.clock}")
    clock = common.CLOCKS[args.clock]

    for letter_type in (LetterType.PPM_INVITE, LetterType.LBP):
        baseline = compare(sample_context(letter_type), args.runs, clock)

    contexts = batch_contexts(args.batch)
    start = clock()
    letters = [render_letter(item) for item in contexts]
    made = clock() - start
    start = clock()
    combined = combine_letters(letters, [letter_subject(item) for item in contexts])
    joined = clock() - start
    total_pages = page_count(combined)
    plain_batch = baseline * args.batch
    print(f"Batch of {args.batch} LBPs: render {made:.2f} s ({made / args.batch * 1000:.1f} ms "
          f"each), combine {joined:.2f} s, total {made + joined:.2f} s; "
          f"{total_pages} pages, {len(combined) / 1e6:.1f} MB")
    print(f"Batch ratio to {args.batch} plain letters ({plain_batch:.2f} s): "
          f"{(made + joined) / plain_batch:.2f}")


if __name__ == "__main__":
    main()

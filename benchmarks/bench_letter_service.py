"""Letters through the services, from a demo database: preview and batch.

Targets (issue 4): a two-page letter from a case in under 30 ms after warm-up; a batch of
200 letters under 8 s. Each figure is also given as a ratio to a baseline measured in this
run, taking turns with it (these machines are noisy): the previewed letter's body laid out
with plain reportlab platypus (common.plain_letter), reportlab's sample styles, the
built-in Helvetica font and no database, template, checks, tables or page totals, as many
pages as the letter. The two-page figure uses the meeting invitation (the letter before
proceedings is four pages: it must say a great deal), and `check` is timed too, to show
what reading the case costs apart from laying the letter out.

    python benchmarks/bench_letter_service.py [--families 3000] [--runs 30] [--batch 200]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).parent))

from common import (  # noqa: E402
    baseline_paragraphs,
    demo_services,
    interleaved_medians,
    page_count,
    plain_letter,
)

from plo_tracker.documents.letter_data import LetterContext  # noqa: E402
from plo_tracker.domain.letter_types import LetterType  # noqa: E402
from plo_tracker.domain.stages import Stage  # noqa: E402
from plo_tracker.services import letters as letter_service  # noqa: E402
from plo_tracker.services.actor import Actor  # noqa: E402
from plo_tracker.services.registry import Services  # noqa: E402
from plo_tracker.storage.models import Episode, Family  # noqa: E402


def previewed_letter(services: Services, actor: Actor, letter_type: LetterType, family_id: int,
                     adult_id: int) -> tuple[bytes, LetterContext, str]:
    """The preview's PDF, and the details and template it was made from.

    The details are caught on their way to render_letter, so the baseline lays out the
    very words the preview did.
    """
    caught: list[tuple[LetterContext, str]] = []
    render = letter_service.render_letter

    def catch(ctx: LetterContext, source: str) -> bytes:
        caught.append((ctx, source))
        return render(ctx, source)

    letter_service.render_letter = catch
    try:
        pdf = services.letters.preview(actor, family_id, letter_type, adult_id)
    finally:
        letter_service.render_letter = render
    return pdf, *caught[0]


def pre_proceedings_families(services: Services) -> list[int]:
    with services.context.database.reading() as conn:
        return list(conn.execute(
            select(Family.id).join(Episode).where(Episode.stage == Stage.PRE_PROCEEDINGS.value)
            .order_by(Family.id)
        ).scalars())


def ready_letters(services: Services, actor: Actor, letter_type: LetterType, letters: int
                  ) -> list[tuple[int, list[tuple[int, bool]]]]:
    """Families whose letters of ``letter_type`` can all be made, with (adult, large print),
    until they add up to at least ``letters`` letters."""
    ready, total = [], 0
    for family_id in pre_proceedings_families(services):
        checks = services.letters.check(actor, family_id, letter_type)
        if checks and not any(c.missing for c in checks):
            ready.append((family_id, [(c.adult_id, getattr(c, "large_print", False))
                                      for c in checks]))
            total += len(checks)
            if total >= letters:
                break
    return ready


def compare(services: Services, actor: Actor, letter_type: LetterType, family_id: int,
            adult_id: int, runs: int) -> tuple[float, float, int]:
    """Print the preview, check and baseline medians; return (preview, baseline, pages)."""
    pdf, ctx, source = previewed_letter(services, actor, letter_type, family_id, adult_id)
    pages = page_count(pdf)
    paragraphs = baseline_paragraphs(ctx, pages, source)
    plain_pages = page_count(plain_letter(paragraphs))
    ours, reading, baseline = interleaved_medians([
        lambda: services.letters.preview(actor, family_id, letter_type, adult_id),
        lambda: services.letters.check(actor, family_id, letter_type, [adult_id]),
        lambda: plain_letter(paragraphs),
    ], runs)
    print(f"{letter_type.code}: preview ({pages} pages) {ours * 1000:.1f} ms, of which reading "
          f"the case (check) {reading * 1000:.1f} ms; plain reportlab ({plain_pages} pages) "
          f"{baseline * 1000:.1f} ms; ratio {ours / baseline:.2f} (median of {runs})")
    return ours, baseline, pages


def pick_batch(ready: list[tuple[int, list[tuple[int, bool]]]], letters: int) -> list[int]:
    """Families whose letters add up to exactly ``letters`` (or as near as the data allows)."""
    chosen, total = [], 0
    for family_id, recipients in ready:
        if total + len(recipients) <= letters:
            chosen.append(family_id)
            total += len(recipients)
        if total == letters:
            break
    return chosen


def time_batch(services: Services, actor: Actor, letter_type: LetterType, families: list[int],
               baseline: float, wanted: int) -> None:
    """Time one batch and print it against as many plain letters (``baseline`` seconds each)."""
    calls: list[tuple[int, int, float]] = []
    start = time.perf_counter()
    result = services.letters.batch(
        actor, letter_type, families,
        progress=lambda done, total: calls.append((done, total, time.perf_counter())))
    elapsed = time.perf_counter() - start
    made = len(result.letters)
    assert result.combined is not None and calls[-1][:2] == (len(families), len(families))
    making = calls[-1][2] - start  # reading the cases and laying the letters out
    print(f"batch of {letter_type.code}: {made} letters from {len(families)} families in "
          f"{elapsed:.2f} s ({elapsed / made * 1000:.1f} ms each): making them {making:.2f} s, "
          f"keeping and combining {elapsed - making:.2f} s; {len(result.skipped)} skipped, "
          f"{page_count(result.combined)} pages, combined PDF "
          f"{len(result.combined) / 1e6:.1f} MB, {len(calls)} progress calls")
    plain = baseline * made
    print(f"  ratio to {made} plain letters as long as a standard-print one ({plain:.2f} s): "
          f"{elapsed / plain:.2f}")
    verdict = "met" if elapsed < 8 and made >= wanted else "NOT met"
    print(f"  target: a batch of {wanted} letters under 8 s: {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--families", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--batch", type=int, default=200)
    args = parser.parse_args()
    print(f"python benchmarks/bench_letter_service.py --families {args.families} "
          f"--runs {args.runs} --batch {args.batch}")

    start = time.perf_counter()
    services = demo_services(args.families)
    print(f"demo database: {args.families} families in {time.perf_counter() - start:.1f} s")
    admin = services.users.trusted_actor("admin")
    try:
        lbp_ready = ready_letters(services, admin, LetterType.LBP, args.batch)
        if sum(len(people) for _f, people in lbp_ready) < args.batch:
            sys.exit("Too few demo families are ready for a letter: use more --families.")
        # A family ready for its letter before proceedings has its meeting planned, so the
        # invitation to that meeting can be made too.
        family_id, standard = next((f, a) for f, people in lbp_ready
                                   for a, large in people if not large)
        ours, two_page_baseline, pages = compare(services, admin, LetterType.PPM_INVITE,
                                                 family_id, standard, args.runs)
        verdict = "met" if ours < 0.030 and pages == 2 else "NOT met"
        print(f"target: a two-page letter under 30 ms after warm-up: {verdict}")
        _ours, lbp_baseline, _pages = compare(services, admin, LetterType.LBP, family_id,
                                              standard, args.runs)

        # The example batch is invitations (two pages); the letter before proceedings
        # (four) is the heaviest. The same families serve both.
        families = pick_batch(lbp_ready, args.batch)
        for letter_type, baseline in ((LetterType.PPM_INVITE, two_page_baseline),
                                      (LetterType.LBP, lbp_baseline)):
            time_batch(services, admin, letter_type, families, baseline, args.batch)
    finally:
        services.context.database.dispose()


if __name__ == "__main__":
    main()

"""The confidential-details guard over a 350-page bundle, against reading its text alone.

Target (issue 10): searching a 350-page text bundle for 20 phrases takes well under a
few seconds, so the guard can run before every export. The figure is also given as a
ratio to poppler's pdftotext of the same file (the text read, nothing searched),
measured in turns in this run. No page has a hit, the usual case: nothing is drawn.

    python benchmarks/bench_confidential_guard.py [--pages 350] [--phrases 20] [--runs 5]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

sys.path.insert(0, str(Path(__file__).parent))

from common import interleaved_medians  # noqa: E402

from plo_tracker.documents.confidential import find_confidential  # noqa: E402

TARGET_SECONDS = 3.0
LINE = ("On {day} the social worker visited the family home and spoke with the children "
        "about school, {n}")


def bundle(path: Path, pages: int) -> Path:
    """A bundle of ``pages`` full pages of statement text (45 lines each)."""
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    for page in range(pages):
        canvas.setFont("Helvetica", 9)
        for line in range(45):
            canvas.drawString(40, 800 - 17 * line, LINE.format(day=page % 28 + 1, n=line))
        canvas.showPage()
    canvas.save()
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=350)
    parser.add_argument("--phrases", type=int, default=20)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    pdf = bundle(Path(tempfile.mkdtemp(prefix="plo-bench-guard-")) / "bundle.pdf", args.pages)
    phrases = [f"{n} Acacia Avenue, Leeds LS6 {n}AB" for n in range(args.phrases - 1)]
    phrases.append("07700 900123")

    def guard() -> None:
        assert find_confidential(pdf, phrases) == []

    def text_only() -> None:
        subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True)

    guard_time, text_time = interleaved_medians([guard, text_only], runs=args.runs, warmups=1)
    print(f"{args.pages} pages, {len(phrases)} phrases ({pdf.stat().st_size / 1e6:.1f} MB)")
    print(f"guard:     {guard_time:.2f} s (target under {TARGET_SECONDS:.0f} s)")
    print(f"pdftotext: {text_time:.2f} s; "
          f"the guard takes {guard_time / text_time:.1f} times as long")


if __name__ == "__main__":
    main()

"""Time to score how easy a letter is to read: the four-page letter before proceedings.

The text is the default letter before proceedings filled in for the sample family, as it
would be sent (documents/letter_text.py), and the one for an unborn baby (the longest
default, about 1,170 words). Each is scored many times, taking turns with a baseline
measured in the same run: splitting the same text into words with one regular
expression, the least any scoring must do. The issue's target is under 20 ms a score.

The first score in a new process also reads the CMU dictionary (about 135,000 words)
and the hyphenation patterns: that is timed on its own, in a fresh Python process, and
does not count towards the median.

    python benchmarks/bench_readability.py [--runs 200] [--clock wall|cpu]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from common import CLOCKS, interleaved_medians  # noqa: E402

from plo_tracker.documents.letter_data import sample_context  # noqa: E402
from plo_tracker.documents.letter_text import letter_plain_text  # noqa: E402
from plo_tracker.domain.letter_types import LetterType  # noqa: E402

_WORDS = re.compile(r"\w+")

# Run in a fresh interpreter: the text is made first, then the first score is timed,
# dictionaries and all.
FIRST_CALL = """
import time
from plo_tracker.documents.letter_data import sample_context
from plo_tracker.documents.letter_text import letter_plain_text
from plo_tracker.domain.letter_types import LetterType
text = letter_plain_text(sample_context(LetterType.LBP))
start = time.perf_counter()
from plo_tracker.domain.readability import score
score(text)
first = time.perf_counter() - start
start = time.perf_counter()
score(text)
print(first, time.perf_counter() - start)
"""


def first_call() -> tuple[float, float]:
    out = subprocess.run([sys.executable, "-c", FIRST_CALL], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout.split()
    return float(out[0]), float(out[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--clock", choices=sorted(CLOCKS), default="wall")
    args = parser.parse_args()

    from plo_tracker.domain.readability import score

    first, second = first_call()
    print(f"first score in a new process, dictionaries read: {first * 1000:.0f} ms "
          f"(the next one: {second * 1000:.1f} ms)")
    for letter_type in (LetterType.LBP, LetterType.LBP_UNBORN):
        text = letter_plain_text(sample_context(letter_type))
        result = score(text)
        baseline, ours = interleaved_medians(
            [lambda text=text: _WORDS.findall(text), lambda text=text: score(text)],
            args.runs, clock=CLOCKS[args.clock])
        print(f"{letter_type.code}: {result.words} words, {result.sentences} sentences, "
              f"{result.grade_text()}; score {ours * 1000:.2f} ms, splitting into words "
              f"{baseline * 1000:.3f} ms, median of {args.runs} ({args.clock} clock); "
              f"ratio {ours / baseline:.0f}; target under 20 ms: "
              f"{'met' if ours < 0.020 else 'NOT met'}")


if __name__ == "__main__":
    main()

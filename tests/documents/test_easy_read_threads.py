"""Easy Read letters drawn at the same time on several threads (the window's preview while
a letter is being made) share their pictures safely."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from plo_tracker.documents.easy_read_pdf import render_easy_read
from plo_tracker.documents.letter_data import sample_context
from plo_tracker.domain.letter_types import LetterType


def test_letters_drawn_on_four_threads_at_once_all_come_out():
    ctx = sample_context(LetterType.PPM_INVITE)
    with ThreadPoolExecutor(max_workers=4) as pool:
        made = list(pool.map(lambda _n: render_easy_read(ctx), range(24)))
    assert all(pdf.startswith(b"%PDF-") for pdf in made)

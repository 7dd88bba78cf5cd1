"""The shipped fonts: reused between letters without changing a byte of any letter."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from dataclasses import replace
from io import BytesIO

from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from plo_tracker.documents import fonts
from plo_tracker.documents.letter_data import LetterContext, sample_context
from plo_tracker.documents.letter_pdf import render_letter
from plo_tracker.domain.letter_types import LetterType

PROPERTY = settings(max_examples=60, deadline=None, database=None)

def letters() -> list[LetterContext]:
    """Letters that a fresh process and this one must make alike. The name with letters
    outside ASCII makes the fonts embed other subsets than most letters do."""
    invite = sample_context(LetterType.PPM_INVITE)
    lbp = sample_context(LetterType.LBP)
    return [
        invite,
        replace(invite, recipient=replace(invite.recipient, large_print=True)),
        replace(lbp, recipient=replace(lbp.recipient, name="Zoë Łukasz-Ōtsuka")),
        lbp,
    ]


def digests(contexts: list[LetterContext]) -> list[str]:
    return [hashlib.sha256(render_letter(ctx)).hexdigest() for ctx in contexts]


def test_a_fresh_process_makes_the_same_bytes_as_one_that_has_made_letters_before() -> None:
    # Run as a script (below), this file prints the digests of letters() made from cold.
    fresh = subprocess.run([sys.executable, __file__], capture_output=True, text=True,
                           check=True).stdout.split()
    contexts = letters()
    for letter_type in LetterType:  # fill the kept subsets with other letters first
        render_letter(sample_context(letter_type))
    assert digests(list(reversed(contexts)))[::-1] == fresh
    assert digests(contexts) == fresh


def test_other_letters_between_two_makings_change_nothing() -> None:
    ctx = sample_context(LetterType.PPM_INVITE)
    accented = replace(ctx, recipient=replace(ctx.recipient, name="Zoë Łukasz-Ōtsuka"))
    first = render_letter(accented)
    render_letter(ctx)
    render_letter(replace(accented, recipient=replace(accented.recipient, name="Nguyễn Thị Ánh")))
    assert render_letter(accented) == first


def test_names_outside_ascii_read_back_in_their_own_letters() -> None:
    ctx = sample_context(LetterType.PPM_INVITE)
    for name in ("Zoë Łukasz-Ōtsuka", "Kelly Marsh", "Nguyễn Thị Ánh"):
        pdf = render_letter(replace(ctx, recipient=replace(ctx.recipient, name=name)))
        first_page = " ".join(PdfReader(BytesIO(pdf)).pages[0].extract_text().split())
        assert f"Dear {name}" in first_page


printable = st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=40)
any_text = st.text(st.sampled_from("ab Z~\t\n\xa0é•–’Łō\u200b"), max_size=12)


@PROPERTY
@given(st.lists(st.one_of(printable, any_text), max_size=8))
def test_text_is_encoded_as_reportlab_encodes_it(lines: list[str]) -> None:
    fonts.register_fonts()
    font = pdfmetrics.getFont(fonts.REGULAR)
    ours, reportlabs = pdfdoc.PDFDocument(), pdfdoc.PDFDocument()
    for line in lines:
        assert font.splitString(line, ours) == TTFont.splitString(font, line, reportlabs)
    if lines:  # each document's subsets hold the same characters in the same places
        assert font.state[ours].subsets == font.state[reportlabs].subsets


if __name__ == "__main__":
    print("\n".join(digests(letters())))

"""Pages turned by /Rotate keep their turn; their number reads upright at the foot as shown."""

from __future__ import annotations

from pathlib import Path

import pikepdf

from plo_tracker.documents.bundle import build_bundle
from tests.documents.bundle.pdf_samples import document, layout, qpdf_check, shown_pages, text_pdf

TURNS = (0, 90, 180, 270, -90, 450)


def test_each_turn_is_kept_and_its_number_reads_upright_bottom_right(tmp_path: Path) -> None:
    documents = [document(text_pdf(tmp_path / f"{n}.pdf", f"Turn{n}", 1, rotate=turn),
                          f"k{n}", f"Turned {turn}", 1) for n, turn in enumerate(TURNS)]
    built = build_bundle(layout([("F", "Other documents", documents)]), tmp_path / "b.pdf")
    qpdf_check(built.path)
    with pikepdf.open(built.path) as pdf:
        assert [int(page.obj.get("/Rotate", 0)) for page in pdf.pages[2:]] == list(TURNS)
    for number, page in enumerate(shown_pages(built.path)[2:], start=1):
        (stamp,) = [word for word in page.words if word.text == f"F{number}"]
        assert stamp.y0 > page.height - 40 and stamp.x0 > page.width - 80
        assert stamp.x1 - stamp.x0 > stamp.y1 - stamp.y0  # along the line, not up it
        back = [word.text for word in page.words if word.y0 > page.height - 40
                and word.x1 < page.width / 2]
        assert back == ["Back", "to", "index"]

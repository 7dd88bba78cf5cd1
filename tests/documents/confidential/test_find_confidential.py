"""The guard finds a family's confidential phrases in PDFs made here, whatever the
case, spacing, punctuation and line breaks, and says on which page and where."""

from __future__ import annotations

import pikepdf
import pytest
from reportlab.lib.pagesizes import A4

from plo_tracker.documents.confidential import UnreadablePdf, find_confidential
from plo_tracker.domain.confidential_phrases import PhraseRefused
from tests.documents.confidential.made_pdfs import (
    ADDRESS,
    FILLER,
    SPLIT,
    Line,
    add_text_field,
    lines,
    ocr_scan_pdf,
    picture_with_hidden_text_pdf,
    tesseract_available,
    text_pdf,
)


def contains(outer, inner, slack: float = 2.0) -> bool:
    return (outer[0] - slack <= inner[0] and outer[1] - slack <= inner[1]
            and inner[2] <= outer[2] + slack and inner[3] <= outer[3] + slack)


def overlaps(box, other) -> bool:
    return box[0] < other[2] and other[0] < box[2] and box[1] < other[3] and other[1] < box[3]


def test_a_phrase_split_across_a_line_break_in_other_case_and_spacing_is_found(tmp_path):
    pdf = text_pdf(tmp_path / "statement.pdf", [FILLER, SPLIT, FILLER])

    hits = find_confidential(pdf, [ADDRESS])

    assert [(hit.page, hit.phrase) for hit in hits] == [(2, ADDRESS)]
    rects = hits[0].rects
    width, height = A4
    assert all(0 <= r[0] < r[2] <= width and 0 <= r[1] < r[3] <= height for r in rects)
    # One box on each line, over the words of the phrase and nowhere else on the line.
    assert len(rects) == 2
    first, second = SPLIT
    assert overlaps(rects[0], first.box_of("14 ACACIA"))
    assert contains(first.box_of("14 ACACIA"), rects[0], slack=4)
    assert overlaps(rects[1], second.box_of("avenue,Leeds  LS6   2ab"))
    assert contains(second.box_of("avenue,Leeds  LS6   2ab"), rects[1], slack=4)
    assert not overlaps(rects[1], second.box_of("with the baby."))


def test_phone_numbers_match_with_or_without_spaces_and_dashes(tmp_path):
    pdf = text_pdf(tmp_path / "notes.pdf", [lines("Ring 07700-900 123 after six.",
                                                  "Or 07700900123 in the day.")])

    hits = find_confidential(pdf, ["07700 900123"])

    assert [hit.page for hit in hits] == [1, 1]
    assert hits[0].rects[0][1] > hits[1].rects[0][1]  # the first line is the higher one


def test_a_word_split_by_a_hyphen_at_the_end_of_a_line_is_found(tmp_path):
    pdf = text_pdf(tmp_path / "report.pdf", [lines("The children attend Hollybrook Pri-",
                                                   "mary School in the mornings.")])

    assert [hit.page for hit in find_confidential(pdf, ["Hollybrook Primary School"])] == [1]


def test_a_phrase_not_in_the_document_gives_no_hits(tmp_path):
    pdf = text_pdf(tmp_path / "statement.pdf", [FILLER, SPLIT])

    assert find_confidential(pdf, ["15 Acacia Avenue", "07700 900999", "Leeds LS6 2AC"]) == []
    assert find_confidential(pdf, []) == []


def test_each_occurrence_of_each_phrase_is_a_hit_naming_the_phrase(tmp_path):
    pages = [lines("Oakfield School said so.", "LS6 2AB"), FILLER, lines("oakfield  school")]
    pdf = text_pdf(tmp_path / "minutes.pdf", pages)

    hits = find_confidential(pdf, ["Oakfield School", "ls6 2ab", "Oakfield school "])

    assert sorted((hit.page, hit.phrase) for hit in hits) == [
        (1, "Oakfield School"), (1, "ls6 2ab"), (3, "Oakfield School")]


def test_text_hidden_over_a_picture_is_found_where_the_picture_shows_it(tmp_path):
    page = [Line("Contact: 14 Acacia Avenue, Leeds", y=500), Line("LS6 2AB", y=484)]
    pdf = picture_with_hidden_text_pdf(tmp_path / "scan.pdf", page)

    hits = find_confidential(pdf, [ADDRESS])

    assert [hit.page for hit in hits] == [1]
    assert overlaps(hits[0].rects[0], page[0].box_of("14 Acacia Avenue, Leeds"))
    assert overlaps(hits[0].rects[-1], page[1].box_of("LS6 2AB"))


@pytest.mark.skipif(not tesseract_available(), reason="Tesseract is not installed")
def test_the_text_layer_tesseract_gives_a_scan_is_searched(tmp_path):
    page = [Line("Placement: 14 Acacia", y=600, x=100), Line("Avenue, Leeds LS6 2AB", y=580, x=100)]
    pdf = ocr_scan_pdf(tmp_path / "scan.pdf", page)

    hits = find_confidential(pdf, [ADDRESS])

    assert [hit.page for hit in hits] == [1]
    assert any(overlaps(rect, page[0].box_of("14 Acacia")) for rect in hits[0].rects)
    assert any(overlaps(rect, page[1].box_of("LS6 2AB")) for rect in hits[0].rects)


def test_a_form_field_value_is_found_at_the_field(tmp_path):
    pdf = text_pdf(tmp_path / "form.pdf", [FILLER])
    with pikepdf.open(pdf, allow_overwriting_input=True) as document:
        add_text_field(document, "14 acacia avenue leeds ls6 2ab", (300, 100, 500, 120))
        document.save(pdf)

    hits = find_confidential(pdf, [ADDRESS])

    assert [(hit.page, hit.rects) for hit in hits] == [(1, ((300.0, 100.0, 500.0, 120.0),))]


def test_a_phrase_too_short_to_search_for_safely_is_refused_with_the_reason(tmp_path):
    pdf = text_pdf(tmp_path / "statement.pdf", [FILLER])

    with pytest.raises(PhraseRefused) as refused:
        find_confidential(pdf, [ADDRESS, " Ann "])

    assert "“Ann” is too short" in refused.value.message
    assert "at least 4" in refused.value.message


def test_a_damaged_file_gives_a_message_naming_it(tmp_path):
    broken = tmp_path / "statement.pdf"
    broken.write_bytes(b"%PDF-1.7\nthis is not really a PDF")

    with pytest.raises(UnreadablePdf) as failed:
        find_confidential(broken, [ADDRESS])

    assert "“statement.pdf” could not be read" in failed.value.message

"""The box a page's content reaches, read from its content stream."""

from __future__ import annotations

import pikepdf
import pytest

from plo_tracker.documents.bundle.margins import content_box

_OPEN: list[pikepdf.Pdf] = []  # a page is read through its PDF, which must stay open


def page_with(content: bytes, resources: pikepdf.Dictionary | None = None) -> pikepdf.Page:
    pdf = pikepdf.Pdf.new()
    _OPEN.append(pdf)
    pdf.add_blank_page(page_size=(600, 800))
    page = pdf.pages[0]
    page.obj.Contents = pdf.make_stream(content)
    if resources is not None:
        page.obj.Resources = resources
    return page


def test_a_blank_page_has_no_box() -> None:
    assert content_box(page_with(b"")) is None
    assert content_box(page_with(b"q 0 0 1 rg Q")) is None


def test_text_is_followed_through_moves_and_matrices() -> None:
    box = content_box(page_with(b"q 1 0 0 1 10 20 cm BT /F1 10 Tf 100 700 Td (Hello) Tj "
                                b"0 -650 Td (World) Tj ET Q"))
    # Text is taken as wide as it is written, brackets included: (World) is 7 * 0.6 em.
    assert box == pytest.approx((110, 20 + 50 - 2.5, 110 + 42, 20 + 700 + 10))


def test_leading_moves_text_down_with_t_star_and_quote() -> None:
    box = content_box(page_with(b"BT /F1 10 Tf 14 TL 1 0 0 1 50 100 Tm (a) Tj T* (b) Tj "
                                b"(c) ' ET"))
    assert box[1] == pytest.approx(100 - 28 - 2.5)


def test_lines_each_in_their_own_text_object_are_all_counted() -> None:
    # As reportlab writes a line: "BT x Tm (...) Tj T* ET". The T* before ET and the BT
    # before Tm are stepped over unread; a BT without a Tm still starts at the origin.
    box = content_box(page_with(b"BT /F1 10 Tf 14 TL ET\nBT 1 0 0 1 50 700 Tm (a) Tj T* ET\n"
                                b"BT 1 0 0 1 60 300 Tm (b) Tj T* ET\n"
                                b"BT 1 0 0 1 70 500 Tm (c) Tj ET BT 5 40 Td (d) Tj ET"))
    assert box == pytest.approx((5, 40 - 2.5, 70 + 18, 710))


def test_a_white_background_does_not_count_but_a_grey_one_does() -> None:
    assert content_box(page_with(b"1 g 0 0 600 800 re f 0 g 50 60 10 10 re f")) == (
        50, 60, 60, 70)
    assert content_box(page_with(b"0.5 g 0 0 600 800 re f")) == (0, 0, 600, 800)


def test_a_clipping_path_alone_paints_nothing() -> None:
    assert content_box(page_with(b"0 0 600 800 re W n 10 10 5 5 re S")) == (10, 10, 15, 15)


def test_an_image_fills_its_unit_square_under_the_matrix() -> None:
    box = content_box(page_with(b"q 200 0 0 100 50 5 cm /Im0 Do Q",
                                pikepdf.Dictionary(XObject=pikepdf.Dictionary(
                                    Im0=pikepdf.Dictionary(Subtype=pikepdf.Name.Image)))))
    assert box == (50, 5, 250, 105)


def test_a_turned_text_matrix_counts_all_four_corners() -> None:
    box = content_box(page_with(b"BT /F1 10 Tf 0 1 -1 0 300 100 Tm (Up) Tj ET"))
    assert box == pytest.approx((300 - 10, 100, 300 + 2.5, 100 + 24))


def test_an_unreadable_content_stream_counts_as_covering_the_page() -> None:
    assert content_box(page_with(b"BT /F1 10 Tf (unfinished")) in (None, (0, 0, 600, 800))


def test_curves_count_their_control_points_and_strings_are_not_read_as_operators() -> None:
    assert content_box(page_with(b"10 10 m 20 5 30 40 50 50 c 60 60 70 70 v S")) == (
        10, 5, 70, 70)
    box = content_box(page_with(b"BT /F1 10 Tf 100 500 Td (0 0 1 1 0 0 cm \\) 5 5 Td) Tj ET"))
    assert box[1] == pytest.approx(500 - 2.5)


def test_an_inline_image_or_a_shading_counts_as_covering_the_page() -> None:
    box = content_box(page_with(b"q 100 0 0 50 20 30 cm BI /W 1 /H 1 /BPC 8 /CS /G ID \x00 Q"
                                b" 1 1 1 1 0 0 cm EI Q"))
    assert box[1] < 0 and box[3] > 800
    box = content_box(page_with(b"q 10 10 5 5 re W n /Sh0 sh Q"))
    assert box[1] < 0 and box[3] > 800

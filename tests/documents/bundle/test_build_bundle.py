"""A built bundle read back: index ranges, stamps, labels, bookmarks, links, rotation, forms."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import pikepdf
import pytest
from PIL import Image
from pypdf import PdfReader

from plo_tracker.documents.bundle import BuiltBundle, build_bundle
from tests.documents.bundle.pdf_samples import (
    ShownPage,
    Word,
    document,
    form_pdf,
    layout,
    qpdf_check,
    scanned_pdf,
    shown_pages,
    text_pdf,
)


@dataclass(frozen=True)
class Built:
    bundle: BuiltBundle
    pages: list[ShownPage]
    reader: PdfReader


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    folder = tmp_path_factory.mktemp("bundle")
    the_layout = layout([
        ("A", "Preliminary documents", [
            document(text_pdf(folder / "a.pdf", "Summary", 2), "a", "Case summary", 2)]),
        ("B", "Applications and orders", []),
        ("C", "Statements", [
            document(text_pdf(folder / "c1.pdf", "Statement", 3, foot_at=22), "c1",
                     "Statement of the social worker", 3),
            document(text_pdf(folder / "c2.pdf", "Turned", 1, rotate=90), "c2",
                     "Photograph turned sideways", 1),
            document(form_pdf(folder / "c3.pdf", "Jane Example"), "c3", "Consent form", 1),
        ]),
        ("E", "Experts' reports", [
            document(scanned_pdf(folder / "e1.pdf", "Scan", 2), "e1", "Scanned letter", 2),
            document(text_pdf(folder / "e2.pdf", "Assessment", 2, foot_at=4), "e2",
                     "Parenting assessment", 2),
        ]),
    ], changes=("Added the parenting assessment.",))
    out = folder / "bundle.pdf"
    bundle = build_bundle(the_layout, out)
    qpdf_check(out)
    return Built(bundle, shown_pages(out), PdfReader(out))


def stamps(page: ShownPage) -> list[str]:
    """Words in the right half of the page within 40 points of its top or bottom edge."""
    return [word.text for word in page.words
            if word.x0 > page.width / 2 and (word.y1 > page.height - 40 or word.y0 < 40)]


def test_page_labels_follow_the_sections_and_the_front_matter_is_numbered_in_roman(
        built: Built) -> None:
    expected = ["i", "ii", "A1", "A2", "C1", "C2", "C3", "C4", "C5", "E1", "E2", "E3", "E4"]
    assert built.reader.page_labels == expected
    assert list(built.bundle.page_labels) == expected
    assert built.bundle.page_count == len(built.reader.pages) == 13


def test_every_page_is_stamped_with_its_label_in_a_margin(built: Built) -> None:
    for page, label in zip(built.pages, built.reader.page_labels, strict=True):
        assert stamps(page) == [label]


def overlaps(one: Word, other: Word) -> bool:
    return one.x0 < other.x1 and other.x0 < one.x1 and one.y0 < other.y1 and other.y0 < one.y1


def test_no_stamp_covers_the_pages_own_words(built: Built) -> None:
    for page in built.pages:
        furniture = [word for word in page.words
                     if word.text in (*stamps(page), "Back", "to", "index")
                     and (word.y1 > page.height - 40 or word.y0 < 40)]
        own = [word for word in page.words if word not in furniture]
        assert not [(a, b) for a in furniture for b in own if overlaps(a, b)]


def test_text_near_the_foot_keeps_the_stamp_below_it_and_at_the_foot_moves_it_to_the_top(
        built: Built) -> None:
    (foot,) = [word for word in built.pages[4].words if word.text == "foot"]
    (stamp,) = [word for word in built.pages[4].words if word.text == "C1"]
    assert foot.y1 < stamp.y0
    (stamp,) = [word for word in built.pages[11].words if word.text == "E3"]
    assert stamp.y1 < 40


def test_every_document_page_says_back_to_index_and_the_front_matter_does_not(
        built: Built) -> None:
    for number, page in enumerate(built.pages):
        foot_words = " ".join(word.text for word in page.words if word.x0 < page.width / 2
                              and (word.y1 > page.height - 40 or word.y0 < 40))
        assert ("Back to index" in foot_words) == (number >= 2), number


def test_each_index_entry_gives_where_the_document_really_starts_and_ends(
        built: Built) -> None:
    index = built.pages[1].text()
    names = {"a": "Summary", "c1": "Statement", "c2": "Turned", "e2": "Assessment"}
    for entry in built.bundle.manifest:
        shown = (entry.first_label if entry.first_page == entry.last_page
                 else f"{entry.first_label} - {entry.last_label}")
        assert f"{entry.title} {shown}" in index
        assert built.reader.page_labels[entry.first_page - 1] == entry.first_label
        assert built.reader.page_labels[entry.last_page - 1] == entry.last_label
        if entry.key in names:
            count = entry.last_page - entry.first_page + 1
            assert f"{names[entry.key]} page 1" in built.pages[entry.first_page - 1].text()
            assert f"{names[entry.key]} page {count}" in built.pages[entry.last_page - 1].text()
    assert [(e.key, e.section, e.first_page, e.last_page) for e in built.bundle.manifest] == [
        ("a", "A", 3, 4), ("c1", "C", 5, 7), ("c2", "C", 8, 8), ("c3", "C", 9, 9),
        ("e1", "E", 10, 11), ("e2", "E", 12, 13)]


def test_the_index_shows_dates_an_empty_section_and_the_changes(built: Built) -> None:
    index = built.pages[1].text()
    assert "1 Feb 2026 Case summary" in index
    assert "Section B: Applications and orders No documents in this section." in index
    assert "Changes since the previous version • Added the parenting assessment." in index


def test_the_front_sheet_names_the_case_the_hearing_and_the_copy(built: Built) -> None:
    front = built.pages[0].text()
    for words in ("Family Court sitting at Northshire", "Case number: ZW26C00123",
                  "Re A and B (Children)", "Hearing: Tue 3 Mar 2026, 10:30",
                  "Judge: HHJ Example", "Version 1", "Court's copy",
                  "Prepared by: Sam Worker, Northshire Legal"):
        assert words in front


def test_bookmarks_open_the_index_each_section_and_each_document(built: Built) -> None:
    reader = built.reader

    def tree(items: list) -> list:
        result = []
        for item in items:
            if isinstance(item, list):
                result[-1] = (*result[-1], tree(item))
            else:
                result.append((item.title, reader.get_destination_page_number(item) + 1))
        return result

    assert tree(reader.outline) == [
        ("Index", 2),
        ("Section A: Preliminary documents", 3, [("Case summary", 3)]),
        ("Section C: Statements", 5, [("Statement of the social worker", 5),
                                      ("Photograph turned sideways", 8),
                                      ("Consent form", 9)]),
        ("Section E: Experts' reports", 10, [("Scanned letter", 10),
                                             ("Parenting assessment", 12)]),
    ]


def links(reader: PdfReader, page_number: int) -> list[tuple[list[float], int]]:
    """Each link on a page (from 1): its rectangle and the page (from 1) it opens."""
    found = []
    for annotation in reader.pages[page_number - 1].get("/Annots", []):
        annotation = annotation.get_object()
        if annotation["/Subtype"] == "/Link":
            target = annotation["/Dest"][0]
            found.append(([float(v) for v in annotation["/Rect"]],
                          reader.get_page_number(reader.get_object(target.idnum)) + 1
                          if hasattr(target, "idnum") else -1))
    return found


def test_each_index_entry_links_to_its_document_over_its_row(built: Built) -> None:
    index_links = links(built.reader, 2)
    page = built.pages[1]
    assert sorted(target for _, target in index_links) == [
        entry.first_page for entry in built.bundle.manifest]
    for entry in built.bundle.manifest:
        (rect,) = [rect for rect, target in index_links if target == entry.first_page]
        first_word = next(word for word in page.words if word.text == entry.title.split()[0])
        assert rect[0] <= first_word.x0 and first_word.x1 <= rect[2]
        assert rect[1] <= page.height - first_word.y1 and page.height - first_word.y0 <= rect[3]


def test_back_to_index_links_open_the_index(built: Built) -> None:
    for number in range(3, 14):
        assert [target for _, target in links(built.reader, number)] == [2], number


def test_a_turned_page_keeps_its_turn_and_its_stamp_reads_upright_at_the_foot(
        built: Built) -> None:
    with pikepdf.open(built.bundle.path) as pdf:
        assert pdf.pages[7].obj.Rotate == 90
    shown = built.pages[7]
    assert shown.width > shown.height  # an A4 page on its side, as the viewer shows it
    (stamp,) = [word for word in shown.words if word.text == "C4"]
    assert stamp.y0 > shown.height - 40 and stamp.x0 > shown.width / 2
    assert stamp.x1 - stamp.x0 > stamp.y1 - stamp.y0  # written along the line, not up it


def test_form_values_print_and_no_field_can_be_edited(built: Built) -> None:
    assert "Jane Example" in built.pages[8].text()
    with pikepdf.open(built.bundle.path) as pdf:
        assert "/AcroForm" not in pdf.Root
        for page in pdf.pages:
            for annotation in page.obj.get("/Annots", []):
                assert annotation.Subtype != pikepdf.Name.Widget


def test_a_page_with_no_free_margin_gets_its_number_on_a_white_label(built: Built) -> None:
    # The scan is a grey image to its edges: the number sits on white, in the corner.
    (stamp,) = [word for word in built.pages[9].words if word.text == "E1"]
    assert stamp.y0 > built.pages[9].height - 40
    picture = subprocess.run(
        ["pdftoppm", "-f", "10", "-l", "10", "-r", "72", "-gray", str(built.bundle.path)],
        capture_output=True, check=True).stdout
    image = Image.open(BytesIO(picture))
    assert image.getpixel((int(stamp.x0) - 1, int((stamp.y0 + stamp.y1) / 2))) == 255
    assert image.getpixel((int(stamp.x0) - 30, int((stamp.y0 + stamp.y1) / 2))) < 230


def test_the_bundle_is_written_where_asked(built: Built, tmp_path: Path) -> None:
    assert built.bundle.path.name == "bundle.pdf"
    assert [p.name for p in built.bundle.path.parent.iterdir()
            if p.name != "bundle.pdf" and p.suffix == ".part"] == []

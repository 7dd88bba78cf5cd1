"""Building step by step: late additions, progress, cancelling, refusals, an empty bundle."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from plo_tracker.documents.bundle import (
    BuildCancelled,
    BundleLayout,
    BundleNotBuilt,
    build_bundle,
)
from tests.documents.bundle.pdf_samples import document, layout, qpdf_check, text_pdf


def three_sections(folder: Path) -> BundleLayout:
    return layout([
        ("A", "Preliminary documents", [
            document(text_pdf(folder / "a1.pdf", "Summary", 2), "a1", "Case summary", 2)]),
        ("C", "Statements", [
            document(text_pdf(folder / "c1.pdf", "Mother", 3), "c1", "Mother's statement", 3),
            document(text_pdf(folder / "c2.pdf", "Father", 2), "c2", "Father's statement", 2)]),
        ("D", "Care plans", [
            document(text_pdf(folder / "d1.pdf", "Plan", 2), "d1", "Care plan", 2)]),
    ])


def test_a_late_document_at_the_end_of_its_section_leaves_earlier_numbers_alone(
        tmp_path: Path) -> None:
    first = build_bundle(three_sections(tmp_path), tmp_path / "v1.pdf")
    late = document(text_pdf(tmp_path / "c3.pdf", "Grandmother", 2), "c3",
                    "Grandmother's statement", 2)
    sections = three_sections(tmp_path).sections
    later = replace(three_sections(tmp_path), sections=(
        sections[0], replace(sections[1], documents=(*sections[1].documents, late)),
        sections[2]), changes=("Added Grandmother's statement (C6 - C7).",))
    second = build_bundle(later, tmp_path / "v2.pdf")
    qpdf_check(tmp_path / "v2.pdf")

    def labels(built: object, key: str) -> list[str]:
        (entry,) = [e for e in built.manifest if e.key == key]
        return list(built.page_labels[entry.first_page - 1:entry.last_page])

    for key in ("a1", "c1", "c2", "d1"):
        assert labels(second, key) == labels(first, key)
    assert labels(second, "c3") == ["C6", "C7"]
    assert labels(second, "d1") == ["D1", "D2"]
    assert "Added Grandmother's statement (C6 - C7)." in PdfReader(second.path).pages[1] \
        .extract_text()


def test_progress_is_told_after_each_document(tmp_path: Path) -> None:
    told: list[tuple[int, int]] = []
    build_bundle(three_sections(tmp_path), tmp_path / "b.pdf",
                 progress=lambda done, total: told.append((done, total)))
    assert told == [(1, 4), (2, 4), (3, 4), (4, 4)]


@pytest.mark.parametrize("after", [0, 2, 4])
def test_cancelling_leaves_nothing_behind(tmp_path: Path, after: int) -> None:
    the_layout = three_sections(tmp_path)
    before = set(tmp_path.iterdir())
    asked = []

    def cancelled() -> bool:
        asked.append(True)
        return len(asked) > after

    with pytest.raises(BuildCancelled) as refused:
        build_bundle(the_layout, tmp_path / "b.pdf", cancelled=cancelled)
    assert "cancelled" in refused.value.message
    assert set(tmp_path.iterdir()) == before


def test_an_earlier_file_is_replaced_only_by_a_complete_one(tmp_path: Path) -> None:
    out = tmp_path / "b.pdf"
    out.write_bytes(b"the previous bundle")
    with pytest.raises(BuildCancelled):
        build_bundle(three_sections(tmp_path), out, cancelled=lambda: True)
    assert out.read_bytes() == b"the previous bundle"
    build_bundle(three_sections(tmp_path), out)
    assert len(PdfReader(out).pages) == 2 + 9


def test_a_missing_file_stops_the_build_naming_the_document(tmp_path: Path) -> None:
    the_layout = three_sections(tmp_path)
    (tmp_path / "c2.pdf").unlink()
    before = set(tmp_path.iterdir())
    with pytest.raises(BundleNotBuilt, match="“Father's statement” could not be read"):
        build_bundle(the_layout, tmp_path / "b.pdf")
    assert set(tmp_path.iterdir()) == before


def test_a_file_with_another_page_count_is_refused(tmp_path: Path) -> None:
    the_layout = three_sections(tmp_path)
    text_pdf(tmp_path / "d1.pdf", "Plan", 5)
    with pytest.raises(BundleNotBuilt,
                       match="“Care plan” has 5 pages, but 2 were counted when it was added"):
        build_bundle(the_layout, tmp_path / "b.pdf")
    assert not (tmp_path / "b.pdf").exists()


def test_an_unreadable_or_locked_file_is_refused(tmp_path: Path) -> None:
    the_layout = three_sections(tmp_path)
    (tmp_path / "a1.pdf").write_bytes(b"not a pdf at all")
    with pytest.raises(BundleNotBuilt, match="“Case summary” is not a readable PDF"):
        build_bundle(the_layout, tmp_path / "b.pdf")
    with pikepdf.open(text_pdf(tmp_path / "plain.pdf", "Summary", 2)) as pdf:
        pdf.save(tmp_path / "a1.pdf", encryption=pikepdf.Encryption(owner="o", user="u"))
    with pytest.raises(BundleNotBuilt, match="locked with a password"):
        build_bundle(the_layout, tmp_path / "b.pdf")
    assert not (tmp_path / "b.pdf").exists()


def test_a_bundle_without_documents_has_its_front_sheet_and_index(tmp_path: Path) -> None:
    built = build_bundle(layout([("A", "Preliminary documents", [])]), tmp_path / "b.pdf")
    qpdf_check(built.path)
    assert built.page_labels == ("i", "ii") and built.manifest == ()
    assert "No documents in this section." in PdfReader(built.path).pages[1].extract_text()


def test_a_folder_that_does_not_exist_is_named(tmp_path: Path) -> None:
    with pytest.raises(BundleNotBuilt, match="could not be written in .*missing"):
        build_bundle(three_sections(tmp_path), tmp_path / "missing" / "b.pdf")

"""One document file open at a time, however many documents a bundle has."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from plo_tracker.documents.bundle import build_bundle
from tests.documents.bundle.pdf_samples import (
    document,
    layout,
    qpdf_check,
    shown_pages,
    text_pdf,
)


def many_documents(folder: Path, count: int) -> list:
    return [document(text_pdf(folder / f"{number}.pdf", f"Doc{number:02d}", 1), str(number),
                     f"Document {number}", 1) for number in range(count)]


@pytest.mark.skipif(not sys.platform.startswith("linux"),
                    reason="counts open files in /proc/self/fd")
def test_no_document_stays_open_once_bound_in(tmp_path: Path) -> None:
    documents = many_documents(tmp_path, 30)
    before = len(os.listdir("/proc/self/fd"))
    counts: list[int] = []
    build_bundle(layout([("F", "Other documents", documents)]), tmp_path / "b.pdf",
                 progress=lambda done, total: counts.append(len(os.listdir("/proc/self/fd"))))
    assert max(counts) <= before
    assert len(os.listdir("/proc/self/fd")) == before


def test_a_document_moved_once_bound_in_does_not_spoil_the_bundle(tmp_path: Path) -> None:
    # The bundle must hold every page's content once the page is bound in, not read the
    # file again when the bundle is written.
    documents = many_documents(tmp_path, 5)

    def progress(done: int, total: int) -> None:
        documents[done - 1].pdf_path.unlink()

    built = build_bundle(layout([("F", "Other documents", documents)]), tmp_path / "b.pdf",
                         progress=progress)
    qpdf_check(built.path)
    pages = shown_pages(built.path)
    for number in range(5):
        assert f"Doc{number:02d} page 1" in pages[2 + number].text()

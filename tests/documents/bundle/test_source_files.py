"""Documents are read through few open files, however many a bundle has."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from plo_tracker.documents.bundle import build_bundle
from plo_tracker.documents.bundle.source_files import FilePool, ReopeningFile
from tests.documents.bundle.pdf_samples import document, layout, qpdf_check, text_pdf

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="counts open files in /proc/self/fd")


def open_files() -> int:
    return len(os.listdir("/proc/self/fd"))


def test_a_reopening_file_reads_like_the_file(tmp_path: Path) -> None:
    path = tmp_path / "data.bin"
    path.write_bytes(bytes(range(256)) * 4)
    pool = FilePool()
    file = ReopeningFile(path, pool)
    assert file.read(3) == bytes([0, 1, 2])
    file.seek(-2, os.SEEK_END)
    assert file.read() == bytes([254, 255])
    file.seek(10)
    pool.close()  # the handle goes; the next read opens it again where it was
    assert file.tell() == 10 and file.read(2) == bytes([10, 11])
    file.close()


@linux_only
def test_no_more_than_the_pools_size_are_open_at_once(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(FilePool, "size", 3)
    paths = []
    for number in range(10):
        paths.append(tmp_path / f"{number}.bin")
        paths[-1].write_bytes(b"x" * 100)
    before = open_files()
    pool = FilePool()
    files = [ReopeningFile(path, pool) for path in paths]
    for _ in range(2):
        for file in files:
            file.seek(0)
            assert file.read(5) == b"xxxxx"
            assert open_files() <= before + 3
    pool.close()
    assert open_files() == before


@linux_only
def test_a_bundle_of_many_documents_keeps_few_files_open(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(FilePool, "size", 4)
    source = text_pdf(tmp_path / "one.pdf", "Page", 1)
    documents = []
    for number in range(30):
        path = tmp_path / f"{number}.pdf"
        path.write_bytes(source.read_bytes())
        documents.append(document(path, str(number), f"Document {number}", 1))
    before = open_files()
    counts: list[int] = []
    built = build_bundle(layout([("F", "Other documents", documents)]), tmp_path / "b.pdf",
                         progress=lambda done, total: counts.append(open_files()))
    assert max(counts) <= before + 4 + 2  # the pool, the file being written, the fonts
    assert open_files() == before
    qpdf_check(built.path)
    assert built.page_count == 32

"""Word-processor documents become PDFs through LibreOffice run headless.

LibreOffice is installed here and in CI (.ci/run), so these run; each converts one
short page, which takes a few seconds.
"""

from __future__ import annotations

import time
from pathlib import Path

import docx
import pytest

from plo_tracker.documents.intake import (
    DocumentRefused,
    IntakeCancelled,
    office_unavailable,
    page_texts,
    prepare_document,
)
from tests.documents.intake.makers import odt, rtf


def word(path: Path, text: str) -> Path:
    document = docx.Document()
    document.add_heading("Care plan", level=1)
    document.add_paragraph(text)
    document.save(path)
    return path


def test_libreoffice_is_found_here() -> None:
    assert office_unavailable() is None


@pytest.mark.parametrize(("make", "file_name", "was"), [
    pytest.param(word, "care plan.docx", "Word document", id="docx"),
    pytest.param(odt, "minutes.odt", "OpenDocument text", id="odt"),
    pytest.param(rtf, "letter.rtf", "Rich Text document", id="rtf"),
])
def test_a_document_is_converted_with_its_words(tmp_path: Path, make, file_name: str,
                                                was: str) -> None:
    words = "The children will live with their grandmother from March"
    prepared = prepare_document(make(tmp_path / file_name, words), tmp_path / "work")
    assert prepared.converted_from == was
    assert prepared.page_count == 1
    assert prepared.pages_without_text == ()
    assert words in " ".join(page_texts(prepared.pdf_path)[0].split())
    assert prepared.notes[0].startswith(f"{file_name} (")
    assert sorted(path.name for path in (tmp_path / "work").iterdir()) == [
        f"{Path(file_name).stem}.pdf"]


def test_without_libreoffice_a_document_is_refused_with_the_reason(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = odt(tmp_path / "minutes.odt", "Minutes")
    (tmp_path / "empty-bin").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    assert office_unavailable() == "LibreOffice is not installed"
    with pytest.raises(DocumentRefused) as refusal:
        prepare_document(source, tmp_path / "work")
    assert refusal.value.message.startswith(
        "minutes.odt is an OpenDocument text, which must be turned into a PDF by "
        "LibreOffice, but LibreOffice is not installed on this computer.")
    assert list((tmp_path / "work").iterdir()) == []


def test_cancelling_ends_libreoffice_and_leaves_nothing_behind(tmp_path: Path) -> None:
    source = rtf(tmp_path / "letter.rtf", "A letter")
    started = []

    def cancelled() -> bool:
        started.append(time.monotonic())
        return len(started) > 3  # once LibreOffice is running

    with pytest.raises(IntakeCancelled, match="Adding letter.rtf was cancelled"):
        prepare_document(source, tmp_path / "work", cancelled=cancelled)
    assert list((tmp_path / "work").iterdir()) == []


def test_a_file_libreoffice_cannot_read_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "broken.rtf"
    source.write_bytes(b"{\\rtf1" + bytes(range(256)) * 4)
    with pytest.raises(DocumentRefused, match="broken.rtf"):
        prepare_document(source, tmp_path / "work")
    assert list((tmp_path / "work").iterdir()) == []

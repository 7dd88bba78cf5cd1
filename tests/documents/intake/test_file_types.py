"""The kind of a file is read from its content; the name only words the refusal."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from PIL import Image

from plo_tracker.documents.intake import DocumentRefused
from plo_tracker.documents.intake.file_types import FileKind, detect_kind
from tests.documents.intake.makers import odt, rtf, text_pdf

OLE_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


def test_each_accepted_kind_is_known_by_its_content_whatever_its_name(tmp_path: Path) -> None:
    made = {
        FileKind.PDF: text_pdf(tmp_path / "a", ["text"]),
        FileKind.RTF: rtf(tmp_path / "b", "text"),
        FileKind.ODT: odt(tmp_path / "c", "text"),
    }
    document = docx.Document()
    document.add_paragraph("text")
    document.save(tmp_path / "d")
    made[FileKind.DOCX] = tmp_path / "d"
    for kind, image_format in ((FileKind.JPEG, "JPEG"), (FileKind.PNG, "PNG"),
                               (FileKind.TIFF, "TIFF")):
        Image.new("RGB", (4, 4)).save(tmp_path / image_format, format=image_format)
        made[kind] = tmp_path / image_format
    doc = tmp_path / "old word file.txt"
    doc.write_bytes(OLE_HEADER + "WordDocument".encode("utf-16-le") + bytes(100))
    made[FileKind.DOC] = doc
    assert {kind: detect_kind(path) for kind, path in made.items()} == {
        kind: kind for kind in made}
    assert set(made) == set(FileKind)


def test_a_pdf_with_bytes_before_its_header_is_still_a_pdf(tmp_path: Path) -> None:
    source = tmp_path / "from the mail gateway.pdf"
    source.write_bytes(b"\r\n\r\n" + text_pdf(tmp_path / "good.pdf", ["text"]).read_bytes())
    assert detect_kind(source) is FileKind.PDF


def test_a_spreadsheet_is_refused_saying_what_is_accepted(tmp_path: Path) -> None:
    source = tmp_path / "budget.xlsx"
    with zipfile.ZipFile(source, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(DocumentRefused) as refusal:
        detect_kind(source)
    assert refusal.value.message == (
        "budget.xlsx is not a kind of file PLO Tracker can add. It accepts a PDF, an image "
        "(JPEG, PNG or TIFF) or a word-processor document (.docx, .doc, .odt or .rtf). Open "
        "the file in the program that made it and save or print it as a PDF.")


def test_a_password_protected_word_or_writer_file_is_refused_as_such(tmp_path: Path) -> None:
    # Word keeps an encrypted .docx inside a compound file, in a stream of this name.
    word = tmp_path / "assessment.docx"
    word.write_bytes(OLE_HEADER + "EncryptedPackage".encode("utf-16-le") + bytes(100))
    writer = odt(tmp_path / "notes.odt", "text", encrypted=True)
    for source in (word, writer):
        with pytest.raises(DocumentRefused, match=f"{source.name} is password protected"):
            detect_kind(source)


def test_a_damaged_zip_is_refused_as_damaged(tmp_path: Path) -> None:
    source = tmp_path / "report.docx"
    source.write_bytes(b"PK\x03\x04" + bytes(range(200)))
    with pytest.raises(DocumentRefused, match=r"report\.docx is damaged"):
        detect_kind(source)

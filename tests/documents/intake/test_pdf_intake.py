"""PDFs from outside: accepted as they are, mended where qpdf can, refused with reasons."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pikepdf
import pytest

from plo_tracker.documents.intake import (
    DocumentRefused,
    IntakeCancelled,
    page_texts,
    prepare_document,
)
from tests.documents.intake.makers import (
    break_startxref,
    break_xref,
    rotate_pages,
    text_pdf,
    varied_pdf,
)

WORDS = ["The first page of the social work statement", "The second page, with more words"]


def leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


def assert_refused(source: Path, work: Path, pattern: str) -> None:
    """Preparing ``source`` is refused with ``pattern`` and leaves nothing in ``work``."""
    with pytest.raises(DocumentRefused, match=pattern):
        prepare_document(source, work)
    assert leftovers(work) == []


def encrypt(source: Path, **encryption) -> Path:
    with pikepdf.open(source, allow_overwriting_input=True) as pdf:
        pdf.save(source, encryption=pikepdf.Encryption(**encryption))
    return source


def test_a_text_pdf_is_kept_with_its_pages_and_text(tmp_path: Path) -> None:
    source = text_pdf(tmp_path / "statement.pdf", WORDS)
    prepared = prepare_document(source, tmp_path / "work")
    assert prepared.pdf_path.parent == tmp_path / "work"
    assert prepared.page_count == 2
    assert prepared.pages_without_text == ()
    assert prepared.ocr_pages == ()
    assert not prepared.repaired
    assert prepared.converted_from is None
    assert prepared.notes == ()
    assert [text.strip() for text in page_texts(prepared.pdf_path)] == WORDS
    assert leftovers(tmp_path / "work") == ["statement.pdf"]


def test_forms_odd_sizes_and_rotation_are_kept(tmp_path: Path) -> None:
    source = rotate_pages(varied_pdf(tmp_path / "varied.pdf"), 90)
    prepared = prepare_document(source, tmp_path / "work", ocr=False)
    assert prepared.page_count == 4
    with pikepdf.open(prepared.pdf_path) as pdf:
        sizes = [tuple(round(float(v)) for v in page.mediabox[2:]) for page in pdf.pages]
        assert sizes == [(595, 842), (842, 1191), (612, 792), (300, 500)]
        assert [int(page.Rotate) for page in pdf.pages] == [90, 90, 90, 90]
        fields = {str(field.T) for field in pdf.Root.AcroForm.Fields}
        assert fields == {"worker", "agreed"}
    assert "An odd-sized receipt page" in page_texts(prepared.pdf_path)[3]


def test_two_files_of_the_same_name_do_not_overwrite_each_other(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = text_pdf(tmp_path / "a" / "letter.pdf", [WORDS[0]])
    second = text_pdf(tmp_path / "b" / "letter.pdf", [WORDS[1]])
    one = prepare_document(first, tmp_path / "work")
    two = prepare_document(second, tmp_path / "work")
    assert one.pdf_path != two.pdf_path
    assert WORDS[0] in page_texts(one.pdf_path)[0]
    assert WORDS[1] in page_texts(two.pdf_path)[0]


@pytest.mark.parametrize("damage", [break_xref, break_startxref])
def test_broken_cross_references_are_repaired_and_the_user_told(tmp_path: Path,
                                                               damage) -> None:
    source = damage(text_pdf(tmp_path / "minutes.pdf", WORDS))
    prepared = prepare_document(source, tmp_path / "work")
    assert prepared.repaired
    assert any("minutes.pdf was damaged and has been repaired" in note
               for note in prepared.notes)
    assert [text.strip() for text in page_texts(prepared.pdf_path)] == WORDS
    checked = subprocess.run(["qpdf", "--check", prepared.pdf_path], capture_output=True,
                             text=True, check=False)
    assert checked.returncode == 0, checked.stdout + checked.stderr


@pytest.mark.parametrize("content", [
    pytest.param(lambda good: good[: len(good) // 3], id="truncated"),
    pytest.param(lambda good: b"%PDF-1.7\n" + bytes(range(256)) * 20, id="garbage"),
])
def test_a_pdf_damaged_beyond_repair_is_refused_by_name(tmp_path: Path, content) -> None:
    good = text_pdf(tmp_path / "good.pdf", WORDS).read_bytes()
    source = tmp_path / "report.pdf"
    source.write_bytes(content(good))
    assert_refused(source, tmp_path / "work", r"report\.pdf is damaged beyond repair")


def test_a_password_protected_pdf_is_refused(tmp_path: Path) -> None:
    source = encrypt(text_pdf(tmp_path / "plan.pdf", WORDS), user="secret", owner="secret")
    assert_refused(source, tmp_path / "work", r"plan\.pdf is password protected")


def test_restrictions_set_by_an_owner_password_are_removed_and_said(tmp_path: Path) -> None:
    source = encrypt(text_pdf(tmp_path / "order.pdf", WORDS), user="", owner="court",
                     allow=pikepdf.Permissions(extract=False, modify_other=False))
    prepared = prepare_document(source, tmp_path / "work")
    with pikepdf.open(prepared.pdf_path) as pdf:
        assert not pdf.is_encrypted
    assert any("restrictions" in note for note in prepared.notes)


def test_a_pdf_with_no_pages_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "empty.pdf"
    pikepdf.Pdf.new().save(source)
    assert_refused(source, tmp_path / "work", r"empty\.pdf has no pages")


def test_a_text_file_named_pdf_is_refused_saying_what_is_accepted(tmp_path: Path) -> None:
    source = tmp_path / "notes.pdf"
    source.write_text("Meeting notes typed in a text editor.\n")
    with pytest.raises(DocumentRefused) as refusal:
        prepare_document(source, tmp_path / "work")
    message = refusal.value.message
    assert message.startswith("notes.pdf is not a PDF")
    assert "JPEG, PNG or TIFF" in message and ".docx" in message


def test_an_empty_or_missing_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "nothing.pdf").write_bytes(b"")
    with pytest.raises(DocumentRefused, match=r"nothing\.pdf is empty"):
        prepare_document(tmp_path / "nothing.pdf", tmp_path / "work")
    with pytest.raises(DocumentRefused, match=r"gone\.pdf cannot be found"):
        prepare_document(tmp_path / "gone.pdf", tmp_path / "work")


def test_cancelling_leaves_nothing_behind(tmp_path: Path) -> None:
    source = text_pdf(tmp_path / "statement.pdf", WORDS)
    asked = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) >= 3  # after the file has been read and checked

    with pytest.raises(IntakeCancelled, match="statement.pdf was cancelled"):
        prepare_document(source, tmp_path / "work", cancelled=cancelled)
    assert leftovers(tmp_path / "work") == []

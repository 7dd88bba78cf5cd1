"""A batch's letters written to a folder: the names they get, and no file ever replaced."""

from __future__ import annotations

import errno
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from plo_tracker.domain.errors import DomainError
from plo_tracker.domain.letter_types import LetterType
from plo_tracker.services.letter_files import LettersNotWritten, write_batch
from plo_tracker.services.letters import BatchResult, GeneratedLetterView

COMBINED = "lbp-letters-2026-11-26.pdf"


def letter(letter_id: int, name: str, pages: int) -> GeneratedLetterView:
    return GeneratedLetterView(
        letter_id, 1, "PLO-2026-0042", LetterType.LBP, letter_id, name, date(2026, 11, 26), 1,
        "admin", datetime(2026, 11, 26, 12, tzinfo=UTC), "0" * 64, pages, None, None)


# Two letters; the bytes stand in for the PDFs (the files are written as given).
BATCH = BatchResult(
    letters=((letter(11, "Jade Ashdown", 3), b"to Jade"),
             (letter(12, "Liam Brook", 1), b"to Liam")),
    combined=b"both", skipped=(), cancelled=False)
JADE, LIAM = (view.file_name for view, _pdf in BATCH.letters)


def test_each_letter_has_its_own_file_and_one_file_holds_them_all(tmp_path):
    written = write_batch(tmp_path, BATCH)
    assert [f.path for f in written.files()] == [tmp_path / JADE, tmp_path / LIAM,
                                                 tmp_path / COMBINED]
    assert (tmp_path / JADE).read_bytes() == b"to Jade"
    assert (tmp_path / COMBINED).read_bytes() == b"both"
    assert [f.describe() for f in written.files()] == [
        f"{JADE}: the letter to Jade Ashdown, 3 pages",
        f"{LIAM}: the letter to Liam Brook, 1 page",
        f"{COMBINED}: all 2 letters in one file, to print",
    ]
    assert not any(f.renamed for f in written.files())


def test_a_file_already_there_is_kept_and_the_new_one_gets_a_number(tmp_path):
    (tmp_path / COMBINED).write_bytes(b"last week's letters")
    (tmp_path / "lbp-letters-2026-11-26 (2).pdf").write_bytes(b"yesterday's letters")
    written = write_batch(tmp_path, BATCH)
    assert (tmp_path / COMBINED).read_bytes() == b"last week's letters"
    assert (tmp_path / "lbp-letters-2026-11-26 (2).pdf").read_bytes() == b"yesterday's letters"
    combined = written.combined
    assert combined is not None and combined.renamed
    assert combined.path.name == "lbp-letters-2026-11-26 (3).pdf"
    assert combined.path.read_bytes() == b"both"
    assert combined.describe() == (
        "lbp-letters-2026-11-26 (3).pdf: all 2 letters in one file, to print "
        f"({COMBINED} was already in the folder and is left as it was)")

    # The same batch written again keeps every earlier file too.
    again = write_batch(tmp_path, BATCH)
    assert [f.path.name for f in again.letters] == [
        f"{Path(JADE).stem} (2).pdf", f"{Path(LIAM).stem} (2).pdf"]
    assert (tmp_path / JADE).read_bytes() == b"to Jade"
    assert len(list(tmp_path.iterdir())) == 2 + 3 + 3


def test_a_folder_that_is_not_there_is_refused_in_words(tmp_path):
    with pytest.raises(LettersNotWritten) as refused:
        write_batch(tmp_path / "gone", BATCH)
    assert isinstance(refused.value, DomainError)
    assert refused.value.message.startswith(
        "The letters could not be saved in the folder gone: the folder does not exist.")
    assert "kept with each family's record" in refused.value.message
    assert refused.value.written == ()


class _FullDisk:
    """A file that opens, then finds the disk full as it is written."""

    def __init__(self, file) -> None:
        self._file = file

    def __enter__(self):
        return self

    def __exit__(self, *_exc) -> None:
        self._file.close()

    def write(self, _data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")


def test_a_folder_that_fills_up_says_what_it_took_and_leaves_no_half_letter(
        tmp_path, monkeypatch):
    real_open = Path.open

    def open_until_full(path: Path, mode: str = "r", *args, **kwargs):
        file = real_open(path, mode, *args, **kwargs)
        return _FullDisk(file) if path.name == LIAM else file

    monkeypatch.setattr(Path, "open", open_until_full)
    with pytest.raises(LettersNotWritten) as refused:
        write_batch(tmp_path, BATCH)
    assert refused.value.message.startswith(
        f"The letters could not be saved in the folder {tmp_path.name}: the disk is full. "
        "1 file was written before it stopped.")
    assert [f.path.name for f in refused.value.written] == [JADE]
    assert sorted(p.name for p in tmp_path.iterdir()) == [JADE]


def test_a_batch_with_no_letters_writes_nothing(tmp_path):
    empty = BatchResult((), None, (("PLO-2026-0042", "missing the concerns"),), False)
    assert write_batch(tmp_path, empty).files() == ()
    assert list(tmp_path.iterdir()) == []

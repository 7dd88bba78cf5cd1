"""Letters written to a folder as PDF files: one naming scheme, and never a file replaced.

The batch window and ``plo-tracker letters batch`` both write through here, so the same
letters get the same file names either way, and what was written is told in the same words.
"""

from __future__ import annotations

import errno
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from plo_tracker.domain.errors import DomainError
from plo_tracker.storage.files import write_new_file

from .letters import BatchResult, GeneratedLetterView

_PLAIN_REASONS = {
    errno.EACCES: "you are not allowed to save files there",
    errno.EPERM: "you are not allowed to save files there",
    errno.EROFS: "the folder cannot be written to",
    errno.ENOENT: "the folder does not exist",
    errno.ENOTDIR: "that is not a folder",
    errno.ENOSPC: "the disk is full",
}


class LettersNotWritten(DomainError):
    """The folder did not take the letters; ``written`` holds the files it took before that."""

    def __init__(self, message: str, written: tuple[WrittenFile, ...]) -> None:
        super().__init__(message, field="folder")
        self.written = written


@dataclass(frozen=True)
class WrittenFile:
    """One file written: where, what it holds in words, and the name it was meant to have."""

    path: Path
    holds: str
    wanted: str

    @property
    def renamed(self) -> bool:
        """True when a file with the wanted name was in the folder already (and is kept)."""
        return self.path.name != self.wanted

    def describe(self) -> str:
        """The file in words, e.g. "lbp-letters-2026-11-26.pdf: all 4 letters in one file…"."""
        words = f"{self.path.name}: {self.holds}"
        if self.renamed:
            words += f" ({self.wanted} was already in the folder and is left as it was)"
        return words


@dataclass(frozen=True)
class WrittenBatch:
    """What a batch put in the folder: each letter's file, and the one that holds them all."""

    letters: tuple[WrittenFile, ...]
    combined: WrittenFile | None

    def files(self) -> tuple[WrittenFile, ...]:
        """Every file written, the letters first and the combined one last."""
        return self.letters + ((self.combined,) if self.combined else ())


def combined_file_name(letters: Iterable[GeneratedLetterView]) -> str:
    """The name of the file holding a batch's letters together, from their kind and date."""
    first = next(iter(letters))
    return f"{first.letter_type.code}-letters-{first.letter_date:%Y-%m-%d}.pdf"


def write_letters(folder: Path, letters: Iterable[tuple[GeneratedLetterView, bytes]],
                  ) -> list[WrittenFile]:
    """Write each letter as its own file, named by what it is, never replacing a file.

    Raises:
        LettersNotWritten: the folder refused them; the message says why in plain words.
    """
    written: list[WrittenFile] = []
    for view, pdf in letters:
        pages = f"{view.pages} page{'' if view.pages == 1 else 's'}"
        written.append(_write(folder, view.file_name, pdf,
                              f"the letter to {view.recipient_name}, {pages}", written))
    return written


def write_batch(folder: Path, result: BatchResult) -> WrittenBatch:
    """Write each letter of a batch as its own file, and all of them in one file to print.

    Raises:
        LettersNotWritten: the folder refused them; the message says why in plain words.
    """
    written = write_letters(folder, result.letters)
    combined = None
    if result.combined is not None and result.letters:
        count = len(result.letters)
        holds = ("the same letter, to print" if count == 1
                 else f"all {count} letters in one file, to print")
        combined = _write(folder, combined_file_name(v for v, _pdf in result.letters),
                          result.combined, holds, written)
    return WrittenBatch(tuple(written), combined)


def _write(folder: Path, name: str, pdf: bytes, holds: str,
           so_far: list[WrittenFile]) -> WrittenFile:
    try:
        path = write_new_file(folder / name, lambda file: file.write(pdf))
    except OSError as error:
        raise _not_written(folder, error, tuple(so_far)) from None
    return WrittenFile(path, holds, name)


def _not_written(folder: Path, error: OSError,
                 written: tuple[WrittenFile, ...]) -> LettersNotWritten:
    reason = _PLAIN_REASONS.get(error.errno or 0) or (
        f"the computer refused them ({error.strerror})" if error.strerror
        else "the computer refused them")
    done = "" if not written else (
        f" {len(written)} {'file was' if len(written) == 1 else 'files were'} written "
        "before it stopped.")
    return LettersNotWritten(
        f"The letters could not be saved in the folder {folder.name or folder}: {reason}."
        f"{done} They are kept with each family's record, so nothing is lost: choose another "
        "folder, or save copies from each family's letters.", written)

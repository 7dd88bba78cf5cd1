"""The panel's papers (agenda pack, summary sheets, minutes, decision letters) saved as PDFs
on a worker thread, and a line saying where they went with a link to open them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtWidgets import QFileDialog, QLabel, QWidget

from ..problem_text import problem_text
from ..workers import BackgroundTask


def safe_name(text: str) -> str:
    """A file name from words, safe on every system."""
    kept = "".join(c if c.isalnum() or c in " ._-" else " " for c in text)
    return " ".join(kept.split()) or "panel"


def free_path(folder: Path, name: str) -> Path:
    """``folder / name``, or "name (2).pdf" and so on when a file has that name already."""
    path, stem, suffix, number = folder / name, Path(name).stem, Path(name).suffix, 1
    while path.exists():
        number += 1
        path = folder / f"{stem} ({number}){suffix}"
    return path


def choose_pdf(parent: QWidget, title: str, suggested: str) -> Path | None:
    """Ask where to save a PDF; None if the user changed their mind."""
    name, _filter = QFileDialog.getSaveFileName(parent, title, str(Path.home() / suggested),
                                                "PDF files (*.pdf)")
    if not name:
        return None
    return Path(name if name.lower().endswith(".pdf") else name + ".pdf")


def choose_folder(parent: QWidget, title: str) -> Path | None:
    """Ask for a folder; None if the user changed their mind."""
    name = QFileDialog.getExistingDirectory(parent, title, str(Path.home()))
    return Path(name) if name else None


def _link(path: Path) -> str:
    url = QUrl.fromLocalFile(str(path)).toString()
    return f'<a href="{url}">{_escape(path.name)}</a>'


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class PaperSaver(QObject):
    """Saves papers in the background and says so in ``status`` (a label it fills).

    ``saved(paths)`` when the files are written (a tuple of Paths); ``failed(message)``
    otherwise. One paper at a time: a second asked for while one is saving waits its turn
    by being refused with a sentence.
    """

    saved = Signal(object)
    failed = Signal(str)

    def __init__(self, status: QLabel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.status = status
        status.setTextFormat(Qt.TextFormat.RichText)
        status.setOpenExternalLinks(True)
        status.setWordWrap(True)
        self._task: BackgroundTask | None = None
        self._what = ""
        self._kept = 0

    def is_saving(self) -> bool:
        return self._task is not None

    def save(self, what: str, work: Callable[[], Sequence[Path]],
             kept: int = 0) -> BackgroundTask | None:
        """Run ``work`` (which writes the files and returns their paths) off the GUI thread.

        Args:
            what: the paper in words, after "Saving" ("the minutes").
            kept: how many papers ``work`` adds to families' documents instead of files.
        """
        if self._task is not None:
            self.status.setText(_escape(f"Still saving {self._what}: wait a moment, then try "
                                        "again."))
            return None
        self._what, self._kept = what, kept
        self.status.setText(_escape(f"Saving {what}…"))
        self._task = BackgroundTask(lambda: tuple(work()))
        self._task.succeeded.connect(self._done)
        self._task.failed.connect(self._failed)
        return self._task.start()

    def _done(self, paths: tuple[Path, ...]) -> None:
        self._task = None
        if self._kept:
            self.status.setText(_escape(
                f"Added {self._what} to the families' documents ({self._kept} "
                f"{'family' if self._kept == 1 else 'families'}): each is on its Documents tab."))
        elif not paths:
            self.status.setText(_escape(f"Nothing to save for {self._what}."))
        elif len(paths) == 1:
            self.status.setText(f"Saved {_escape(self._what)} as {_link(paths[0])} in "
                                f"{_escape(str(paths[0].parent))} (click the name to open it).")
        else:
            self.status.setText(f"Saved {len(paths)} files for {_escape(self._what)} in "
                                f"{_link(paths[0].parent)}: "
                                + ", ".join(_link(path) for path in paths) + ".")
        self.saved.emit(paths)

    def _failed(self, error: BaseException) -> None:
        self._task = None
        message = problem_text(error, f"{self._what[:1].upper()}{self._what[1:]} could not be "
                                      "saved.")
        self.status.setText(_escape(message))
        self.failed.emit(message)

"""The field that holds the files chosen to add, and the file dialog that chooses them."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLineEdit, QPushButton, QWidget

# What intake accepts; the content decides in the end (a text file named .pdf is refused).
FILE_FILTER = ";;".join((
    "Documents (*.pdf *.jpg *.jpeg *.png *.tif *.tiff *.docx *.doc *.odt *.rtf)",
    "PDF files (*.pdf)",
    "Images (*.jpg *.jpeg *.png *.tif *.tiff)",
    "Word-processor documents (*.docx *.doc *.odt *.rtf)",
    "All files (*)",
))


def names_text(paths: Sequence[Path]) -> str:
    """The chosen files in a line: "report.pdf", or "3 files: a.pdf, b.pdf, c.pdf"."""
    if len(paths) == 1:
        return paths[0].name
    return f"{len(paths)} files: " + ", ".join(path.name for path in paths)


class FileChooser(QWidget):
    """The names of the files chosen, and Choose… to pick them; ``changed`` on a new choice.

    With ``single`` the file dialog picks one file (a translated copy is one file).
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, single: bool = False) -> None:
        super().__init__(parent)
        self._single = single
        self._paths: tuple[Path, ...] = ()
        self._folder = Path.home()
        self.names = QLineEdit()
        self.names.setReadOnly(True)
        self.names.setPlaceholderText("No file chosen yet")
        self.choose_button = QPushButton("Choose…")
        self.choose_button.setToolTip(
            "Choose one or more files: PDF, images (JPEG, PNG, TIFF) or Word documents")
        self.choose_button.clicked.connect(self.choose)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.names, 1)
        layout.addWidget(self.choose_button)
        self.setFocusProxy(self.choose_button)

    def choose(self) -> None:
        if self._single:
            one, _filter = QFileDialog.getOpenFileName(
                self, "Choose the file to add", str(self._folder), FILE_FILTER)
            chosen = [one] if one else []
        else:
            chosen, _filter = QFileDialog.getOpenFileNames(
                self, "Choose documents to add", str(self._folder), FILE_FILTER)
        if chosen:
            self.set_paths([Path(name) for name in chosen])

    def paths(self) -> tuple[Path, ...]:
        return self._paths

    def set_paths(self, paths: Sequence[Path]) -> None:
        self._paths = tuple(paths)
        if self._paths:
            self._folder = self._paths[0].parent
        self.names.setText(names_text(self._paths) if self._paths else "")
        self.names.setToolTip("\n".join(str(path) for path in self._paths))
        self.changed.emit()

    # -- what forms read ------------------------------------------------------------------
    def form_state(self) -> tuple[Path, ...]:
        return self._paths

    def is_empty(self) -> bool:
        return not self._paths

    def focus_chain(self) -> list[QWidget]:
        return [self.choose_button]

    def set_accessible_name(self, name: str) -> None:
        self.names.setAccessibleName(name)
        self.choose_button.setAccessibleName(f"Choose {name.lower()}")

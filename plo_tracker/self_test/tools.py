"""The optional programs: Tesseract (reading scanned pages) and LibreOffice (Word
documents). Missing is a note, not a failure: the app says what it could not do."""

from __future__ import annotations

from .runner import NotInstalled
from .workspace import Workspace


def tesseract(_workspace: Workspace) -> str:
    from plo_tracker.documents.intake.ocr import ocr_unavailable
    from plo_tracker.documents.intake.system_tools import find_program

    return _found(find_program("tesseract"), ocr_unavailable(),
                  "reads scanned pages so they can be searched and checked")


def libreoffice(_workspace: Workspace) -> str:
    from plo_tracker.documents.intake.office_convert import office_unavailable
    from plo_tracker.documents.intake.system_tools import find_program

    return _found(find_program("soffice") or find_program("libreoffice"), office_unavailable(),
                  "turns Word documents into PDF")


def _found(program, problem: str | None, purpose: str) -> str:
    if program is None:
        raise NotInstalled(f"not installed (optional: {purpose})")
    if problem is not None:  # installed but not usable: still optional, so a note
        raise NotInstalled(f"{problem} (optional: {purpose})")
    return f"found at {program}"

"""Word-processor documents (.docx, .doc, .odt, .rtf) into PDF with LibreOffice.

LibreOffice runs headless with a profile of its own in a temporary folder: two
conversions at once would otherwise fight over the user's profile (and a LibreOffice
the user has open), and a first run's set-up cannot touch the user's settings.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from plo_tracker.documents.intake.errors import DocumentRefused
from plo_tracker.documents.intake.file_types import FileKind
from plo_tracker.documents.intake.system_tools import ToolFailed, find_program, run_program

# A long document converts in well under a minute; this only stops a hung run.
TIMEOUT_SECONDS = 300


def office_unavailable() -> str | None:
    """None when LibreOffice can convert documents here; otherwise why not, in words."""
    if _soffice() is None:
        return "LibreOffice is not installed"
    return None


def _soffice() -> Path | None:
    return find_program("soffice") or find_program("libreoffice")


def convert_with_office(source: Path, kind: FileKind, out: Path, *,
                        stop_if_cancelled: Callable[[], None] | None = None) -> None:
    """Write ``source`` (a word-processor document of ``kind``) to ``out`` as a PDF.

    Raises:
        DocumentRefused: LibreOffice is missing, or could not convert the file.
        Whatever ``stop_if_cancelled`` raises, after LibreOffice has been ended.
    """
    name = source.name
    program = _soffice()
    if program is None:
        raise DocumentRefused(
            f"{name} is {kind.a_words}, which must be turned into a PDF by LibreOffice, "
            f"but {office_unavailable()} on this computer. Save it as a PDF in the program "
            "that made it and add that PDF, or ask your IT team to install LibreOffice.")
    with tempfile.TemporaryDirectory(prefix=".convert-", dir=out.parent) as folder:
        work = Path(folder)
        # A plain name with the right ending: LibreOffice picks its reader partly by the
        # name, and the user's name may hold characters its command line mishandles.
        copy = work / f"document{kind.suffix}"
        shutil.copyfile(source, copy)
        arguments = [program, f"-env:UserInstallation={(work / 'profile').as_uri()}",
                     "--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
                     "--convert-to", "pdf", "--outdir", work / "pdf", copy]
        try:
            run_program(arguments, timeout=TIMEOUT_SECONDS,
                        stop_if_cancelled=stop_if_cancelled)
        except ToolFailed as failure:
            raise DocumentRefused(_not_converted(name, failure.why)) from failure
        made = work / "pdf" / "document.pdf"
        # LibreOffice reports success even when it could not read the file; no PDF
        # is the only sign.
        if not made.is_file() or made.stat().st_size == 0:
            raise DocumentRefused(_not_converted(name, "it may be damaged or password "
                                                       "protected"))
        os.replace(made, out)


def _not_converted(name: str, why: str) -> str:
    return (f"LibreOffice could not turn {name} into a PDF: {why}. Open it in the program "
            "that made it, save it as a PDF and add that PDF instead.")

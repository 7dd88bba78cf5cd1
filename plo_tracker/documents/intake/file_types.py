"""What kind of file this is, from its first bytes rather than its name.

A name can lie (a text file renamed .pdf, a scan saved as .doc by a copier), so the
content decides; the name is used only to word the refusal.
"""

from __future__ import annotations

import enum
import zipfile
from pathlib import Path

from plo_tracker.documents.intake.errors import DocumentRefused

ACCEPTED = (
    "a PDF, an image (JPEG, PNG or TIFF) or a word-processor document "
    "(.docx, .doc, .odt or .rtf)"
)

# The PDF standard lets a reader find "%PDF-" within the first 1,024 bytes: some
# generators (and mail gateways) put a few bytes before it.
_PDF_WINDOW = 1024
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODT_MIME = b"application/vnd.oasis.opendocument.text"


class Route(enum.Enum):
    """How a kind of file becomes a PDF."""

    PDF = "pdf"  # checked, repaired if needed, kept
    IMAGE = "image"  # pages made without loss by img2pdf
    OFFICE = "office"  # converted by LibreOffice


class FileKind(enum.Enum):
    """A kind of file PLO Tracker accepts: what the user is told it was, and its route."""

    PDF = ("PDF", Route.PDF, ".pdf")
    JPEG = ("JPEG image", Route.IMAGE, ".jpg")
    PNG = ("PNG image", Route.IMAGE, ".png")
    TIFF = ("TIFF image", Route.IMAGE, ".tif")
    DOCX = ("Word document", Route.OFFICE, ".docx")
    DOC = ("Word 97-2003 document", Route.OFFICE, ".doc")
    ODT = ("OpenDocument text", Route.OFFICE, ".odt")
    RTF = ("Rich Text document", Route.OFFICE, ".rtf")

    def __init__(self, words: str, route: Route, suffix: str) -> None:
        self.words = words
        # "a Word document", "an OpenDocument text", for sentences.
        self.a_words = f"{'an' if words[0] in 'AEIOU' else 'a'} {words}"
        self.route = route
        # LibreOffice picks its import filter partly by the name, so a converted copy
        # is given the suffix that matches what the file really is.
        self.suffix = suffix


def detect_kind(source: Path) -> FileKind:
    """The kind of ``source``, judged by its content.

    Raises:
        DocumentRefused: the file cannot be read, is empty, or is of a kind not accepted.
    """
    name = source.name
    if not source.is_file():
        raise DocumentRefused(f"{name} cannot be found or is not a file. Check where it is "
                              "and try again.")
    try:
        with source.open("rb") as stream:
            head = stream.read(_PDF_WINDOW)
    except OSError as error:
        raise DocumentRefused(f"{name} cannot be read ({error.strerror or 'access denied'}). "
                              "Check that it is not open elsewhere and that you may read "
                              "it.") from error
    if not head:
        raise DocumentRefused(f"{name} is empty (0 bytes). Find the complete file and add "
                              "that.")
    kind = _kind_from_head(head) or _kind_inside_container(source, head)
    if kind is None:
        raise DocumentRefused(_not_accepted(source))
    return kind


def _kind_from_head(head: bytes) -> FileKind | None:
    if b"%PDF-" in head:
        return FileKind.PDF
    if head.startswith(b"\xff\xd8\xff"):
        return FileKind.JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return FileKind.PNG
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return FileKind.TIFF
    if head.startswith(b"{\\rtf"):
        return FileKind.RTF
    return None


def _kind_inside_container(source: Path, head: bytes) -> FileKind | None:
    """Word and OpenDocument files are containers (zip, or Microsoft's older compound
    file); which document it holds is known only from inside."""
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(source) as archive:
                names = set(archive.namelist())
                if "word/document.xml" in names:
                    return FileKind.DOCX
                if "mimetype" in names and archive.read("mimetype").strip() == _ODT_MIME:
                    manifest = archive.read("META-INF/manifest.xml") \
                        if "META-INF/manifest.xml" in names else b""
                    if b"encryption-data" in manifest:
                        raise DocumentRefused(_password_protected(source.name))
                    return FileKind.ODT
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, KeyError) as error:
            raise DocumentRefused(f"{source.name} is damaged and cannot be opened. Ask "
                                  "whoever sent it for a new copy.") from error
        return None
    if head.startswith(_OLE):
        body = source.read_bytes()
        # The names of the streams inside are stored in UTF-16.
        if "EncryptedPackage".encode("utf-16-le") in body:
            raise DocumentRefused(_password_protected(source.name))
        if "WordDocument".encode("utf-16-le") in body:
            return FileKind.DOC
    return None


def _not_accepted(source: Path) -> str:
    name = source.name
    if source.suffix.lower() == ".pdf":
        return (f"{name} is not a PDF, although its name ends in .pdf: its content is "
                f"something else. PLO Tracker accepts {ACCEPTED}. Open the file in the "
                "program that made it and save or print it as a PDF.")
    return (f"{name} is not a kind of file PLO Tracker can add. It accepts {ACCEPTED}. "
            "Open the file in the program that made it and save or print it as a PDF.")


def _password_protected(name: str) -> str:
    return (f"{name} is password protected, so PLO Tracker cannot read it. Ask whoever sent "
            "it for a copy without a password, or open it, remove the password and save it "
            "again.")

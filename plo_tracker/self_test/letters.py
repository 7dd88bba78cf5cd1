"""A letter before proceedings from a family's record, and a batch drawn by the worker
processes (which a packaged app can start only through multiprocessing.freeze_support in
__main__.py)."""

from __future__ import annotations

import os

from plo_tracker.domain.letter_types import LetterType
from plo_tracker.domain.stages import Stage

from .pdf_reading import read_pdf, require_words
from .runner import CheckFailed
from .workspace import Workspace


def _ready_family(workspace: Workspace):
    """The first family in pre-proceedings whose letter before proceedings can be made."""
    services, admin = workspace.demo, workspace.admin
    for family in services.caseload.families(admin):
        if family.stage is not Stage.PRE_PROCEEDINGS:
            continue
        checks = services.letters.check(admin, family.family_id, LetterType.LBP)
        if checks and not any(check.missing for check in checks):
            return family
    raise CheckFailed("None of the synthetic families is ready for a letter before "
                      "proceedings, so no letter could be made.")


def letter(workspace: Workspace) -> str:
    family = _ready_family(workspace)
    services, admin = workspace.demo, workspace.admin
    made = services.letters.generate(admin, family.family_id, LetterType.LBP)
    pdf = services.letters.open(admin, made[0].letter_id)
    saved = workspace.path("letter.pdf")
    saved.write_bytes(pdf)
    read = read_pdf(saved, "letter")
    require_words(read, family.surname, "letter")
    workspace.letter = (family.surname, pdf)
    workspace.extra["letter family"] = family.family_id
    return (f"letter before proceedings for {family.plo_family_id}: {read.pages} pages "
            "naming the family, read back with PDFium")


def letter_batch(workspace: Workspace) -> str:
    services, admin = workspace.demo, workspace.admin
    family_id = workspace.extra["letter family"]
    # parallel_from=1: even two letters go to worker processes, as a big batch's would.
    result = services.letters.batch(admin, LetterType.LBP, [family_id], parallel_from=1)
    if len(result.letters) < 2 or result.combined is None:
        why = "; ".join(reason for _who, reason in result.skipped) or "none were made"
        raise CheckFailed(f"The batch made {len(result.letters)} letters, not 2: {why}.")
    saved = workspace.path("batch.pdf")
    saved.write_bytes(result.combined)
    combined = read_pdf(saved, "batch's combined PDF")
    expected = sum(view.pages for view, _pdf in result.letters)
    if combined.pages != expected:
        raise CheckFailed(f"The batch's combined PDF has {combined.pages} pages, not the "
                          f"{expected} of its letters.")
    where = ("in worker processes" if min(os.cpu_count() or 1, 4) > 1 else
             "in this process (one processor here, so no worker processes are started)")
    return (f"{len(result.letters)} letters drawn {where}, combined into {combined.pages} "
            "pages")


def easy_read_letter(workspace: Workspace) -> str:
    """The letter with its Easy Read version: both in one PDF, with the shipped pictures
    (SVG files read by svglib) drawn in, so a build without them or svglib fails here."""
    import pikepdf

    from plo_tracker.documents.easy_read_pdf import FORM_PREFIX

    services, admin = workspace.demo, workspace.admin
    family_id = workspace.extra["letter family"]
    made = services.letters.generate(admin, family_id, LetterType.LBP, easy_read=True)
    pdf = services.letters.open(admin, made[0].letter_id)
    saved = workspace.path("easy-read.pdf")
    saved.write_bytes(pdf)
    read = read_pdf(saved, "Easy Read letter")
    require_words(read, "This is an important letter", "Easy Read letter")
    with pikepdf.open(saved) as document:
        pictures = {str(name) for page in document.pages
                    for name in (page.Resources.get("/XObject") or {})
                    if FORM_PREFIX in str(name)}
    if len(pictures) < 5:
        raise CheckFailed(f"The Easy Read letter has {len(pictures)} of its pictures, not "
                          "one for each part.")
    return (f"letter before proceedings with its Easy Read version: {read.pages} pages, "
            f"{len(pictures)} different pictures")

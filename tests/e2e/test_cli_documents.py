"""`plo-tracker documents add` and `documents list`, run in-process as a user would type
them, on real files through the real intake; and `check` finding a damaged documents folder."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from plo_tracker.domain.document_types import DocumentType
from plo_tracker.session import open_database
from plo_tracker.settings import DocumentSettings
from plo_tracker.storage.engine import sqlite_path
from tests.documents.intake.makers import scan_image
from tests.support import TODAY
from tests.support.demo_cli import demo_database, run_cli


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("PLO_TRACKER_HOME", str(tmp_path / "data"))
    for name in ("PLO_TRACKER_DB", "PLO_TRACKER_USER", "PLO_TRACKER_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


@pytest.fixture
def demo(home) -> tuple[str, str, Path]:
    """A demo database, a family the manager may change, and its documents folder: beside
    the file on SQLite, the shared folder of the settings on a team server."""
    url = demo_database(home / "docs-demo.sqlite3", 4, seed=7)
    services = open_database(url, home / "backups")
    try:
        manager = services.users.trusted_actor("manager")
        family = services.caseload.families(manager, TODAY)[0].plo_family_id
        path = sqlite_path(url)
        if path is not None:
            folder = path.parent / f"{path.stem}-documents"
        else:
            folder = home / "shared documents"
            current = services.settings.current()
            services.settings.save(services.users.trusted_actor("admin"), replace(
                current, documents=DocumentSettings(str(folder))))
    finally:
        services.context.database.dispose()
    return url, family, folder


def pdf(path: Path, text: str) -> Path:
    drawing = canvas.Canvas(str(path))
    drawing.drawString(72, 720, text)
    # Enough words for the page to count as having a text layer, as a typed one does.
    drawing.drawString(72, 700, "Prepared for the family court by the local authority.")
    drawing.showPage()
    drawing.save()
    return path


def _add(capsys, url, family, file, *more):
    return run_cli(capsys, "--db", url, "--user", "manager", "documents", "add",
                   "--family", family, "--file", str(file), *more)


def test_add_then_list_as_a_table_and_as_json(demo, tmp_path, capsys):
    url, family, folder = demo
    code, out, err = _add(capsys, url, family, pdf(tmp_path / "swet.pdf", "Social work evidence"),
                          "--title", "SWET", "--date", "20/11/2026", "--type", "statement",
                          "--author", "Sam Okafor")
    assert (code, err) == (0, "")
    assert out.startswith(f"Added “SWET” to family {family} as document ")
    assert out.rstrip().endswith("1 page, section C.")  # a typed PDF: nothing more to say
    scan = scan_image(tmp_path / "contact.png", ["Contact note", "Mum arrived on time"])
    code, out, err = _add(capsys, url, family, scan, "--title", "Contact note",
                          "--date", "2026-11-02", "--type", "Other", "--section", "e")
    assert (code, err) == (0, "")
    assert "section E." in out and "OCR" in out

    code, out, err = run_cli(capsys, "--db", url, "--user", "manager", "documents", "list",
                             "--family", family)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["Id", "Date", "Type", "Section", "Pages", "Title"]
    assert "Contact note" in lines[1] and "SWET" in lines[2]  # by date, earliest first
    assert lines[-1] == "2 documents"

    code, out, err = run_cli(capsys, "--db", url, "--user", "manager", "documents", "list",
                             "--family", family, "--json")
    listed = json.loads(out)
    assert [(d["title"], d["date"], d["type"], d["section"], d["pages"]) for d in listed] == [
        ("Contact note", "2026-11-02", DocumentType.OTHER.value, "E", 1),
        ("SWET", "2026-11-20", DocumentType.STATEMENT.value, "C", 1)]
    assert listed[0]["ocr_pages"] == [1]
    assert all((folder / d["sha256"][:2] / d["sha256"]).is_file() for d in listed)


def test_check_fails_when_a_stored_file_is_altered_or_missing(demo, tmp_path, capsys):
    url, family, folder = demo
    for title in ("Gateway minutes", "Viability assessment"):
        _add(capsys, url, family, pdf(tmp_path / f"{title}.pdf", title), "--title", title,
             "--date", "01/11/2026", "--type", "minutes")
    listed = json.loads(run_cli(capsys, "--db", url, "--user", "manager", "documents", "list",
                                "--family", family, "--json")[1])
    code, out, _err = run_cli(capsys, "--db", url, "check")
    assert code == 0 and "ok       documents" in out
    first, second = (folder / d["sha256"][:2] / d["sha256"] for d in listed)
    first.unlink()
    second.write_bytes(second.read_bytes() + b"% edited\n")
    code, out, _err = run_cli(capsys, "--db", url, "check")
    assert code == 1
    problems = [line for line in out.splitlines() if line.startswith("PROBLEM  documents")]
    assert len(problems) == 2
    assert f"Family {family}, “Gateway minutes”" in problems[0]
    assert "missing from the documents folder" in problems[0]
    assert f"Family {family}, “Viability assessment”" in problems[1]
    assert "was changed after it was stored" in problems[1]
    assert all("Put the documents folder back from the backup" in line for line in problems)


@pytest.mark.parametrize(("argv", "says"), [
    (("--type", "affidavit"), "'affidavit' is not a document type. Use one of: case_summary, "),
    (("--date", "31/31/2026"), "'31/31/2026' is not a date. Type it as day/month/year"),
    (("--section", "Z"), "There is no section Z in the bundle: choose one of A, B, C, D, E, F."),
])
def test_bad_input_is_refused_in_a_sentence(demo, tmp_path, capsys, argv, says):
    url, family, folder = demo
    given = {"--title": "A title", "--date": "01/11/2026", "--type": "order"}
    given.update(dict(zip(argv[::2], argv[1::2], strict=True)))
    code, out, err = _add(capsys, url, family, pdf(tmp_path / "x.pdf", "x"),
                          *[part for pair in given.items() for part in pair])
    assert (code, out) == (2, "")
    assert says in err
    assert "Traceback" not in err


def test_a_missing_file_is_named(demo, tmp_path, capsys):
    url, family, _folder = demo
    code, out, err = _add(capsys, url, family, tmp_path / "nowhere" / "statement.pdf",
                          "--title", "T", "--date", "01/11/2026", "--type", "order")
    assert (code, out) == (2, "")
    assert "statement.pdf" in err and "There is no file" in err


def test_a_refused_file_says_why_and_adds_nothing(demo, tmp_path, capsys):
    url, family, _folder = demo
    locked = tmp_path / "notes.txt"
    locked.write_text("just some text")
    code, out, err = _add(capsys, url, family, locked, "--title", "Notes",
                          "--date", "01/11/2026", "--type", "other")
    assert (code, out) == (2, "")
    assert err.startswith("plo-tracker: notes.txt")
    _code, listed, _err = run_cli(capsys, "--db", url, "--user", "manager", "documents",
                                  "list", "--family", family, "--json")
    assert json.loads(listed) == []


def test_backup_says_where_the_documents_folder_is(demo, tmp_path, capsys):
    url, _family, folder = demo
    code, out, err = run_cli(capsys, "--db", url, "--user", "admin", "backup",
                             "--out", str(tmp_path / "copies"))
    assert (code, err) == (0, "")
    assert f"back up the folder {folder} too" in out

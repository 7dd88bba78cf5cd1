"""`plo-tracker bundle build` and `bundle list`, run in-process as a user would type them,
on documents added with `documents add`; the files written are read back."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pikepdf
import pytest
from reportlab.pdfgen import canvas

from plo_tracker.documents.intake import page_texts
from plo_tracker.domain.confidential_kinds import ConfidentialKind
from plo_tracker.session import open_database
from plo_tracker.settings import DocumentSettings
from plo_tracker.storage.engine import sqlite_path
from tests.e2e.test_cli_documents import home  # noqa: F401 - the fixture, shared
from tests.support import TODAY
from tests.support.demo_cli import demo_database, run_cli

ADDRESS = "14 Larch Close, Westmoor WM4 7QT"


def pdf(path: Path, *pages: str) -> Path:
    drawing = canvas.Canvas(str(path))
    for text in pages:
        drawing.drawString(72, 720, text)
        drawing.drawString(72, 700, "Prepared for the family court by the local authority.")
        drawing.showPage()
    drawing.save()
    return path


@pytest.fixture
def demo(home, capsys) -> tuple[str, str]:  # noqa: F811 - home is the fixture
    """A demo database with a family the manager may change, two documents added from the
    command line, and the father's new address in its confidential register."""
    url = demo_database(home / "bundle-demo.sqlite3", 4, seed=7)
    services = open_database(url, home / "backups")
    try:
        manager = services.users.trusted_actor("manager")
        family = services.caseload.families(manager, TODAY)[0]
        if sqlite_path(url) is None:  # a team server keeps documents in a shared folder
            services.settings.save(services.users.trusted_actor("admin"), replace(
                services.settings.current(),
                documents=DocumentSettings(str(home / "shared documents"))))
        services.confidential_register.add(manager, family.family_id,
                                           ConfidentialKind.ADDRESS, ADDRESS)
    finally:
        services.context.database.dispose()
    for title, file, kind, pages in (
        ("Statement of the social worker", "swet.pdf", "statement", ("The worker's view.",)),
        ("Statement of the father", "father.pdf", "statement",
         ("The father's statement.", f"He lives at {ADDRESS} now.")),
    ):
        code, _out, err = run_cli(
            capsys, "--db", url, "--user", "manager", "documents", "add", "--family",
            family.plo_family_id, "--file", str(pdf(home / file, *pages)), "--title", title,
            "--date", "20/11/2026", "--type", kind)
        assert code == 0, err
    return url, family.plo_family_id


def _build(capsys, url, family, out, *more):
    return run_cli(capsys, "--db", url, "--user", "manager", "bundle", "build",
                   "--family", family, "--out", str(out), *more)


def squashed(text: str) -> str:
    return re.sub(r"[\W_]+", "", text).casefold()


def test_a_confidential_detail_stops_the_build_until_redacted(demo, tmp_path, capsys):
    url, family = demo
    out = tmp_path / "out"
    out.mkdir()
    code, stdout, err = _build(capsys, url, family, out / "hearing.pdf")
    assert code == 1
    assert ("PROBLEM document “Statement of the father”, page 2: a confidential detail "
            "(address) was found") in err
    assert "--redact" in err
    assert "build again with redaction chosen" not in err  # the window's words, not ours
    assert "Larch" not in stdout + err  # the detail itself is never printed
    assert list(out.iterdir()) == []

    code, stdout, err = _build(capsys, url, family, out / "hearing.pdf", "--redact")
    assert code == 0, err
    court, parties = out / "hearing.pdf", out / "hearing-parties.pdf"
    assert f"Court's copy: {court}" in stdout
    assert f"Parties' copy (confidential details removed): {parties}" in stdout
    assert "Redacted in the parties' copy: “Statement of the father”: page 2" in stdout
    assert "Larch" not in stdout + err
    assert any(squashed(ADDRESS) in squashed(t) for t in page_texts(court))
    assert not any(squashed(ADDRESS) in squashed(t) for t in page_texts(parties))
    with pikepdf.open(court) as built:
        labels = [page.label for page in built.pages]
    # Both statements went to section C, their default: its three pages end the bundle.
    assert labels[-3:] == ["C1", "C2", "C3"]

    code, stdout, err = run_cli(capsys, "--db", url, "--user", "manager", "bundle", "list",
                                "--family", family)
    assert code == 0, err
    assert stdout.startswith("bundle  hearing")
    assert "no hearing date yet" in stdout  # made without --hearing-date
    assert re.search(r"Bundle \d+ version 1: \d+ pages, built by manager on ", stdout)


def test_a_hearing_date_makes_its_own_bundle_and_files_are_never_replaced(demo, tmp_path,
                                                                          capsys):
    url, family = demo
    court = tmp_path / "first.pdf"
    code, stdout, err = _build(capsys, url, family, court, "--redact",
                               "--hearing-date", "14/12/2026")
    assert code == 0, err
    assert "hearing Mon 14 Dec 2026 at 10:00" in stdout
    code, _stdout, err = _build(capsys, url, family, court, "--redact")
    assert code == 2
    assert "exists already; nothing is overwritten" in err
    code, stdout, err = run_cli(capsys, "--db", url, "--user", "manager", "bundle", "list",
                                "--family", family)
    assert "Mon 14 Dec 2026 at 10:00" in stdout


def test_a_role_that_may_not_change_families_is_refused(demo, tmp_path, capsys):
    url, family = demo
    code, _out, err = run_cli(capsys, "--db", url, "--user", "readonly", "bundle", "build",
                              "--family", family, "--out", str(tmp_path / "b.pdf"))
    assert code == 2
    assert "does not allow you to change family records" in err
    assert not (tmp_path / "b.pdf").exists() and not (tmp_path / "b-parties.pdf").exists()

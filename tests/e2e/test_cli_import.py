"""`plo-tracker import` as an administrator types it: the preview, PROBLEM lines and exit 1,
--dry-run writing nothing, the summary and exit 0, --template."""

from __future__ import annotations

from sqlalchemy import func, select

from plo_tracker.domain.import_columns import COLUMNS
from plo_tracker.session import open_database
from plo_tracker.storage.models import Family
from tests.services.test_import import family_rows
from tests.support.demo_cli import demo_database, run_cli
from tests.support.import_files import write_csv


def _families(url: str, tmp_path) -> int:
    services = open_database(url, tmp_path / "backups")
    try:
        with services.context.database.reading() as conn:
            return conn.execute(select(func.count(Family.id))).scalar_one()
    finally:
        services.context.database.dispose()


def test_import_dry_run_then_import(tmp_path, capsys):
    url = demo_database(tmp_path / "demo.sqlite3", families=3)
    path = write_csv(tmp_path / "plo.csv", family_rows("CLI-0001") + family_rows("CLI-0002"))

    code, out, _err = run_cli(capsys, "--db", url, "--user", "admin", "import", str(path),
                              "--dry-run")
    assert code == 0
    assert out.splitlines()[0] == "plo.csv: 4 rows: 2 families, 4 children, 4 adults, 2 episodes."
    assert "Dry run: nothing was written." in out
    assert _families(url, tmp_path) == 3

    code, out, _err = run_cli(capsys, "--db", url, "--user", "admin", "import", str(path))
    assert code == 0
    assert out.splitlines()[-1] == "Imported 2 families from plo.csv."
    assert _families(url, tmp_path) == 5


def test_problems_are_printed_and_nothing_is_imported(tmp_path, capsys):
    url = demo_database(tmp_path / "demo.sqlite3", families=3)
    rows = family_rows("CLI-0003", PPStartDate="31/02/2026")
    path = write_csv(tmp_path / "plo.csv", rows)
    for dry in ((), ("--dry-run",)):
        code, out, _err = run_cli(capsys, "--db", url, "--user", "admin", "import", str(path),
                                  *dry)
        assert code == 1
        problems = [line for line in out.splitlines() if line.startswith("PROBLEM")]
        assert problems == [
            "PROBLEM: Row 2, PPStartDate: '31/02/2026' is not a date; write it as dd/mm/yyyy",
            "PROBLEM: Row 3, PPStartDate: '31/02/2026' is not a date; write it as dd/mm/yyyy"]
    assert _families(url, tmp_path) == 3


def test_import_needs_an_administrator(tmp_path, capsys):
    url = demo_database(tmp_path / "demo.sqlite3", families=3)
    path = write_csv(tmp_path / "plo.csv", family_rows("CLI-0004"))
    code, _out, err = run_cli(capsys, "--db", url, "--user", "manager", "import", str(path))
    assert code == 2
    assert err.startswith("plo-tracker: ")
    assert _families(url, tmp_path) == 3


def test_template_and_usage(tmp_path, capsys):
    out_file = tmp_path / "template.csv"
    code, out, _err = run_cli(capsys, "import", "--template", str(out_file))
    assert (code, out) == (0, f"Blank template written to {out_file}.\n")
    assert out_file.read_text(encoding="utf-8-sig").split()[0].split(",") == [
        c.name for c in COLUMNS]
    code, _out, err = run_cli(capsys, "import", "--template", str(out_file))
    assert code == 2 and "already exists" in err
    code, _out, err = run_cli(capsys, "import")
    assert code == 2 and "Name the spreadsheet to import" in err

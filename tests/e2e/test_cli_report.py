"""plo-tracker report kpis: the management figures as a table and as JSON."""

from __future__ import annotations

import json
from datetime import date

import pytest

from plo_tracker.services.reports_filter import ReportFilter
from plo_tracker.session import open_database
from tests.support import TODAY
from tests.support.demo_cli import demo_database, run_cli


@pytest.fixture(scope="module")
def url(tmp_path_factory):
    return demo_database(tmp_path_factory.mktemp("report-cli") / "demo.sqlite3", 60)


def _service_figures(url: str, tmp_path, report_filter: ReportFilter) -> dict[str, str]:
    from plo_tracker.domain.clock import FixedClock

    services = open_database(url, tmp_path / "backups", FixedClock(TODAY))
    try:
        manager = services.users.trusted_actor("manager")
        return {f.key: f.text for f in services.reports.figures(manager, report_filter).figures}
    finally:
        services.context.database.dispose()


def test_kpis_as_json_are_the_services_figures(capsys, url, tmp_path):
    code, out, err = run_cli(capsys, "--db", url, "--user", "manager", "report", "kpis",
                             "--json", "--on", "26/11/2026", "--from", "01/04/2026",
                             "--to", "31/03/2027", "--team", "north")
    assert (code, err) == (0, "")
    printed = json.loads(out)
    assert (printed["from"], printed["to"], printed["team"]) == (
        "2026-04-01", "2027-03-31", "north")
    assert printed["as_at"] == "2026-11-26"
    # April to November: the months up to today.
    assert [m["month"] for m in printed["months"]][0::7] == ["2026-04", "2026-11"]
    expected = _service_figures(url, tmp_path, ReportFilter(
        date(2026, 4, 1), date(2027, 3, 31), "north"))
    assert {key: f["text"] for key, f in printed["figures"].items()} == expected
    assert printed["figures"]["new_episodes"]["kind"] == "count"


def test_kpis_as_a_table(capsys, url):
    code, out, _err = run_cli(capsys, "--db", url, "--user", "panel", "report", "kpis",
                              "--on", "26/11/2026")
    assert code == 0
    assert out.splitlines()[0] == ('Management figures, 1 Dec 2025 to 30 Nov 2026; All '
                                   'teams. "Now" is 26 Nov 2026.')
    assert "Families in pre-proceedings" in out
    assert "Dec 2025" in out and "Nov 2026" in out


def test_kpis_refused_in_words(capsys, url):
    code, _out, err = run_cli(capsys, "--db", url, "--user", "socialworker", "report", "kpis",
                              "--on", "26/11/2026")
    assert code == 2
    assert "does not allow you to see the management figures" in err
    code, _out, err = run_cli(capsys, "--db", url, "--user", "manager", "report", "kpis",
                              "--from", "01/12/2026", "--to", "01/11/2026")
    assert code == 2
    assert "The period must end on or after the day it starts" in err

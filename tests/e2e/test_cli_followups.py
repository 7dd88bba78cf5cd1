"""`plo-tracker due` lists the check-ins after a step-down with the rule behind them."""

from __future__ import annotations

import json

import pytest

from tests.support.demo_cli import demo_database, run_cli


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli-followups")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PLO_TRACKER_HOME", str(folder / "data"))
        for name in ("PLO_TRACKER_DB", "PLO_TRACKER_USER", "PLO_TRACKER_PASSWORD"):
            patch.delenv(name, raising=False)
        yield demo_database(folder / "demo.sqlite3", 40, seed=3)


def test_due_lists_follow_up_checks_with_their_rule(demo_url, capsys):
    # Decades on, every check-in not yet recorded is overdue.
    code, out, err = run_cli(capsys, "--db", demo_url, "--user", "admin", "due",
                             "--on", "01/01/2060")
    assert (code, err) == (0, "")
    lines = [line for line in out.splitlines() if "follow-up check due" in line]
    assert lines
    assert all("Overdue" in line and "(rule: Step-down follow-up, " in line
               and "calendar months after the step-down decision on " in line
               for line in lines)
    code, out, _err = run_cli(capsys, "--db", demo_url, "--user", "admin", "due",
                              "--on", "2060-01-01", "--json")
    items = [i for i in json.loads(out) if i["rule"] == "Step-down follow-up"]
    assert len(items) == len(lines)

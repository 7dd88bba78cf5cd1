"""`plo-tracker panel list|agenda|minutes`, run in-process as a user would type them."""

from __future__ import annotations

from datetime import date, time

import pypdf
import pytest

from plo_tracker.domain.panel import PanelRole
from plo_tracker.services.panel_views import PanelMeetingForm, PanelMemberForm
from plo_tracker.session import open_database
from tests.support.demo_cli import demo_database, run_cli


@pytest.fixture
def demo(tmp_path, monkeypatch):
    """A demo database with one planned meeting, two families on its agenda."""
    monkeypatch.setenv("PLO_TRACKER_HOME", str(tmp_path / "data"))
    for name in ("PLO_TRACKER_DB", "PLO_TRACKER_USER", "PLO_TRACKER_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    url = demo_database(tmp_path / "panel-demo.sqlite3", 4, seed=3)
    services = open_database(url, tmp_path / "backups")
    try:
        panel = services.users.trusted_actor("panel")
        meeting = services.panel.create_meeting(panel, PanelMeetingForm(
            date(2026, 12, 3), time(14, 0), "Room 4",
            (PanelMemberForm(panel.user_id, "", PanelRole.CHAIR),)))
        for family in services.caseload.families(panel)[:2]:
            services.panel.add_to_agenda(panel, meeting.meeting_id, family.family_id)
    finally:
        services.context.database.dispose()
    return url, meeting.meeting_id


def test_list_agenda_and_minutes(demo, capsys, tmp_path):
    url, meeting_id = demo
    code, out, _ = run_cli(capsys, "--db", url, "--user", "panel", "panel", "list")
    assert code == 0
    assert out.splitlines()[0].split() == ["Meeting", "Date", "Time", "Place", "Status",
                                           "Quorate", "Decided"]
    assert out.splitlines()[1].split() == [str(meeting_id), "Thu", "3", "Dec", "2026", "14:00",
                                           "Room", "4", "planned", "not", "recorded", "0",
                                           "of", "2"]
    pack = tmp_path / "agenda.pdf"
    code, out, _ = run_cli(capsys, "--db", url, "--user", "panel", "panel", "agenda",
                           "--meeting", str(meeting_id), "--out", str(pack))
    assert (code, out.strip()) == (0, f"Wrote {pack}.")
    reader = pypdf.PdfReader(pack)
    assert len(reader.pages) == 3 and len(reader.outline) == 3
    minutes = tmp_path / "minutes.pdf"
    code, _, _ = run_cli(capsys, "--db", url, "--user", "panel", "panel", "minutes",
                         "--meeting", str(meeting_id), "--out", str(minutes))
    assert code == 0
    assert "Minutes of the gateway panel, 3 Dec 2026" in pypdf.PdfReader(minutes).pages[0] \
        .extract_text()


def test_a_social_worker_is_refused_in_words(demo, capsys, tmp_path):
    url, meeting_id = demo
    code, out, err = run_cli(capsys, "--db", url, "--user", "socialworker", "panel", "list")
    assert code == 2 and out == ""
    assert err.strip() == ("plo-tracker: Your role (social worker) does not allow you to "
                           "prepare and run gateway panel meetings. Ask a team manager or "
                           "administrator.")


def test_a_missing_meeting(demo, capsys, tmp_path):
    url, _ = demo
    code, _, err = run_cli(capsys, "--db", url, "--user", "panel", "panel", "minutes",
                           "--meeting", "999", "--out", str(tmp_path / "m.pdf"))
    assert code == 2
    assert err.strip() == "plo-tracker: That panel meeting no longer exists. Refresh the list."

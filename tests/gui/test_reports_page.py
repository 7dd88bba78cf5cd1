"""The Reports page driven as a manager would: filters, figures, a list behind a figure,
a family opened from it, a table saved as CSV and the monthly PDF (tests/services/
reports_world.py holds the families; the figures themselves are checked in
tests/services/test_reports.py)."""

from __future__ import annotations

import csv
from io import BytesIO

import pytest
from pypdf import PdfReader

from plo_tracker.gui.main_window import PAGE_REPORTS, MainWindow
from plo_tracker.gui.reports.reports_page import ReportsPage
from plo_tracker.services.reports_tables import MONTHS, SUMMARY
from tests.services.reports_world import make_reports_world


@pytest.fixture(scope="module")
def rw(tmp_path_factory):
    world = make_reports_world(tmp_path_factory.mktemp("reports-gui"))
    yield world
    world.services.context.database.dispose()


@pytest.fixture
def page(qtbot, rw):
    shown = ReportsPage(rw.services, rw.actor("panel"))
    qtbot.addWidget(shown)
    with qtbot.waitSignal(shown.loaded, timeout=20_000):
        shown.show()  # the figures are read when the page is first shown
    return shown


def _value(page: ReportsPage, key: str) -> str:
    table = page.models[SUMMARY].table
    return next(row[2].text for row in table.rows if row[2].key == key)


def _row(page: ReportsPage, key: str) -> int:
    table = page.models[SUMMARY].table
    return next(n for n, row in enumerate(table.rows) if row[2].key == key)


def test_figures_load_and_follow_the_filters(qtbot, page, rw):
    # The last 12 months (Dec 2025 to Nov 2026) hold the same episodes as this year.
    assert "1 Dec 2025 to 30 Nov 2026; All teams; all social workers" in page.status.text()
    assert _value(page, "new_episodes") == "6"
    assert len(page.models[MONTHS].table.rows) == 12
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        page.filters.choose(team="North")
    assert _value(page, "new_episodes") == "3"  # F1, F2, S1
    assert "North team" in page.status.text()
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        page.filters.choose(worker_id=rw.users["worker_b"])
    assert _value(page, "new_episodes") == "0"  # Bea Worker's families are in the South


def test_custom_dates_the_wrong_way_round_are_refused_next_to_them(qtbot, page):
    from plo_tracker.domain.report_periods import Period

    page.filters.choose(period=Period.CUSTOM)
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=20_000)
    page.filters.start.edit.setText("30/11/2026")
    page.filters.end.edit.setText("01/01/2026")
    assert page.filters.current_filter() is None
    assert page.filters.problem.text() == "The period must end on or after the day it starts."


def test_a_figure_opens_its_families_and_a_family_opens_from_there(qtbot, page, rw):
    page.open_cell(SUMMARY, _row(page, "unborn"), 2)
    qtbot.waitUntil(lambda: page.families_dialog is not None, timeout=20_000)
    dialog = page.families_dialog
    assert dialog.windowTitle() == "Families behind: Unborn babies in those families"
    assert [line.plo_family_id for line in dialog.lines] == ["PLO-2026-F3"]
    assert dialog.model.index(0, 0).data() == "PLO-2026-F3"
    with qtbot.waitSignal(page.family_activated) as opened:
        dialog.view.activated.emit(dialog.model.index(0, 1))
    assert opened.args == [rw.families["F3"]]


def test_a_month_in_the_table_and_a_bar_of_the_chart_open_the_same_families(qtbot, page, rw):
    months = page.models[MONTHS].table
    june = next(n for n, row in enumerate(months.rows) if row[0].text == "Jun 2026")
    assert page.charts[0].bar_key(0, june) == "new_episodes@2026-06"
    page.open_cell(MONTHS, june, 1)
    qtbot.waitUntil(lambda: page.families_dialog is not None, timeout=20_000)
    assert rw.names(page.families_dialog.lines) == {"F2", "S4"}
    assert page.families_dialog.windowTitle() == "Families behind: New episodes, Jun 2026"


def test_the_table_in_front_saved_as_csv(page, tmp_path):
    page.tabs.setCurrentIndex(1)  # By month
    out = tmp_path / "months.csv"
    page.export_table_to(out)
    with out.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file))
    assert rows[0][:2] == ["Month", "New episodes"]
    assert [row[0] for row in rows[1:]][:2] == ["Dec 2025", "Jan 2026"]
    assert page.status.text() == "Wrote 12 rows to months.csv."


def test_the_monthly_report_saved_as_pdf(qtbot, page, tmp_path):
    out = tmp_path / "report.pdf"
    with qtbot.waitSignal(page.save_pdf_to(out).finished, timeout=30_000):
        pass
    reader = PdfReader(BytesIO(out.read_bytes()))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "New episodes and outcomes per month" in text
    assert f"Page 1 of {len(reader.pages)}" in text
    assert f"({len(reader.pages)} pages)" in page.status.text()


def test_national_returns_only_for_those_who_make_them(qtbot, rw):
    for name, shown in (("panel", False), ("manager", True)):
        reports = ReportsPage(rw.services, rw.actor(name))
        qtbot.addWidget(reports)
        assert reports.returns_button.isVisibleTo(reports) is shown


def test_the_reports_page_in_the_navigation_for_the_roles_that_use_it(qtbot, rw):
    for name, listed in (("panel", True), ("worker_a", False)):
        window = MainWindow(rw.services, rw.actor(name), "this computer")
        qtbot.addWidget(window)
        assert (PAGE_REPORTS in [p.key for p in window.pages]) is listed
    window.close()

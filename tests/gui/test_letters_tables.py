"""The letters' tables (kept letters, template versions, families left out, solicitors): each
passes Qt's model checks, explains every heading, and shows its records as people read them."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import Qt

from plo_tracker.domain.letter_types import LetterType
from plo_tracker.gui.case_tabs.record_table import RecordTableModel
from plo_tracker.gui.letters.batch_results_tabs import SkippedModel
from plo_tracker.gui.letters.generated_letters_view import COLUMNS as LETTER_COLUMNS
from plo_tracker.gui.letters.letterhead_dialog import SolicitorsModel
from plo_tracker.gui.letters.template_versions_model import TemplateVersionsModel
from plo_tracker.services.letter_templates import TemplateVersion
from plo_tracker.services.letters import GeneratedLetterView
from plo_tracker.settings import LocalSolicitor

HORIZONTAL = Qt.Orientation.Horizontal
TIP = Qt.ItemDataRole.ToolTipRole
LETTER = GeneratedLetterView(
    7, 1, "PLO-2026-0042", LetterType.LBP, 3, "Jade Ashdown", date(2026, 11, 26), 2, "alex",
    datetime(2026, 11, 26, 12, 0, tzinfo=UTC), "0" * 64, 3, None, None)
# 09:30 UTC in June is 10:30 on a clock in England.
VERSION = TemplateVersion(1, LetterType.LBP, 2, "Dear {{ recipient.name }}",
                          "Added a closing sentence.", "alex",
                          datetime(2026, 6, 1, 9, 30, tzinfo=UTC))
SOLICITOR = LocalSolicitor("Nia Hughes", "Hughes Family Law", "5 Quay Street\nWestshire\nWS1 2AB",
                           "01632 960555")
SKIPPED = ("PLO-2026-0042, Jade Ashdown", "missing the concerns")


# Each table's model, and a record it shows.
TABLES = {
    "kept letters": (lambda: RecordTableModel(LETTER_COLUMNS), LETTER),
    "template versions": (TemplateVersionsModel, VERSION),
    "families left out": (SkippedModel, SKIPPED),
    "solicitors": (SolicitorsModel, SOLICITOR),
}


def filled(table: str) -> RecordTableModel:
    make, record = TABLES[table]
    model = make()
    model.set_records([record])
    return model


@pytest.fixture(params=list(TABLES))
def model(request, qapp) -> RecordTableModel:
    return filled(request.param)


def text(model: RecordTableModel, column: str, role=Qt.ItemDataRole.DisplayRole):
    return model.data(model.index(0, model.column_of(column)), role)


def test_each_table_passes_qts_model_checks(qtmodeltester, model):
    qtmodeltester.check(model, force_py=False)


def test_every_heading_says_what_its_column_holds(model):
    for column in range(model.columnCount()):
        assert model.headerData(column, HORIZONTAL)
        assert model.headerData(column, HORIZONTAL, TIP), model.headerData(column, HORIZONTAL)


def test_times_are_shown_on_the_uk_clock():
    assert text(filled("template versions"), "When") == "Mon 1 Jun 2026 10:30"
    assert text(filled("kept letters"), "Made by") == "alex, Thu 26 Nov 2026 12:00"


def test_a_solicitors_address_takes_one_line_with_all_of_it_in_the_tip():
    model = filled("solicitors")
    assert text(model, "Address") == "5 Quay Street, Westshire, WS1 2AB"
    assert text(model, "Address", TIP) == SOLICITOR.address
    assert model.solicitors() == [SOLICITOR]


def test_a_reason_for_leaving_a_family_out_reads_as_a_sentence():
    model = filled("families left out")
    assert text(model, "Why no letter was made") == "Missing the concerns"
    assert model.rows() == [SKIPPED]

"""The case tabs' words and models, from hand-made records: history, status, episodes, people."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt

from plo_tracker.domain.audit_actions import AuditAction
from plo_tracker.domain.due import DueStatus
from plo_tracker.domain.vocabulary import AssessmentKind, MeetingKind
from plo_tracker.gui.case_tabs.assessments_tab import assessment_row
from plo_tracker.gui.case_tabs.case_data import local_time
from plo_tracker.gui.case_tabs.history_tab import (
    COL_WHAT,
    COL_WHO,
    COLUMNS,
    HistoryTab,
    changes_text,
    value_text,
)
from plo_tracker.gui.case_tabs.meetings_tab import fgdm_text
from plo_tracker.gui.case_tabs.people_tab import (
    ADULT_COLUMNS,
    COL_ADULT_ADDRESS,
    COL_ADULT_LETTERS,
    COL_ADULT_NEEDS,
    HIDDEN_ADDRESS,
)
from plo_tracker.gui.case_tabs.record_table import (
    Column,
    Entry,
    RecordTable,
    RecordTableModel,
)
from plo_tracker.services.audit import AuditView
from plo_tracker.services.case_detail import AdultView, AssessmentView
from tests.support import TODAY


def audit(action: str, entity: str, before=None, after=None,
          full_name: str = "Sam Okafor") -> AuditView:
    return AuditView(datetime(2026, 7, 1, 9, 30, tzinfo=UTC), "sam", action, entity, 1, 1,
                     before, after, full_name)


def assessment(due: date | None, completed: date | None = None) -> AssessmentView:
    return AssessmentView(1, AssessmentKind.PARENTING, "Mother", date(2026, 9, 1), due,
                          completed, None, None)


def test_times_are_shown_in_uk_local_time():
    # 09:30 UTC in July is 10:30 British Summer Time; in November it is the same as UTC.
    assert local_time(datetime(2026, 7, 1, 9, 30, tzinfo=UTC)) == "Wed 1 Jul 2026 10:30"
    assert local_time(datetime(2026, 11, 26, 23, 30, tzinfo=UTC)) == "Thu 26 Nov 2026 23:30"


def test_changed_fields_read_as_before_and_after_in_words():
    entry = audit("episode.outcome", "episode",
                  before={"id": 4, "family_id": 2, "stage": "pre_proceedings", "outcome": None,
                          "outcome_date": None, "fgdm_offered": True},
                  after={"id": 4, "family_id": 2, "stage": "stepped_down",
                         "outcome": "step_down", "outcome_date": "2026-11-02",
                         "fgdm_offered": True})
    assert changes_text(entry).splitlines() == [
        "Stage: Pre-proceedings → Stepped down",
        "Outcome: blank → Step down",
        "Outcome date: blank → Mon 2 Nov 2026",
    ]
    assert entry.action_words == "Recorded the pre-proceedings outcome"


def test_new_records_list_their_values_and_skip_bookkeeping():
    entry = audit("meeting.held", "meeting", after={
        "id": 9, "episode_id": 3, "kind": "initial_ppm", "held_date": "2026-09-17",
        "agreement_signed": False, "attendance": None, "children": [1, 2]})
    assert changes_text(entry).splitlines() == [
        "Kind: Initial pre-proceedings meeting", "Held date: Thu 17 Sep 2026",
        "Agreement signed: no"]
    assert value_text("kind", "lbp", "letter") == "Letter before proceedings"
    assert value_text("kind", "no-such-code", "letter") == "no-such-code"
    assert value_text("text", "x" * 300, "note").endswith("…")
    assert value_text("start_time", "10:30:00", "meeting") == "10:30"
    # A panel agenda entry's reason is a code; a legal hold's reason is the words typed.
    assert value_text("reason", "sixteen_weeks", "panel_item") == "Past or near 16 weeks"
    assert value_text("decision", "stay", "panel_item") == "Stay in pre-proceedings (review)"
    assert value_text("panel_role", "legal", "panel_member") == "Local authority lawyer"
    assert value_text("reason", "review", "family") == "review"
    assert changes_text(audit("family.view", "family")) == ""
    # An action added later still reads as words rather than a code.
    assert audit("bundle.build_index", "bundle").action_words == "Bundle: build index"


@pytest.mark.parametrize(("due", "completed", "status", "words"), [
    (date(2026, 11, 15), None, DueStatus.OVERDUE, "Overdue by 11 calendar days"),
    (date(2026, 11, 25), None, DueStatus.OVERDUE, "Overdue by 1 calendar day"),
    (TODAY, None, DueStatus.DUE_SOON, "Due today"),
    (date(2026, 12, 3), None, DueStatus.DUE_SOON, "Due in 7 calendar days"),
    (date(2026, 12, 4), None, DueStatus.ON_TIME, "Due in 8 calendar days"),
    (None, None, DueStatus.ON_TIME, "No due date"),
    (date(2026, 11, 15), date(2026, 11, 20), DueStatus.CLOSED, "Completed Fri 20 Nov 2026"),
])
def test_assessment_status_in_words(due, completed, status, words):
    row = assessment_row(assessment(due, completed), TODAY, soon_days=7)
    assert (row.status, row.status_text) == (status, words)


def test_fgdm_offer_in_words():
    assert fgdm_text(None).endswith("offer not yet recorded.")
    assert fgdm_text(_episode(offered=False, held=None)).endswith("not offered.")
    assert fgdm_text(_episode(offered=True, held=True)).endswith("offered, held.")


def _episode(offered, held):
    return SimpleNamespace(fgdm_offered=offered, fgdm_held=held)


def test_adult_needs_are_listed_in_words():
    adult = AdultView(1, "Jade", "Smith", "mother", True, None, False, None, None,
                      needs_interpreter=True, language=None, needs_advocate=True,
                      needs_intermediary=False, learning_disability=True)
    assert ADULT_COLUMNS[COL_ADULT_NEEDS].text(adult) == (
        "Interpreter; Advocate (not named yet); Learning disability")
    named = replace(adult, advocate_name="Sam Lee", needs_intermediary=True,
                    intermediary_name="Jo Brown")
    assert ADULT_COLUMNS[COL_ADULT_NEEDS].text(named) == (
        "Interpreter; Advocate (Sam Lee); Intermediary (Jo Brown); Learning disability")


def test_record_model_keeps_qts_contract_with_and_without_episodes(qtbot, qtmodeltester):
    columns = (Column("Meeting", "Which meeting", lambda m: m.label),
               Column("Held", "When", lambda m: m.held, wrap=True))
    kinds = [MeetingKind.INITIAL_PPM, MeetingKind.REVIEW_PPM, MeetingKind.FINAL]
    records = [type("M", (), {"label": k.label, "held": f"day {n}"})() for n, k in
               enumerate(kinds)]
    model = RecordTableModel(columns, with_episode=True)
    table = RecordTable(model, "Meetings", "No meetings recorded yet.")
    qtbot.addWidget(table)
    qtmodeltester.check(model)
    table.set_entries([Entry(records[0], "This episode"), Entry(records[1], "This episode")])
    assert table.table.isColumnHidden(model.episode_column)
    table.set_entries([Entry(records[0], "This episode"), Entry(records[2], "Earlier")])
    assert not table.table.isColumnHidden(model.episode_column)
    qtmodeltester.check(model)
    assert model.headerData(model.episode_column, Qt.Orientation.Horizontal) == "Episode"
    assert model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole) == "Final pre-proceedings meeting"
    assert model.record(1) is records[2]
    table.set_records([])
    assert table.is_empty() and table.empty_label.text() == "No meetings recorded yet."
    qtmodeltester.check(model)


def adult(relationship: str, pr: bool, receives: bool, address: str | None = "4 High Street",
          confidential: bool = False, hidden: bool = False) -> AdultView:
    return AdultView(1, "Jade", "Smith", relationship, pr, address, confidential, None, None,
                     False, None, False, False, False, receives_letters=receives,
                     address_hidden=hidden)


@pytest.mark.parametrize(("person", "words", "why"), [
    (adult("mother", True, True), "Yes", "Everyone with parental responsibility receives"),
    (adult("father", False, True), "Yes", "A parent receives the letters even without"),
    (adult("aunt", False, False), "No", "Neither a parent nor holding parental"),
    (adult("father", True, False), "No", "Recorded not to receive the letters, although a "
     "parent."),
    (adult("family friend", False, True), "Yes", "Recorded to receive the letters, although "
     "neither"),
])
def test_who_receives_letters_and_why(person, words, why):
    column = ADULT_COLUMNS[COL_ADULT_LETTERS]
    assert column.header == "Receives letters"
    assert column.text(person) == words
    assert column.tooltip(person).startswith(why)


def test_a_confidential_address_hidden_from_the_role_says_so_and_why(qtbot):
    column = ADULT_COLUMNS[COL_ADULT_ADDRESS]
    hidden = adult("mother", True, True, address=None, confidential=True, hidden=True)
    assert column.text(hidden) == HIDDEN_ADDRESS == "Confidential: hidden from your role"
    assert column.tooltip(hidden) == (
        "This address is confidential and is hidden from your role: only a social worker, "
        "team manager or administrator can see it. It must never appear in letters or papers "
        "served on a party.")
    assert column.icon(hidden) is not None
    shown = adult("mother", True, True, address="1 Refuge Road", confidential=True)
    assert column.text(shown) == "Confidential: 1 Refuge Road"


def test_history_names_the_person_and_words_the_action(qtbot):
    tab = HistoryTab()
    qtbot.addWidget(tab)
    entries = (audit("episode.outcome", "episode"),
               audit("family.view", "family", full_name="sam"))  # an account since removed
    tab.show_case(SimpleNamespace(history=entries))
    model = tab.table.model
    assert [model.index(r, COL_WHO).data() for r in range(2)] == ["Sam Okafor", "sam"]
    assert model.index(0, COL_WHO).data(Qt.ItemDataRole.ToolTipRole) == (
        "Sam Okafor, user name sam")
    assert model.index(1, COL_WHO).data(Qt.ItemDataRole.ToolTipRole) == "User name sam"
    assert [model.index(r, COL_WHAT).data() for r in range(2)] == [
        "Recorded the pre-proceedings outcome", "Looked at the family"]
    assert COLUMNS[COL_WHO].header == "Who"
    # Every action's words come from the one table of them, in the domain: a change to an
    # adult reads as the domain words it, not as a tidied code.
    tab.show_case(SimpleNamespace(history=(audit(AuditAction.ADULT_UPDATE.code, "adult"),)))
    assert model.index(0, COL_WHAT).data() == "Changed an adult's details"

"""The case workspace as a user sees it: header, timeline, actions, tabs, reloading after a save."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication

from plo_tracker.domain.clock import FixedClock
from plo_tracker.domain.vocabulary import (
    AssessmentKind,
    GatewayDecision,
    MeetingKind,
    Outcome,
    PlanItemKind,
    Role,
    SendMethod,
)
from plo_tracker.gui import case_workspace
from plo_tracker.gui.case_header import CAPTION
from plo_tracker.gui.case_tabs import assessments_tab, history_tab, meetings_tab, people_tab
from plo_tracker.gui.case_tabs.record_table import RecordTable
from plo_tracker.gui.case_workspace import LOADING_TEXT, NO_ACTIONS_TEXT, CaseWorkspace
from plo_tracker.services.actor import SYSTEM, Actor
from plo_tracker.services.case_forms import AdultForm, ChildForm, GatewayForm, NewFamilyForm
from plo_tracker.services.registry import Services
from plo_tracker.services.users import NewUser
from plo_tracker.storage.engine import sqlite_url
from plo_tracker.storage.schema import prepare_database
from plo_tracker.storage.unit_of_work import Database

TODAY = date(2026, 11, 26)  # a Thursday
START = date(2026, 9, 1)  # gateway decision: Tuesday, week 13 on TODAY
LOAD_TIMEOUT = 10_000


@dataclass(frozen=True)
class CaseWorld:
    services: Services
    admin: Actor
    sam: Actor  # a social worker
    reader: Actor  # read only
    ids: dict[str, int]


def _new(services: Services, actor: Actor, children: tuple[ChildForm, ...],
         adults: tuple[AdultForm, ...], gateway: GatewayForm | None,
         worker: Actor | None = None) -> int:
    return services.families.create(actor, NewFamilyForm(
        children=children, adults=adults, team="North", gateway=gateway,
        social_worker_id=worker.user_id if worker else None))


def build_case_world(folder: Path) -> CaseWorld:
    """Families at several points of the journey, each made through the services."""
    engine = prepare_database(sqlite_url(folder / "case.sqlite3"), folder / "backups")
    services = Services.build(Database(engine), FixedClock(TODAY))
    services.users.create(SYSTEM, NewUser("admin", "Alex Byrne", Role.ADMINISTRATOR))
    admin = services.users.sign_in("admin")
    services.users.create(admin, NewUser("sam", "Sam Okafor", Role.SOCIAL_WORKER, "North"))
    services.users.create(admin, NewUser("robin", "Robin Hale", Role.READ_ONLY))
    sam, reader = services.users.sign_in("sam"), services.users.sign_in("robin")
    enter = GatewayForm(GatewayDecision.ENTER_PRE_PROCEEDINGS, START)
    m, plan = services.milestones, services.plan

    # Mid-way through pre-proceedings, with a bit of everything recorded.
    smith = _new(services, admin, (
        ChildForm("Ruby", "Smith", date_of_birth=date(2019, 4, 2)),
        ChildForm("", "Smith", expected_date_of_birth=date(2027, 2, 10)),
    ), (
        AdultForm("Jade", "Smith", "mother", address="1 Refuge Road", address_confidential=True,
                  solicitor_name="Priya Shah", solicitor_firm="Shah Family Law",
                  needs_interpreter=True, language="Polish"),
        AdultForm("Liam", "Smith", "father", address="4 High Street"),
        AdultForm("Rose", "Smith", "maternal grandmother", parental_responsibility=False),
    ), enter, sam)
    jade, liam, _rose = sorted(a.adult_id for a in services.case_detail.family(
        admin, smith).adults)
    m.record_letter_sent(admin, smith, jade, date(2026, 9, 3), SendMethod.HAND)
    m.record_letter_sent(admin, smith, liam, date(2026, 9, 4), SendMethod.POST)
    m.record_fgdm(admin, smith, offered=True, held=None)
    initial = m.record_meeting_held(admin, smith, MeetingKind.INITIAL_PPM, date(2026, 9, 17),
                                    attendance="Both parents and their solicitors",
                                    solicitors_present=True, agreement_signed=True).entity_id
    review = m.record_meeting_held(admin, smith, MeetingKind.REVIEW_PPM, date(2026, 10, 29),
                                   attendance="Mother only", solicitors_present=False,
                                   agreement_signed=None).entity_id
    plan.add_item(admin, smith, PlanItemKind.CONCERN, "Domestic abuse witnessed by Ruby.")
    expect = plan.add_item(admin, smith, PlanItemKind.EXPECTATION,
                           "Attend the domestic abuse programme every week.",
                           date(2026, 12, 18)).entity_id
    plan.add_item(admin, smith, PlanItemKind.SUPPORT, "Weekly family support worker visits.")
    plan.record_progress(admin, smith, expect, date(2026, 9, 17), "Referred to the programme.",
                         meeting_id=initial)
    plan.record_progress(admin, smith, expect, date(2026, 10, 29), "Attended 5 of 6 sessions.",
                         meeting_id=review)
    m.commission_assessment(admin, smith, AssessmentKind.PARENTING, "Mother", date(2026, 9, 20),
                            date(2026, 11, 15), author="Dr Hannah Lowe")
    viability = m.commission_assessment(admin, smith, AssessmentKind.VIABILITY, "Rose Smith",
                                        date(2026, 9, 10), date(2026, 10, 10)).entity_id
    m.complete_assessment(admin, smith, viability, date(2026, 10, 8),
                          "Positive: a full kinship assessment is recommended.")
    m.commission_assessment(admin, smith, AssessmentKind.DNA, "Liam Smith", date(2026, 11, 20),
                            date(2026, 11, 30))
    m.add_note(sam, smith, "Home visit: the house was warm and clean.")

    awaiting = _new(services, admin, (ChildForm("Evie", "Evans", date_of_birth=date(2025, 3, 1)),),
                    (AdultForm("Faye", "Evans", "mother"),), None)

    issued = _new(services, admin, (ChildForm("Finn", "Foster", date_of_birth=date(2016, 1, 9)),),
                  (AdultForm("Gwen", "Foster", "mother"),), enter, sam)
    gwen = services.case_detail.family(admin, issued).adults[0].adult_id
    m.record_letter_sent(admin, issued, gwen, date(2026, 9, 3), SendMethod.POST)
    m.record_outcome(admin, issued, Outcome.ISSUE_PROCEEDINGS, date(2026, 11, 2))
    m.record_court_application(admin, issued, date(2026, 11, 9), True, "Risk of harm",
                               "ZW26C00001", date(2026, 11, 10))

    extended = _new(services, admin, (ChildForm("Dylan", "Davies",
                                                date_of_birth=date(2021, 6, 1)),),
                    (AdultForm("Erin", "Davies", "mother"),),
                    GatewayForm(GatewayDecision.ENTER_PRE_PROCEEDINGS, date(2026, 7, 1)))
    m.record_extension(admin, extended, date(2026, 10, 20), date(2027, 1, 15),
                       "Assessment late", "Morgan Patel")

    # A second episode: the panel first kept the family out of PLO, then brought it in.
    green = _new(services, admin, (ChildForm("Gus", "Green", date_of_birth=date(2018, 2, 2)),),
                 (AdultForm("Hana", "Green", "mother"),), None)
    m.commission_assessment(admin, green, AssessmentKind.DRUG_ALCOHOL, "Hana Green",
                            date(2026, 5, 1), date(2026, 6, 1))
    m.record_gateway_decision(admin, green, GatewayDecision.CONTINUE_WITHOUT_PLO,
                              date(2026, 5, 20))
    m.record_gateway_decision(admin, green, GatewayDecision.ENTER_PRE_PROCEEDINGS,
                              date(2026, 10, 1))
    m.commission_assessment(admin, green, AssessmentKind.PARENTING, "Hana Green",
                            date(2026, 10, 5), date(2026, 12, 5))
    # The family the tests that save something write to, so no other test sees their changes.
    written = _new(services, admin, (ChildForm("Hal", "Hughes", date_of_birth=date(2020, 3, 3)),),
                   (AdultForm("Ivy", "Hughes", "mother"),), enter, sam)
    return CaseWorld(services, admin, sam, reader, {
        "Smith": smith, "Evans": awaiting, "Foster": issued, "Davies": extended, "Green": green,
        "Hughes": written})


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> CaseWorld:
    built = build_case_world(tmp_path_factory.mktemp("case-db"))
    yield built
    built.services.context.database.dispose()


class FakeActions:
    """Stands in for plo_tracker.gui.forms.actions: two actions, one unavailable with a reason."""

    def __init__(self, save=None) -> None:
        self.opened: list[tuple[str, int]] = []
        self._save = save

    def case_actions(self, detail, actor):
        return [
            SimpleNamespace(key="note", label="Add a note", enabled=True, why_disabled=None),
            SimpleNamespace(key="court", label="Record the court application", enabled=False,
                            why_disabled="Care proceedings have not been issued."),
        ]

    def open_action(self, key, parent, services, actor, detail) -> bool:
        self.opened.append((key, detail.version))
        if self._save is None:
            return False
        self._save(services, actor, detail)
        return True


@pytest.fixture
def fake_actions(monkeypatch) -> FakeActions:
    fake = FakeActions()
    monkeypatch.setattr(case_workspace, "_actions_module", lambda: fake)
    return fake


def open_workspace(qtbot, world: CaseWorld, surname: str, actor: Actor | None = None,
                   show: bool = True) -> CaseWorkspace:
    workspace = CaseWorkspace(world.services, actor or world.admin, world.ids[surname])
    qtbot.addWidget(workspace)
    if show:
        workspace.resize(1366, 768)
        workspace.show()
        qtbot.waitExposed(workspace)
    qtbot.waitUntil(lambda: not workspace.is_loading(), timeout=LOAD_TIMEOUT)
    return workspace


def tab(workspace: CaseWorkspace, kind: type):
    return next(page for page in workspace.tab_pages if isinstance(page, kind))


def column(table: RecordTable, header: str) -> list[str]:
    model = table.model
    number = model.column_of(header)
    return [model.text(row, number) for row in range(model.rowCount())]


# Loading -------------------------------------------------------------------------------------

def test_shows_loading_then_the_family_and_names_the_tab(qtbot, world, fake_actions):
    workspace = CaseWorkspace(world.services, world.admin, world.ids["Smith"])
    qtbot.addWidget(workspace)
    assert workspace.message_text() == LOADING_TEXT  # results only come through the event loop
    assert not workspace.is_showing_family()
    titles: list[str] = []
    workspace.title_changed.connect(titles.append)
    with qtbot.waitSignal(workspace.loaded, timeout=LOAD_TIMEOUT):
        pass
    assert titles == ["PLO-2026-0001 Smith"]
    assert workspace.title() == "PLO-2026-0001 Smith"
    assert workspace.is_showing_family()
    assert workspace.detail().family_id == world.ids["Smith"]


def test_a_missing_family_says_so_and_offers_to_try_again(qtbot, world, fake_actions):
    workspace = CaseWorkspace(world.services, world.admin, 999_999)
    qtbot.addWidget(workspace)
    with qtbot.waitSignal(workspace.load_failed, timeout=LOAD_TIMEOUT) as failed:
        pass
    assert failed.args == ["That family no longer exists. Refresh the list."]
    assert workspace.message_text() == failed.args[0]
    assert not workspace.retry_button.isHidden()
    assert not workspace.is_showing_family()


# Header and timeline ---------------------------------------------------------------------------

def test_header_says_who_where_and_what_is_next(qtbot, world, fake_actions):
    workspace = open_workspace(qtbot, world, "Smith")
    header = workspace.header
    assert header.caption.text() == CAPTION
    assert header.title.text() == "PLO-2026-0001 Smith"
    assert header.children_label.text() == "Children: Ruby (7), Baby (unborn, due 10 Feb)"
    assert header.stage.text() == "Stage: Pre-proceedings"
    # Tuesday 1 September to Thursday 26 November: day 87, in week 13 of 16.
    assert header.week.text() == "Week 13 of 16 (day 87)"
    assert "started Tue 1 Sep 2026" in header.week.toolTip()
    assert not header.week_bar.isHidden()
    assert header.week_bar.fraction == pytest.approx(13 / 16)
    assert header.status.text() == "Overdue"
    assert header.status_icon.pixmap() is not None and not header.status_icon.pixmap().isNull()
    # The parenting assessment was due on Sunday 15 November.
    assert header.next_due.text() == ("Next: Parenting assessment due (Mother), by Sun 15 Nov "
                                      "2026 (11 calendar days overdue)")
    assert header.next_due.toolTip().startswith("Why: the due date set")
    assert header.worker.text() == "Social worker: Sam Okafor, North team"


def test_header_outside_pre_proceedings(qtbot, world, fake_actions):
    awaiting = open_workspace(qtbot, world, "Evans").header
    assert awaiting.stage.text() == "Stage: Awaiting gateway decision"
    assert awaiting.week.text() == "Waiting for the gateway panel's decision"
    assert awaiting.week_bar.isHidden()
    assert awaiting.worker.text() == "No social worker allocated, North team"
    issued = open_workspace(qtbot, world, "Foster").header
    assert issued.stage.text() == "Stage: Care proceedings issued"
    assert issued.week.text() == "Court application Mon 9 Nov 2026"
    assert issued.next_due.text().startswith("Next: Care proceedings to conclude, by ")
    extended = open_workspace(qtbot, world, "Davies").header
    assert extended.status.text() == "Overdue"  # its letter is late, which outweighs extended
    assert extended.week.text() == "Week 22 of 29 (day 149), extended to Fri 15 Jan 2027"
    assert "Extended end: Fri 15 Jan 2027" in extended.week.toolTip()


def test_timeline_gets_the_familys_timeline(qtbot, world, fake_actions):
    workspace = open_workspace(qtbot, world, "Smith")
    milestones = workspace.detail().timeline.milestones
    assert set(workspace.timeline.rows()) == set(milestones)
    assert len(workspace.timeline.rows()) == len(milestones)
    assert "Letter to Jade Smith: done Thu 3 Sep 2026" in (
        workspace.timeline.accessibleDescription())
    assert workspace.timeline.isVisible()
    # Each milestone has its own tooltip, on its row.
    layout = workspace.timeline.layout_for(workspace.timeline.width())
    row = next(row for row in layout.rows if row.milestone.label == "Letter to Jade Smith")
    assert workspace.timeline.tooltip_at(row.label.rect.center()).startswith(
        "Letter to Jade Smith\nTarget: ")


# Tabs ----------------------------------------------------------------------------------------

def test_tabs_are_labelled_with_their_counts(qtbot, world, fake_actions):
    workspace = open_workspace(qtbot, world, "Smith")
    labels = [workspace.tabs.tabText(i) for i in range(workspace.tabs.count())]
    history = len(workspace.case_data().history)
    assert labels == ["People (5)", "Plan (3)", "Meetings (2)", "Assessments (3)", "Letters (2)",
                      "Notes (1)", f"History ({history})"]


def test_people_tab_shows_solicitors_needs_and_confidential_addresses(qtbot, world,
                                                                      fake_actions):
    people = tab(open_workspace(qtbot, world, "Smith"), people_tab.PeopleTab)
    assert column(people.children_table, "Name") == ["Ruby Smith", "Baby Smith"]
    assert column(people.children_table, "Age") == ["7 years", "unborn, due 10 Feb"]
    assert column(people.children_table, "Born") == ["Tue 2 Apr 2019", "Expected Wed 10 Feb 2027"]
    adults = people.adults_table
    assert column(adults, "Relationship") == ["Mother", "Father", "Maternal grandmother"]
    assert column(adults, "Parental responsibility") == ["Yes", "Yes", "No"]
    assert column(adults, "Solicitor")[:2] == ["Priya Shah, Shah Family Law", "None recorded"]
    assert column(adults, "Needs")[0] == "Interpreter (Polish)"
    assert column(adults, "Address") == ["Confidential: 1 Refuge Road", "4 High Street",
                                         "Not recorded"]
    address = adults.model.index(0, people_tab.COL_ADULT_ADDRESS)
    assert address.data(Qt.ItemDataRole.ToolTipRole) == people_tab.CONFIDENTIAL_TIP
    assert address.data(Qt.ItemDataRole.DecorationRole) is not None  # an icon as well as words
    assert adults.model.index(1, people_tab.COL_ADULT_ADDRESS).data(
        Qt.ItemDataRole.DecorationRole) is None


def test_plan_tab_shows_progress_at_each_meeting(qtbot, world, fake_actions):
    workspace = open_workspace(qtbot, world, "Smith")
    plan = workspace.tab_pages[1].table
    assert column(plan, "Kind") == ["Concern", "What must change", "Support offered"]
    assert column(plan, "By when") == ["", "Fri 18 Dec 2026", ""]
    assert column(plan, "Progress")[1] == (
        "Thu 17 Sep 2026 (initial meeting): Referred to the programme.\n"
        "Thu 29 Oct 2026 (review 1): Attended 5 of 6 sessions.")
    assert plan.table.isColumnHidden(plan.model.episode_column)  # one episode: no such column


def test_meetings_tab_shows_meetings_fgdm_and_the_next_review(qtbot, world, fake_actions):
    meetings = tab(open_workspace(qtbot, world, "Smith"), meetings_tab.MeetingsTab)
    assert column(meetings.table, "Meeting") == ["Initial pre-proceedings meeting",
                                                 "Review pre-proceedings meeting 1"]
    assert column(meetings.table, "Held") == ["Thu 17 Sep 2026", "Thu 29 Oct 2026"]
    assert column(meetings.table, "Solicitors present") == ["Yes", "No"]
    assert column(meetings.table, "Agreement signed") == ["Yes", "Not recorded"]
    lines = meetings.notice.text().splitlines()
    # Six weeks after the review on Thursday 29 October.
    assert lines[0] == "Hold a review pre-proceedings meeting, by Thu 10 Dec 2026"
    assert lines[1] == "Family group decision-making (FGDM) meeting: offered, not yet held."


def test_assessments_tab_shows_status_in_words_and_icons(qtbot, world, fake_actions):
    assessments = tab(open_workspace(qtbot, world, "Smith"), assessments_tab.AssessmentsTab)
    table = assessments.table
    # Open ones first, earliest due first; completed ones last.
    assert column(table, "Assessment") == ["Parenting assessment", "DNA testing",
                                           "Viability assessment"]
    assert column(table, "Status") == ["Overdue by 11 calendar days", "Due in 4 calendar days",
                                       "Completed Thu 8 Oct 2026"]
    assert column(table, "Conclusion")[2].startswith("Positive")
    status = table.model.index(0, assessments_tab.COL_STATUS)
    assert status.data(Qt.ItemDataRole.DecorationRole) is not None


def test_letters_and_notes_tabs(qtbot, world, fake_actions):
    workspace = open_workspace(qtbot, world, "Smith")
    letters, notes = workspace.tab_pages[4], workspace.tab_pages[5]
    assert column(letters.table, "To") == ["Jade Smith", "Liam Smith"]
    assert column(letters.table, "Sent") == ["Thu 3 Sep 2026", "Fri 4 Sep 2026"]
    assert column(letters.table, "How") == ["By hand", "Post"]
    assert letters.notice.isHidden()  # every letter is sent
    assert column(notes.table, "By") == ["Sam Okafor"]
    assert column(notes.table, "Written") == ["Thu 26 Nov 2026 12:00"]  # noon UTC is GMT now


def test_empty_tabs_say_what_to_do(qtbot, world, fake_actions):
    workspace = open_workspace(qtbot, world, "Evans")
    assessments = tab(workspace, assessments_tab.AssessmentsTab)
    assert assessments.table.is_empty()
    assert assessments.table.empty_label.text() == assessments_tab.EMPTY
    notes = workspace.tab_pages[5]
    assert notes.table.empty_label.text() == "No notes yet. Use Add a note."  # it is offered
    workspace.tabs.setCurrentWidget(assessments)
    assert assessments.table.empty_label.isVisible()
    letters = workspace.tab_pages[4]
    assert letters.table.is_empty()
    assert letters.notice.isHidden()  # no gateway decision: nothing is due yet


def test_records_of_earlier_episodes_say_which_episode(qtbot, world, fake_actions):
    workspace = open_workspace(qtbot, world, "Green")
    table = tab(workspace, assessments_tab.AssessmentsTab).table
    assert column(table, "Assessment") == ["Parenting assessment", "Drug and alcohol testing"]
    assert column(table, "Episode") == ["This episode", "Earlier, from Wed 20 May 2026"]
    assert not table.table.isColumnHidden(table.model.episode_column)
    # Smith has one episode, so the column stays out of the way.
    smith = tab(open_workspace(qtbot, world, "Smith"), assessments_tab.AssessmentsTab).table
    assert smith.table.isColumnHidden(smith.model.episode_column)


def test_history_shows_entries_newest_first_in_words(qtbot, world, fake_actions):
    workspace = open_workspace(qtbot, world, "Foster")
    history = tab(workspace, history_tab.HistoryTab)
    what = column(history.table, "What")
    assert what[0] == "Looked at the family"  # opening the workspace is itself recorded
    changes = [w for w in what if w != "Looked at the family"]
    assert changes == ["Recorded the court application", "Recorded the pre-proceedings outcome",
                       "Recorded a letter as sent", "Created the family's record"]
    row = what.index("Recorded the pre-proceedings outcome")
    outcome = history.table.model.index(row, history_tab.COL_CHANGES).data(
        Qt.ItemDataRole.ToolTipRole).splitlines()
    assert "Stage: Pre-proceedings → Care proceedings issued" in outcome
    assert "Outcome date: blank → Mon 2 Nov 2026" in outcome
    # One line a row in the table itself.
    assert " · Outcome date: blank → Mon 2 Nov 2026" in column(history.table, "Changes")[row]
    assert column(history.table, "When")[0] == "Thu 26 Nov 2026 12:00"
    # Everything was changed by admin (others may have looked at the family meanwhile).
    who = column(history.table, "Who")
    assert {who[row] for row, w in enumerate(what) if w != "Looked at the family"} == {"admin"}
    history.show_views.setChecked(False)
    assert column(history.table, "What") == changes


# Actions -------------------------------------------------------------------------------------

def test_actions_are_buttons_and_unavailable_ones_say_why(qtbot, world, fake_actions):
    workspace = open_workspace(qtbot, world, "Smith")
    buttons = workspace.actions_bar.buttons
    assert [b.text() for b in buttons.values()] == ["Add a note", "Record the court application"]
    assert buttons["note"].isEnabled() and buttons["note"].toolTip() == ""
    assert not buttons["court"].isEnabled()
    assert buttons["court"].toolTip() == "Care proceedings have not been issued."
    assert buttons["court"].accessibleDescription() == buttons["court"].toolTip()
    assert workspace.actions_bar.message.isHidden()
    # Tab goes from the actions (made when the family arrived) on to the tabs, in reading order.
    workspace.activateWindow()
    qtbot.waitActive(workspace)
    buttons["note"].setFocus()
    qtbot.keyClick(buttons["note"], Qt.Key.Key_Tab)
    why = workspace.actions_bar.why_button
    assert QApplication.focusWidget() is why
    qtbot.keyClick(why, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is workspace.tabs.tabBar()
    # Disabled buttons take no focus, so the reasons can be read out from the keyboard too.
    assert workspace.actions_bar.reasons.isHidden()
    qtbot.keyClick(why, Qt.Key.Key_Space)
    assert workspace.actions_bar.reasons.isVisible()
    assert workspace.actions_bar.reasons.text() == (
        "Record the court application: Care proceedings have not been issued.")


def test_an_action_that_saves_reloads_the_workspace(qtbot, world, monkeypatch):
    def save(services, actor, detail):
        services.milestones.add_note(actor, detail.family_id, "Phoned the mother.",
                                     expected_version=detail.version)

    fake = FakeActions(save)
    monkeypatch.setattr(case_workspace, "_actions_module", lambda: fake)
    workspace = open_workspace(qtbot, world, "Hughes", actor=world.sam)
    version = workspace.detail().version
    workspace.actions_bar.buttons["note"].setFocus()
    with qtbot.waitSignals([workspace.changed, workspace.loaded], timeout=LOAD_TIMEOUT):
        qtbot.keyClick(workspace.actions_bar.buttons["note"], Qt.Key.Key_Space)
    assert fake.opened == [("note", version)]
    assert workspace.detail().version == version + 1
    notes = workspace.tab_pages[5]
    assert column(notes.table, "Note")[0] == "Phoned the mother."
    assert workspace.tabs.tabText(5) == f"Notes ({len(workspace.detail().notes)})"
    history = tab(workspace, history_tab.HistoryTab)
    # Refreshing after one's own change is not recorded as another look at the family.
    assert column(history.table, "What")[:2] == ["Added a note", "Looked at the family"]
    assert column(history.table, "Changes")[0] == "Note: Phoned the mother."
    # The same buttons stay, so focus stays where the user left it.
    assert workspace.actions_bar.buttons["note"].hasFocus()


def test_an_action_cancelled_changes_nothing(qtbot, world, fake_actions):
    workspace = open_workspace(qtbot, world, "Smith")
    with qtbot.assertNotEmitted(workspace.changed):
        workspace.actions_bar.buttons["note"].click()
    assert fake_actions.opened == [("note", workspace.detail().version)]
    assert not workspace.is_loading()


def test_without_the_forms_there_are_no_actions(qtbot, world, monkeypatch):
    monkeypatch.setattr(case_workspace, "_actions_module", lambda: None)
    workspace = open_workspace(qtbot, world, "Smith")
    assert workspace.actions_bar.buttons == {}
    assert workspace.actions_bar.message.text() == NO_ACTIONS_TEXT
    assert not workspace.actions_bar.message.isHidden()


def test_real_actions_give_a_reason_whenever_unavailable(qtbot, world):
    actions = pytest.importorskip(case_workspace.ACTIONS_MODULE)
    workspace = open_workspace(qtbot, world, "Foster", actor=world.reader)
    offered = actions.case_actions(workspace.detail(), world.reader)
    bar = workspace.actions_bar
    assert len(bar.buttons) == len(offered)
    for button in bar.buttons.values():
        assert button.isEnabled() or button.toolTip().strip()
    # A read-only role can do nothing here: it is told why, instead of seeing greyed buttons.
    assert not any(action.enabled for action in offered)
    assert all(button.isHidden() for button in bar.buttons.values())
    assert bar.reasons.isVisible()
    assert bar.reasons.text().startswith("Your role (read only) does not allow you to")
    manager = open_workspace(qtbot, world, "Smith").actions_bar
    assert any(button.isEnabled() for button in manager.buttons.values())
    assert not manager.why_button.isHidden() and manager.reasons.isHidden()


def test_a_real_note_saved_from_its_dialog_shows_in_the_workspace(qtbot, world):
    actions = pytest.importorskip(case_workspace.ACTIONS_MODULE)
    workspace = open_workspace(qtbot, world, "Hughes", actor=world.sam)
    notes_before = len(workspace.detail().notes)
    typed: list[str] = []

    def fill_in_and_save() -> None:
        dialog = QApplication.activeModalWidget()
        dialog.text.setPlainText("Spoke to the guardian about contact.")
        typed.append(dialog.windowTitle())
        dialog.save_button.click()

    QTimer.singleShot(0, fill_in_and_save)  # runs inside the dialog's own event loop
    with qtbot.waitSignals([workspace.changed, workspace.loaded], timeout=LOAD_TIMEOUT):
        workspace.actions_bar.buttons[actions.NOTE].click()
    assert typed  # the dialog was the one shown
    assert len(workspace.detail().notes) == notes_before + 1
    assert column(workspace.tab_pages[5].table, "Note")[0] == (
        "Spoke to the guardian about contact.")


# Keyboard and models -------------------------------------------------------------------------

def test_escape_does_not_close_the_workspace_and_f5_reloads_it(qtbot, world, fake_actions):
    workspace = open_workspace(qtbot, world, "Smith")
    workspace.tabs.setFocus()
    qtbot.keyClick(workspace.tabs, Qt.Key.Key_Escape)
    assert workspace.isVisible()
    views = len(workspace.case_data().history)
    with qtbot.waitSignal(workspace.loaded, timeout=LOAD_TIMEOUT):
        qtbot.keyClick(workspace.tabs, Qt.Key.Key_F5)
    assert len(workspace.case_data().history) == views  # a refresh is not a new look


def test_reloads_asked_for_during_a_load_become_one_more(qtbot, world, fake_actions,
                                                         monkeypatch):
    workspace = open_workspace(qtbot, world, "Smith")
    loads: list[int] = []
    real_load = case_workspace.load_case

    def counted(*args, **kwargs):
        loads.append(1)
        return real_load(*args, **kwargs)

    monkeypatch.setattr(case_workspace, "load_case", counted)
    arrivals: list[None] = []
    workspace.loaded.connect(lambda: arrivals.append(None))
    for _ in range(3):
        workspace.reload()
    qtbot.waitUntil(lambda: not workspace.is_loading(), timeout=LOAD_TIMEOUT)
    QThreadPool.globalInstance().waitForDone(LOAD_TIMEOUT)
    QApplication.processEvents()
    # Never two loads at once: the one running, then one more; only the last is shown.
    assert arrivals == [None]
    assert len(loads) == 2
    assert workspace.is_showing_family()


def test_every_tab_model_keeps_qts_contract(qtbot, world, fake_actions, qtmodeltester):
    workspace = open_workspace(qtbot, world, "Smith", show=False)
    tables = workspace.findChildren(RecordTable)
    assert len(tables) == 8  # children, adults and one per other tab
    for table in tables:
        qtmodeltester.check(table.model)

"""The case workspace as a user sees it: header, timeline, actions, tabs, reloading after a save."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt, QThreadPool, QTimer
from PySide6.QtGui import QAction, QHelpEvent
from PySide6.QtWidgets import QApplication, QMenu, QScrollArea, QToolTip, QVBoxLayout, QWidget

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
from plo_tracker.gui.actions_toolbar import MENU_TEXT, NOTHING_TEXT, WHY_TEXT, ActionsToolbar
from plo_tracker.gui.case_header import CAPTION
from plo_tracker.gui.case_tabs import assessments_tab, history_tab, meetings_tab, people_tab
from plo_tracker.gui.case_tabs.record_table import RecordTable
from plo_tracker.gui.case_workspace import LOADING_TEXT, CaseWorkspace
from plo_tracker.gui.forms import actions as forms_actions
from plo_tracker.gui.forms.actions import CaseAction
from plo_tracker.gui.main_window import MainWindow
from plo_tracker.services.actor import SYSTEM, Actor
from plo_tracker.services.case_forms import AdultForm, ChildForm, GatewayForm, NewFamilyForm
from plo_tracker.services.registry import Services
from plo_tracker.services.users import NewUser
from tests.support import open_test_database

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
    services = open_test_database(folder, "case")
    services.users.create(SYSTEM, NewUser("admin", "Alex Byrne", Role.ADMINISTRATOR))
    admin = services.users.trusted_actor("admin")
    services.users.create(admin, NewUser("sam", "Sam Okafor", Role.SOCIAL_WORKER, "North"))
    services.users.create(admin, NewUser("robin", "Robin Hale", Role.READ_ONLY))
    sam, reader = services.users.trusted_actor("sam"), services.users.trusted_actor("robin")
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
                       "Assessment late", admin.user_id)

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


GATEWAY_DONE = "The gateway decision for this episode is already recorded."
NOT_ISSUED = "Care proceedings have not been issued."


class FakeActions:
    """Stands in for case_actions and open_action: seven actions in journey order, three of
    them unavailable (two for the same reason)."""

    def __init__(self, save=None) -> None:
        self.opened: list[tuple[str, int]] = []
        self._save = save
        self.once: set[str] = set()  # actions no longer offered once opened
        self._done: set[str] = set()

    def case_actions(self, detail, actor) -> list[CaseAction]:
        def action(key: str, label: str, why: str | None = None) -> CaseAction:
            if key in self._done:
                why = "Already recorded."
            return CaseAction(key, label, why is None, why)

        return [
            action("gateway", "Record the gateway decision", GATEWAY_DONE),
            action("letter", "Record a letter before proceedings as sent"),
            action("schedule_meeting", "Plan a meeting"),
            action("court", "Record the court application", NOT_ISSUED),
            action("close", "Record care proceedings as concluded", NOT_ISSUED),
            action("note", "Add a note"),
            action("adult", "Add or change a parent or other adult"),
        ]

    def open_action(self, key, parent, services, actor, detail) -> bool:
        self.opened.append((key, detail.version))
        if key in self.once:
            self._done.add(key)
        if self._save is None:
            return False
        self._save(services, actor, detail)
        return True


def use_fake(monkeypatch, fake: FakeActions) -> FakeActions:
    monkeypatch.setattr(case_workspace, "case_actions", fake.case_actions)
    monkeypatch.setattr(case_workspace, "open_action", fake.open_action)
    return fake


@pytest.fixture
def fake_actions(monkeypatch) -> FakeActions:
    return use_fake(monkeypatch, FakeActions())


# Workspaces opened by the test running: qtbot holds its widgets only weakly, and a test that
# keeps just a tab of one must not find the workspace collected under it.
_OPEN: list[CaseWorkspace] = []


@pytest.fixture(autouse=True)
def _keep_workspaces_open():
    yield
    _OPEN.clear()


def open_workspace(qtbot, world: CaseWorld, surname: str, actor: Actor | None = None,
                   show: bool = True) -> CaseWorkspace:
    workspace = CaseWorkspace(world.services, actor or world.admin, world.ids[surname])
    qtbot.addWidget(workspace)
    _OPEN.append(workspace)
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
    assert failed.args == [
        "The family could not be loaded. That family no longer exists. Refresh the list."]
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
    assert header.week_bar.fraction == pytest.approx(87 / 112)  # day 87 of the 112
    assert header.status.text() == "Overdue"
    assert header.status_icon.pixmap() is not None and not header.status_icon.pixmap().isNull()
    # The parenting assessment was due on Sunday 15 November, so it was to be finished by
    # Friday 13 November: 13 calendar days before today.
    assert header.next_due.text().startswith(
        "Next: Parenting assessment due (Mother), by Sun 15 Nov 2026 (13 calendar days "
        "overdue)")
    assert "Why: the due date set when it was commissioned." in header.next_due.toolTip()
    assert "Sun 15 Nov 2026 is a Sunday: finish it by Fri 13 Nov." in header.next_due.toolTip()
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
                      "Documents (0)", "Notes (1)", f"History ({history})"]


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
    letters, notes = workspace.tab_pages[4], workspace.tab_pages[6]
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
    notes = workspace.tab_pages[6]
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
    assert "Stage: Pre-proceedings → Decided to issue" in outcome
    assert "Outcome date: blank → Mon 2 Nov 2026" in outcome
    # One line a row in the table itself.
    assert " · Outcome date: blank → Mon 2 Nov 2026" in column(history.table, "Changes")[row]
    # When it really happened (the computer's clock), not the test's "today".
    assert column(history.table, "When")[0].startswith(
        datetime.now().astimezone().strftime("%a %-d %b %Y"))
    # Everything was changed by admin (others may have looked at the family meanwhile).
    who = column(history.table, "Who")
    assert {who[row] for row, w in enumerate(what) if w != "Looked at the family"} == {"Alex Byrne"}
    history.show_views.setChecked(False)
    assert column(history.table, "What") == changes


# Actions -------------------------------------------------------------------------------------

# The offscreen platform cannot raise a popup menu or let it grab the keyboard, and says so;
# the menus work all the same.
menus_offscreen = pytest.mark.qt_log_ignore(
    "This plugin does not support (raise|grabbing the keyboard|grabbing the mouse)")


def open_menu(qtbot, bar, press) -> QMenu:
    """Open the "Record…" menu by ``press``-ing its button; the menu pops up and stays."""
    press()
    qtbot.waitUntil(bar.menu.isVisible)
    assert QApplication.activePopupWidget() is bar.menu
    return bar.menu


def choose_by_keyboard(qtbot, menu: QMenu, item: QAction) -> None:
    """Arrow down to an item, as a keyboard user would, and press Enter."""
    for _ in range(2 * len(menu.actions())):
        if menu.activeAction() is item:
            break
        qtbot.keyClick(menu, Qt.Key.Key_Down)
    assert menu.activeAction() is item
    qtbot.keyClick(menu, Qt.Key.Key_Return)


def test_the_likely_next_actions_are_buttons_and_every_action_is_in_a_menu(qtbot, world,
                                                                            fake_actions):
    workspace = open_workspace(qtbot, world, "Smith")
    bar = workspace.actions_bar
    # The first few actions of the journey that can be done now.
    assert list(bar.buttons) == ["letter", "schedule_meeting", "note"]
    assert [b.text() for b in bar.buttons.values()] == [
        "Record a letter before proceedings as sent", "Plan a meeting", "Add a note"]
    assert all(b.isVisible() and b.isEnabled() for b in bar.buttons.values())
    assert bar.menu_button.isVisible() and bar.menu_button.text() == MENU_TEXT
    assert bar.why_button.isVisible() and bar.message.isHidden()
    # One line, not a wall of buttons.
    assert bar.height() <= 2 * bar.menu_button.height()
    # Every action in journey order; those that cannot be done greyed, with the reason.
    items = [item for item in bar.menu.actions() if not item.isSeparator()]
    assert [item.text() for item in items] == [
        "Record the gateway decision", "Record a letter before proceedings as sent",
        "Plan a meeting", "Record the court application",
        "Record care proceedings as concluded", "Add a note",
        "Add or change a parent or other adult", WHY_TEXT]
    court = bar.menu_actions["court"]
    assert not court.isEnabled()
    assert court.toolTip() == court.statusTip() == NOT_ISSUED
    assert bar.menu_actions["note"].isEnabled() and bar.menu_actions["note"].statusTip() == ""
    assert bar.menu.toolTipsVisible()


def test_on_a_narrow_window_the_suggestions_give_way_to_the_menu(qtbot):
    window = QWidget()  # as in the workspace, the bar is laid out by its parent's layout
    qtbot.addWidget(window)
    bar = ActionsToolbar()
    QVBoxLayout(window).addWidget(bar)
    bar.set_actions(FakeActions().case_actions(None, None))
    window.resize(1200, 40)
    window.show()
    qtbot.waitExposed(window)
    assert list(bar.buttons) == ["letter", "schedule_meeting", "note"]
    # The bar asks for no more than the menu and the reasons, so the window can shrink...
    assert bar.minimumSizeHint().width() < 2 * bar.why_button.sizeHint().width()
    # ...and the suggestions that no longer fit go, first the last; the menu keeps them all.
    letter = bar.buttons["letter"].sizeHint().width()
    window.resize(bar.menu_button.sizeHint().width() + bar.why_button.sizeHint().width()
                  + letter + 60, 40)
    qtbot.waitUntil(lambda: list(bar.buttons) == ["letter"])
    shown = [*bar.buttons.values(), bar.menu_button, bar.why_button]

    def laid_out_in_full() -> bool:
        return all(w.isVisible() and w.width() >= w.sizeHint().width() for w in shown) and max(
            w.geometry().right() for w in shown) < bar.width()

    qtbot.waitUntil(laid_out_in_full)
    assert len(bar.menu_actions) == 7
    window.resize(1200, 40)
    qtbot.waitUntil(lambda: len(bar.buttons) == 3)


@menus_offscreen
def test_keyboard_reaches_every_action_in_reading_order(qtbot, world, fake_actions):
    workspace = open_workspace(qtbot, world, "Smith")
    bar = workspace.actions_bar
    version = workspace.detail().version
    workspace.activateWindow()
    qtbot.waitActive(workspace)
    letter, meeting, note = bar.buttons.values()
    letter.setFocus()
    # Tab: the buttons, the menu, the reasons, then on to the tabs below.
    for expected in (meeting, note, bar.menu_button, bar.why_button, workspace.tabs.tabBar()):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is expected
    # Enter presses the button with the focus.
    meeting.setFocus()
    qtbot.keyClick(meeting, Qt.Key.Key_Return)
    assert fake_actions.opened == [("schedule_meeting", version)]
    # Enter opens the menu; the arrows move in it and Enter chooses.
    bar.menu_button.setFocus()
    menu = open_menu(qtbot, bar, lambda: qtbot.keyClick(bar.menu_button, Qt.Key.Key_Return))
    choose_by_keyboard(qtbot, menu, bar.menu_actions["adult"])
    assert fake_actions.opened[-1] == ("adult", version)
    assert not menu.isVisible()
    # Escape closes it without choosing anything.
    menu = open_menu(qtbot, bar, lambda: qtbot.keyClick(bar.menu_button, Qt.Key.Key_Space))
    qtbot.keyClick(menu, Qt.Key.Key_Escape)
    assert not menu.isVisible() and len(fake_actions.opened) == 2


@menus_offscreen
def test_the_reasons_are_in_reach_of_keyboard_and_mouse(qtbot, world, fake_actions):
    workspace = open_workspace(qtbot, world, "Smith")
    bar = workspace.actions_bar
    workspace.activateWindow()
    qtbot.waitActive(workspace)
    reasons = ("Record the gateway decision: " + GATEWAY_DONE + "\n"
               "Record the court application, Record care proceedings as concluded: "
               + NOT_ISSUED)
    assert bar.reasons.isHidden()
    # A greyed item takes no focus, so the menu ends with "Why are some unavailable?".
    bar.menu_button.setFocus()
    menu = open_menu(qtbot, bar, lambda: qtbot.keyClick(bar.menu_button, Qt.Key.Key_Return))
    choose_by_keyboard(qtbot, menu, bar.why_action)
    assert bar.reasons.isVisible() and bar.reasons.text() == reasons
    assert bar.why_button.hasFocus()
    # The button beside the menu shows and hides them too.
    qtbot.keyClick(bar.why_button, Qt.Key.Key_Space)
    assert bar.reasons.isHidden()
    qtbot.keyClick(bar.why_button, Qt.Key.Key_Return)
    assert bar.reasons.isVisible()
    # The mouse resting on a greyed item shows its reason.
    menu = open_menu(qtbot, bar, lambda: qtbot.mouseClick(bar.menu_button,
                                                          Qt.MouseButton.LeftButton))
    point = menu.actionGeometry(bar.menu_actions["court"]).center()
    QApplication.sendEvent(menu, QHelpEvent(QEvent.Type.ToolTip, point, menu.mapToGlobal(point)))
    qtbot.waitUntil(QToolTip.isVisible)
    assert QToolTip.text() == NOT_ISSUED
    QToolTip.hideText()
    qtbot.keyClick(menu, Qt.Key.Key_Escape)


def test_the_focused_button_shows_a_focus_ring(qtbot, world, fake_actions):
    workspace = open_workspace(qtbot, world, "Smith")
    workspace.activateWindow()
    qtbot.waitActive(workspace)
    for button in [*workspace.actions_bar.buttons.values(), workspace.actions_bar.menu_button]:
        workspace.tabs.setFocus()
        plain = button.grab().toImage()
        button.setFocus()
        assert button.hasFocus()
        assert button.grab().toImage() != plain, button.text()


def test_an_action_that_saves_reloads_the_workspace(qtbot, world, monkeypatch):
    def save(services, actor, detail):
        services.milestones.add_note(actor, detail.family_id, "Phoned the mother.",
                                     expected_version=detail.version)

    fake = use_fake(monkeypatch, FakeActions(save))
    workspace = open_workspace(qtbot, world, "Hughes", actor=world.sam)
    workspace.activateWindow()
    qtbot.waitActive(workspace)
    version = workspace.detail().version
    workspace.actions_bar.buttons["note"].setFocus()
    with qtbot.waitSignals([workspace.changed, workspace.loaded], timeout=LOAD_TIMEOUT):
        qtbot.keyClick(workspace.actions_bar.buttons["note"], Qt.Key.Key_Return)
    assert fake.opened == [("note", version)]
    assert workspace.detail().version == version + 1
    notes = workspace.tab_pages[6]
    assert column(notes.table, "Note")[0] == "Phoned the mother."
    assert workspace.tabs.tabText(6) == f"Notes ({len(workspace.detail().notes)})"
    history = tab(workspace, history_tab.HistoryTab)
    # Refreshing after one's own change is not recorded as another look at the family.
    assert column(history.table, "What")[:2] == ["Added a note", "Looked at the family"]
    assert column(history.table, "Changes")[0] == "Note: Phoned the mother."
    # The same action keeps its button, so the focus stays where the user left it.
    assert workspace.actions_bar.buttons["note"].hasFocus()

    # Once the letter is recorded it is no longer offered: the focus does not stay on a
    # button that now does something else, but moves to the menu.
    fake.once.add("letter")
    letter = workspace.actions_bar.buttons["letter"]
    letter.setFocus()
    with qtbot.waitSignal(workspace.loaded, timeout=LOAD_TIMEOUT):
        qtbot.keyClick(letter, Qt.Key.Key_Return)
    assert list(workspace.actions_bar.buttons) == ["schedule_meeting", "note", "adult"]
    assert workspace.actions_bar.menu_button.hasFocus()
    assert not workspace.actions_bar.menu_actions["letter"].isEnabled()


def test_an_action_cancelled_changes_nothing(qtbot, world, fake_actions):
    workspace = open_workspace(qtbot, world, "Smith")
    with qtbot.assertNotEmitted(workspace.changed):
        qtbot.mouseClick(workspace.actions_bar.buttons["note"], Qt.MouseButton.LeftButton)
    assert fake_actions.opened == [("note", workspace.detail().version)]
    assert not workspace.is_loading()


def test_the_real_actions_are_imported_and_give_a_reason_whenever_unavailable(qtbot, world):
    assert case_workspace.case_actions is forms_actions.case_actions
    workspace = open_workspace(qtbot, world, "Smith")
    manager = workspace.actions_bar
    offered = forms_actions.case_actions(workspace.detail(), world.admin)
    enabled = [action.key for action in offered if action.enabled]
    assert list(manager.buttons) == enabled[:3]
    assert list(manager.menu_actions) == list(forms_actions.ACTION_KEYS)
    for action in offered:
        item = manager.menu_actions[action.key]
        assert item.isEnabled() == action.enabled
        assert action.enabled or item.toolTip().strip()
    assert not manager.why_button.isHidden() and manager.reasons.isHidden()

    # A read-only role can do nothing here: it is told why, not shown greyed items.
    reader = open_workspace(qtbot, world, "Foster", actor=world.reader)
    bar = reader.actions_bar
    assert bar.buttons == {}
    assert bar.menu_button.isHidden() and bar.why_button.isHidden()
    assert bar.message.isVisible()
    # The reason holding back the most actions, in words; every reason in its tooltip.
    reasons = Counter(a.why_disabled for a in forms_actions.case_actions(reader.detail(),
                                                                         world.reader))
    assert bar.message.text() == f"{NOTHING_TEXT} {reasons.most_common(1)[0][0]}"
    assert bar.message.text().startswith(
        "You cannot record anything on this family. Your role (read only) does not allow you to")
    assert set(bar.message.toolTip().splitlines()) == set(reasons)


@menus_offscreen
def test_a_real_note_chosen_from_the_menu_and_saved_shows_in_the_workspace(qtbot, world):
    workspace = open_workspace(qtbot, world, "Hughes", actor=world.sam)
    bar = workspace.actions_bar
    notes_before = len(workspace.detail().notes)
    typed: list[str] = []

    def fill_in_and_save() -> None:
        dialog = QApplication.activeModalWidget()
        dialog.text.setPlainText("Spoke to the guardian about contact.")
        typed.append(dialog.windowTitle())
        dialog.save_button.click()

    menu = open_menu(qtbot, bar, lambda: qtbot.mouseClick(bar.menu_button,
                                                          Qt.MouseButton.LeftButton))
    item = bar.menu_actions["note"]
    QTimer.singleShot(0, fill_in_and_save)  # runs inside the dialog's own event loop
    with qtbot.waitSignals([workspace.changed, workspace.loaded], timeout=LOAD_TIMEOUT):
        qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(item).center())
    assert typed  # the dialog was the one shown
    assert len(workspace.detail().notes) == notes_before + 1
    assert column(workspace.tab_pages[6].table, "Note")[0] == (
        "Spoke to the guardian about contact.")


# Room for the timeline ------------------------------------------------------------------------

def test_in_a_1366x768_window_the_timeline_gets_the_height_it_needs(qtbot, world, fake_actions):
    window = MainWindow(world.services, world.admin, "This computer")
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: not window.is_loading(), timeout=LOAD_TIMEOUT)
    workspace = window.open_family(world.ids["Smith"])
    qtbot.waitUntil(workspace.is_showing_family, timeout=LOAD_TIMEOUT)
    timeline, area = workspace.timeline, workspace.timeline.parentWidget().parentWidget()
    assert isinstance(area, QScrollArea)

    def whole_timeline_shown() -> bool:
        # The scroll bar goes once the scroll area has handled its layout request.
        return (timeline.height() == timeline.heightForWidth(timeline.width())
                and area.viewport().height() >= timeline.height()
                and not area.verticalScrollBar().isVisible())

    qtbot.waitUntil(whole_timeline_shown)
    layout = timeline.layout_for(timeline.width())
    assert max(text.rect.bottom() for text in layout.texts()) <= area.viewport().height()
    # The tabs below keep a usable height: their bar, a table's headings and a few rows.
    assert workspace.tabs.height() >= workspace.tabs_min_height()
    # Once the user moves the splitter, their choice stays across a reload.
    handle = workspace.splitter.handle(1)
    start = handle.rect().center()
    qtbot.mousePress(handle, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(handle, start + QPoint(0, -40))
    qtbot.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=start + QPoint(0, -40))
    sizes = workspace.splitter.sizes()
    with qtbot.waitSignal(workspace.loaded, timeout=LOAD_TIMEOUT):
        workspace.reload()
    assert workspace.splitter.sizes() == sizes


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
    # Children, adults, one per other tab, and the Meetings tab's follow-up checks.
    assert len(tables) == 10
    for table in tables:
        qtmodeltester.check(table.model)

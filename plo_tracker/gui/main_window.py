"""The main window: navigation, top bar, My work and Families pages, loaded in the background."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QStackedWidget,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

import plo_tracker
from plo_tracker.domain.date_text import short_date
from plo_tracker.domain.errors import DomainError
from plo_tracker.domain.vocabulary import Role
from plo_tracker.services.actor import Actor
from plo_tracker.services.caseload import DueEntry
from plo_tracker.services.permissions import Permission, allows
from plo_tracker.services.registry import Services

from .family_list_view import SEARCH_PLACEHOLDER, FamilyListView
from .family_table_model import PreparedFamilies, prepare_families
from .theme import standard_icon, status_icon
from .workers import BackgroundTask

PAGE_MY_WORK = "my_work"
PAGE_FAMILIES = "families"
LOADING_FAMILIES = "Loading families…"
_FAMILY_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_DUE_HEADERS = ("Due", "Late by", "Family", "What", "Social worker", "Status")
_DUE_SAMPLES = ("Wed 30 Sep 2026", "209 calendar days", "PLO-2026-0000",
                "Hold the initial pre-proceedings meeting (extra)", "Georgina Middleton",
                "Due soon")
_DUE_WORKER, _DUE_STATUS = 4, 5
_SP = QStyle.StandardPixmap


@dataclass(frozen=True)
class _Page:
    key: str
    label: str
    icon: QStyle.StandardPixmap
    permission: Permission
    shortcut: str


# Later pages (panel, letters, bundles, reports, admin) join this list with their permission.
_PAGES = (
    _Page(PAGE_MY_WORK, "My work", _SP.SP_FileDialogInfoView, Permission.VIEW_CASES, "Ctrl+1"),
    _Page(PAGE_FAMILIES, "Families", _SP.SP_FileDialogDetailedView, Permission.VIEW_CASES,
          "Ctrl+2"),
)


def _plural(count: int, word: str, words: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else words or word + 's'}"


def _families(count: int) -> str:
    return _plural(count, "family", "families")


class MyWorkView(QWidget):
    """What is overdue and due soon, grouped by day: overdue first, then today onwards."""

    family_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel("What is due")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.heading.setFont(font)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName("What is due")
        self.tree.setHeaderLabels(list(_DUE_HEADERS))
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.itemActivated.connect(self._activated)
        metrics = self.tree.fontMetrics()
        for column, sample in enumerate(_DUE_SAMPLES):
            # The first column also holds the indent under each day's heading.
            indent = self.tree.indentation() if column == 0 else 0
            self.tree.setColumnWidth(column, metrics.horizontalAdvance(sample) + 28 + indent)
        self.empty_label = QLabel()
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self._stack = QStackedWidget()
        self._stack.addWidget(self.tree)
        self._stack.addWidget(self.empty_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self._stack, 1)
        self.set_message("Loading what is due…")

    def set_message(self, text: str) -> None:
        self.empty_label.setText(text)
        self._stack.setCurrentWidget(self.empty_label)

    def set_due(self, entries: list[DueEntry], today: date, soon_days: int,
                whose: str | None) -> None:
        """Show due entries as on ``today``; ``whose`` names the worker, None means everyone."""
        within = f"the next {soon_days} calendar days"
        self.heading.setText(f"{whose}: overdue, and due in {within}" if whose
                             else f"Every family: overdue, and due in {within}")
        self.tree.setColumnHidden(_DUE_WORKER, whose is not None)
        self.tree.clear()
        if not entries:
            self.set_message(f"Nothing is overdue or due in {within}.")
            return
        groups: dict[str, list[DueEntry]] = {}
        for entry in entries:
            groups.setdefault(self._group_title(entry.item.due, today), []).append(entry)
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for title, members in groups.items():
            group = QTreeWidgetItem(self.tree, [f"{title} ({len(members):,})"])
            group.setFont(0, bold)
            group.setFirstColumnSpanned(True)
            group.addChildren([self._row(entry, today) for entry in members])
            group.setExpanded(True)
        self._stack.setCurrentWidget(self.tree)

    @staticmethod
    def _group_title(due: date, today: date) -> str:
        if due < today:
            return "Overdue"
        if due == today:
            return f"Today, {short_date(due)}"
        if due == today + timedelta(days=1):
            return f"Tomorrow, {short_date(due)}"
        return short_date(due)

    @staticmethod
    def _row(entry: DueEntry, today: date) -> QTreeWidgetItem:
        item = entry.item
        late = _plural((today - item.due).days, "calendar day") if item.due < today else ""
        row = QTreeWidgetItem([short_date(item.due), late, entry.plo_family_id, item.title,
                               entry.social_worker, entry.status.value])
        row.setIcon(_DUE_STATUS, status_icon(entry.status))
        tip = f"{item.title}\nDue {short_date(item.due)}: {item.reason}."
        for column in range(len(_DUE_HEADERS)):
            row.setToolTip(column, tip)
        row.setData(0, _FAMILY_ID_ROLE, item.family_id)
        return row

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        family_id = item.data(0, _FAMILY_ID_ROLE)
        if family_id is not None:
            self.family_activated.emit(family_id)


class MainWindow(QMainWindow):
    """The window a signed-in person works in.

    Args:
        services: the open database's services.
        actor: the person signed in.
        data_location_text: where the data lives, e.g. "This computer", "Team server" or
            "Demo data".

    The window shows at once; families and the due list load in the background.
    """

    family_activated = Signal(int)  # a family chosen on any page, by its database id
    families_loaded = Signal(int)  # how many families arrived from the background load

    def __init__(self, services: Services, actor: Actor, data_location_text: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.data_location_text = data_location_text
        self._families_task: BackgroundTask | None = None
        self._due_task: BackgroundTask | None = None
        self.about_box: QMessageBox | None = None
        # Where the data lives is in the title too, so demo data is never taken for real cases.
        self.setWindowTitle(f"PLO Tracker \u2013 {data_location_text}")

        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText(SEARCH_PLACEHOLDER)
        self.search_box.setMaximumWidth(480)
        mine = actor.user_id if actor.role is Role.SOCIAL_WORKER else None
        self.families_view = FamilyListView(search_box=self.search_box, my_user_id=mine)
        self.families_view.family_activated.connect(self._open_family)
        self.families_view.shown_changed.connect(self._show_count)
        self.my_work_view = MyWorkView()
        self.my_work_view.family_activated.connect(self._open_family)
        self.search_box.textEdited.connect(lambda _text: self.show_page(PAGE_FAMILIES))

        self.pages = [p for p in _PAGES if allows(actor, p.permission)]
        self.navigation = QListWidget()
        self.stack = QStackedWidget()
        self._build_navigation()
        self._build_central()
        self._build_menus()
        self._build_status_bar()
        self._fit_to_screen()
        # Tab follows reading order: the search box, then the navigation, then the page.
        QWidget.setTabOrder(self.search_box, self.navigation)
        self.show_page(PAGE_MY_WORK)
        self._first_load_started = False
        self._mark_loading()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if not self._first_load_started:
            # Start loading only once the window is on screen: the load's Python work would
            # otherwise hold the interpreter while the first paint waits (40 ms, not 15).
            self._first_load_started = True
            QTimer.singleShot(0, self.reload)

    # Public ----------------------------------------------------------------------------------

    def show_page(self, key: str) -> None:
        """Switch to a page by its key (PAGE_MY_WORK, PAGE_FAMILIES); ignored if not shown."""
        for row, page in enumerate(self.pages):
            if page.key == key:
                self.navigation.setCurrentRow(row)

    def current_page(self) -> str:
        return self.pages[self.navigation.currentRow()].key

    def focus_search(self) -> None:
        """Ctrl+F: go to the families and put the cursor in the search box."""
        self.show_page(PAGE_FAMILIES)
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def reload(self) -> None:
        """Load the families and the due list again, in the background."""
        self._first_load_started = True
        for task in (self._families_task, self._due_task):
            if task is not None:
                task.discard()  # a newer load replaces it
        self._mark_loading()
        services, actor = self.services, self.actor
        today = services.context.clock.today()
        worker_id = actor.user_id if actor.role is Role.SOCIAL_WORKER else None

        def families() -> PreparedFamilies:
            # The table's texts and sort keys are worked out here too, off the GUI thread.
            return prepare_families(services.caseload.families(actor, on=today), today)

        def due() -> tuple[list[DueEntry], int, date]:
            entries = services.caseload.due(actor, on=today, worker_id=worker_id)
            return entries, services.settings.current().timescales.due_soon_days, today

        # Bound methods, not lambdas: Qt drops the connection if the window is deleted first.
        self._families_task = BackgroundTask(families)
        self._families_task.succeeded.connect(self._families_arrived)
        self._families_task.failed.connect(self._families_failed)
        self._due_task = BackgroundTask(due)
        self._due_task.succeeded.connect(self._due_arrived)
        self._due_task.failed.connect(self._due_failed)
        self._families_task.start()
        self._due_task.start()

    def is_loading(self) -> bool:
        """True until the families and the due list have arrived (or failed to)."""
        return (not self._first_load_started or self._families_task is not None
                or self._due_task is not None)

    def _mark_loading(self) -> None:
        self.families_view.set_loading(True)
        self.busy.show()
        self.status_label.setText(LOADING_FAMILIES)

    def about_text(self) -> str:
        return (
            f"PLO Tracker {plo_tracker.__version__}\n\n"
            "Tracks families through PLO (Public Law Outline) pre-proceedings: letters before "
            "proceedings, pre-proceedings meetings, assessments and the 16-week timescale."
        )

    def show_about(self) -> None:
        self.about_box = QMessageBox(QMessageBox.Icon.Information, "About PLO Tracker",
                                     self.about_text(), QMessageBox.StandardButton.Close, self)
        self.about_box.open()

    # Building --------------------------------------------------------------------------------

    def _build_navigation(self) -> None:
        nav = self.navigation
        nav.setAccessibleName("Pages")
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize) + 4
        nav.setIconSize(QSize(size, size))
        for page in self.pages:
            item = QListWidgetItem(standard_icon(page.icon), page.label)
            item.setToolTip(f"{page.label} ({page.shortcut})")
            nav.addItem(item)
        char = nav.fontMetrics().averageCharWidth()
        nav.setFixedWidth(18 * char + size)
        nav.setFrameShape(QFrame.Shape.NoFrame)
        nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        pages = {PAGE_MY_WORK: self.my_work_view, PAGE_FAMILIES: self.families_view}
        for page in self.pages:
            self.stack.addWidget(pages[page.key])

    def _build_central(self) -> None:
        person = QLabel(f"{self.actor.display_name} ({self.actor.role.label.lower()})")
        person.setToolTip("Signed in")
        person.setAccessibleName("Signed in as")
        where = QLabel(f"Data: {self.data_location_text}")
        where.setToolTip("Where this window's records are kept")
        top = QHBoxLayout()
        top.addWidget(self.search_box, 1)
        top.addStretch(0)
        top.addWidget(person)
        top.addSpacing(16)
        top.addWidget(where)

        body = QHBoxLayout()
        body.addWidget(self.navigation)
        body.addWidget(self.stack, 1)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(top)
        layout.addLayout(body, 1)
        self.setCentralWidget(central)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        view_menu = self.menuBar().addMenu("&View")
        for page in self.pages:
            action = QAction(page.label, self)
            action.setShortcut(QKeySequence(page.shortcut))
            action.triggered.connect(lambda _checked=False, key=page.key: self.show_page(key))
            view_menu.addAction(action)
        view_menu.addSeparator()
        self.search_action = QAction("&Search families", self)
        self.search_action.setShortcut(QKeySequence("Ctrl+F"))
        self.search_action.triggered.connect(self.focus_search)
        view_menu.addAction(self.search_action)
        reload_action = QAction("&Reload", self)
        reload_action.setShortcut(QKeySequence("F5"))
        reload_action.triggered.connect(self.reload)
        view_menu.addAction(reload_action)

        help_menu = self.menuBar().addMenu("&Help")
        about = QAction("&About PLO Tracker", self)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)
        self.quit_action, self.about_action = quit_action, about

    def _build_status_bar(self) -> None:
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # no total known: a moving bar says "still working"
        self.busy.setMaximumWidth(120)
        self.busy.setAccessibleName("Loading")
        self.status_label = QLabel()
        self.statusBar().addPermanentWidget(self.busy)
        self.statusBar().addPermanentWidget(self.status_label)

    def _fit_to_screen(self) -> None:
        screen = self.screen().availableGeometry()
        self.resize(min(1280, screen.width()), min(800, screen.height()))

    # Background results ----------------------------------------------------------------------

    def _families_arrived(self, prepared: PreparedFamilies) -> None:
        self._families_task = None
        self.families_view.set_loading(False)
        self.families_view.model.set_prepared(prepared)
        self.busy.hide()
        self.families_loaded.emit(len(prepared.families))

    def _families_failed(self, error: BaseException) -> None:
        self._families_task = None
        self.busy.hide()
        message = self._problem_text(error, "The families could not be loaded.")
        self.families_view.set_problem(message)
        self.status_label.setText(message)

    def _due_arrived(self, result: tuple[list[DueEntry], int, date]) -> None:
        self._due_task = None
        entries, soon_days, today = result
        whose = "Your families" if self.actor.role is Role.SOCIAL_WORKER else None
        self.my_work_view.set_due(entries, today, soon_days, whose)

    def _due_failed(self, error: BaseException) -> None:
        self._due_task = None
        self.my_work_view.set_message(self._problem_text(error, "What is due could not be loaded."))

    @staticmethod
    def _problem_text(error: BaseException, fallback: str) -> str:
        if isinstance(error, DomainError):
            return error.message
        # Not one of ours: the error dialog says what to do and offers a report.
        sys.excepthook(type(error), error, error.__traceback__)
        return f"{fallback} Try View > Reload; if it fails again, contact your IT service desk."

    def _show_count(self, shown: int, total: int) -> None:
        if self._families_task is not None:
            return
        self.status_label.setText(_families(total) if shown == total
                                  else f"Showing {shown:,} of {_families(total)}")

    def _open_family(self, family_id: int) -> None:
        # The family page arrives in a later issue; until then say so rather than do nothing.
        self.statusBar().showMessage("Opening a family's page comes in a later version.", 5000)
        self.family_activated.emit(family_id)

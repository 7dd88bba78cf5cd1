"""The main window: navigation, top bar, My work and Families pages, loaded in the background."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QProgressBar,
    QStackedWidget,
    QStyle,
    QTabBar,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from plo_tracker.domain.vocabulary import Role
from plo_tracker.services.actor import Actor
from plo_tracker.services.permissions import Permission, allows
from plo_tracker.services.registry import Services

from .case_workspace import CaseWorkspace
from .family_list_view import SEARCH_PLACEHOLDER, FamilyListView
from .family_table_model import PreparedFamilies, prepare_families
from .icons import icon
from .idle_lock import IdleLock
from .my_work_view import MyWorkView
from .new_family_wizard import NewFamilyWizard
from .problem_text import problem_text
from .settings_dialog import SettingsDialog
from .workers import BackgroundTask

PAGE_MY_WORK = "my_work"
PAGE_FAMILIES = "families"
PAGE_BUNDLES = "bundles"
PAGE_REPORTS = "reports"
PAGE_PANEL = "panel"
LOADING_FAMILIES = "Loading families…"
_TAB_TITLE_CHARS = 32  # "PLO-2026-0042 " and a surname of a usual length


@dataclass(frozen=True)
class _Page:
    key: str
    label: str
    icon: str  # the name of its file in resources/icons
    permission: Permission
    shortcut: str


# Later pages (letters, admin) join this list with their permission; each has an icon of its own.
# The user guide's page for each page of the window (Help > User guide, F1).
_GUIDE_PAGES = {
    PAGE_MY_WORK: "my-work.md", PAGE_FAMILIES: "families.md", PAGE_PANEL: "gateway-panel.md",
    PAGE_BUNDLES: "bundles.md", PAGE_REPORTS: "reports.md",
}

_PAGES = (
    _Page(PAGE_MY_WORK, "My work", "my-work", Permission.VIEW_CASES, "Ctrl+1"),
    _Page(PAGE_FAMILIES, "Families", "families", Permission.VIEW_CASES, "Ctrl+2"),
    _Page(PAGE_PANEL, "Panel", "panel", Permission.RUN_PANEL, "Ctrl+3"),
    _Page(PAGE_BUNDLES, "Bundles", "bundles", Permission.VIEW_CASES, "Ctrl+5"),
    _Page(PAGE_REPORTS, "Reports", "reports", Permission.VIEW_REPORTS, "Ctrl+6"),
)


def _plural(count: int, word: str, words: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else words or word + 's'}"


def _families(count: int) -> str:
    return _plural(count, "family", "families")


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
    family_refreshed = Signal(int)  # one family's row was read again after a change

    def __init__(self, services: Services, actor: Actor, data_location_text: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.data_location_text = data_location_text
        self._families_task: BackgroundTask | None = None
        self._row_tasks: dict[int, BackgroundTask] = {}  # one family's row, read again
        self._due_list_waiting = False  # read again once the changed rows are in
        self._load_problem = False  # the last load failed: the status line says why
        self.about_box: QDialog | None = None
        self.user_guide: QWidget | None = None  # made when first asked for (F1)
        # Where the data lives is in the title too, so demo data is never taken for real cases.
        self.setWindowTitle(f"PLO Tracker \u2013 {data_location_text}")

        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText(SEARCH_PLACEHOLDER)
        self.search_box.setMaximumWidth(480)
        mine = actor.user_id if actor.role is Role.SOCIAL_WORKER else None
        self.families_view = FamilyListView(search_box=self.search_box, my_user_id=mine)
        self.families_view.family_activated.connect(self.open_family)
        self.families_view.shown_changed.connect(self._show_count)
        self.my_work_view = MyWorkView(services, actor)
        self.my_work_view.family_activated.connect(self.open_family)
        self.search_box.textEdited.connect(lambda _text: self.show_page(PAGE_FAMILIES))

        self.pages = [p for p in _PAGES if allows(actor, p.permission)]
        self.navigation = QListWidget()
        self.stack = QStackedWidget()
        self._build_navigation()
        self._build_central()
        self._build_menus()
        self._build_status_bar()
        # Covers the window after the idle time set in Settings; asks for the password again.
        self.idle_lock = IdleLock(
            services, actor, services.settings.current().accounts.idle_lock_minutes * 60,
            parent=self)
        self._fit_to_screen()
        # Tab follows reading order: the search box, then the navigation, then the page.
        QWidget.setTabOrder(self.search_box, self.navigation)
        self.show_page(PAGE_MY_WORK)
        self._first_load_scheduled = False
        self._first_load_started = False  # until then the window counts as loading
        self._mark_loading()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if not self._first_load_scheduled:
            # Start loading only once the window is on screen: the load's Python work would
            # otherwise hold the interpreter while the first paint waits (40 ms, not 15).
            self._first_load_scheduled = True
            QTimer.singleShot(0, self.reload)

    # Public ----------------------------------------------------------------------------------

    def show_page(self, key: str) -> None:
        """Switch to a page by its key (PAGE_MY_WORK, PAGE_FAMILIES); ignored if not shown."""
        for row, page in enumerate(self.pages):
            if page.key == key:
                self.navigation.setCurrentRow(row)
                self.tabs.setCurrentIndex(0)

    def _page_chosen(self, row: int) -> None:
        self.stack.setCurrentIndex(row)
        self.tabs.setCurrentIndex(0)

    def current_page(self) -> str:
        return self.pages[self.navigation.currentRow()].key

    def focus_search(self) -> None:
        """Ctrl+F: go to the families and put the cursor in the search box."""
        self.show_page(PAGE_FAMILIES)
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def reload(self) -> None:
        """Load the families and what is due again, in the background."""
        self._first_load_scheduled = self._first_load_started = True
        if self._families_task is not None:
            self._families_task.discard()  # a newer load replaces it
        self._mark_loading()
        services, actor = self.services, self.actor
        today = services.context.clock.today()

        def families() -> PreparedFamilies:
            # The table's texts and sort keys are worked out here too, off the GUI thread.
            return prepare_families(services.caseload.families(actor, on=today), today)

        # Bound methods, not lambdas: Qt drops the connection if the window is deleted first.
        self._families_task = BackgroundTask(families)
        self._families_task.succeeded.connect(self._families_arrived)
        self._families_task.failed.connect(self._families_failed)
        self._families_task.start()
        self._due_list_waiting = False
        self.my_work_view.reload()

    def is_loading(self) -> bool:
        """True until the families and the due list have arrived (or failed to)."""
        return (not self._first_load_started or self._families_task is not None
                or self.my_work_view.is_loading())

    def _mark_loading(self) -> None:
        self.families_view.set_loading(True)
        self.busy.show()
        self.status_label.setText(LOADING_FAMILIES)

    def open_user_guide(self) -> None:
        """The guide's page for what is on screen: a family's page, else the current page."""
        from .user_guide_window import UserGuideWindow

        if self.user_guide is None:
            self.user_guide = UserGuideWindow(self)
        on_family = self.tabs.currentIndex() > 0
        self.user_guide.show_page("family-page.md" if on_family
                                  else _GUIDE_PAGES.get(self.current_page(), "README.md"))
        self.user_guide.show()
        self.user_guide.raise_()
        self.user_guide.activateWindow()

    def show_about(self) -> None:
        # Imported when chosen: it asks the PDF libraries their versions, which the window
        # does not otherwise load to start.
        from .about_dialog import about_dialog

        self.about_box = about_dialog(self.services, self.data_location_text, self)
        self.about_box.open()

    # The letters dialogs are imported when chosen: they bring the PDF preview (QtPdf), and
    # the template editor reportlab and Jinja2, none of which the window needs to start.

    def open_batch_letters(self) -> None:
        from .letters.batch_dialog import BatchLettersDialog

        self._run_dialog(BatchLettersDialog(self.services, self.actor, self))

    def open_template_editor(self) -> None:
        from .letters.template_editor import TemplateEditorDialog

        self._run_dialog(TemplateEditorDialog(self.services, self.actor, self))

    def open_letterhead(self) -> None:
        from .letters.letterhead_dialog import LetterheadDialog

        self._run_dialog(LetterheadDialog(self.services, self.actor, self))

    def open_bundle(self, bundle_id: int) -> None:
        """The bundle builder for one bundle; the Bundles page is read again after."""
        from .bundles.bundle_builder import BundleBuilder

        builder = BundleBuilder(self.services, self.actor, bundle_id, self)
        builder.exec()
        builder.deleteLater()
        self.bundles_page.reload()

    # Building --------------------------------------------------------------------------------

    def _build_navigation(self) -> None:
        nav = self.navigation
        nav.setAccessibleName("Pages")
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize) + 4
        nav.setIconSize(QSize(size, size))
        for page in self.pages:
            item = QListWidgetItem(icon(page.icon), page.label)
            item.setToolTip(f"{page.label} ({page.shortcut})")
            nav.addItem(item)
        char = nav.fontMetrics().averageCharWidth()
        nav.setFixedWidth(18 * char + size)
        nav.setFrameShape(QFrame.Shape.NoFrame)
        nav.currentRowChanged.connect(self._page_chosen)
        pages = {PAGE_MY_WORK: self.my_work_view, PAGE_FAMILIES: self.families_view}
        if any(page.key == PAGE_BUNDLES for page in self.pages):
            from .bundles.bundles_page import BundlesPage

            self.bundles_page = pages[PAGE_BUNDLES] = BundlesPage(self.services, self.actor)
            self.bundles_page.bundle_activated.connect(self.open_bundle)
        if any(page.key == PAGE_REPORTS for page in self.pages):
            from .reports.reports_page import ReportsPage

            # Its figures are read when the page is first shown, not with the window.
            self.reports_page = pages[PAGE_REPORTS] = ReportsPage(self.services, self.actor)
            self.reports_page.family_activated.connect(self.open_family)
            self.reports_page.returns_requested.connect(self.open_returns)
        if any(page.key == PAGE_PANEL for page in self.pages):
            from .panel.panel_page import PanelPage

            self.panel_page = pages[PAGE_PANEL] = PanelPage(self.services, self.actor)
            self.panel_page.family_activated.connect(self.open_family)
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

        # The main area holds tabs: the home pages first, then one tab per open family.
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.setAccessibleName("Open pages and families")
        self.tabs.addTab(self.stack, "Home")
        self.tabs.tabBar().setTabButton(0, QTabBar.ButtonPosition.RightSide, None)
        self.tabs.tabCloseRequested.connect(self._close_tab)

        body = QHBoxLayout()
        body.addWidget(self.navigation)
        body.addWidget(self.tabs, 1)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(top)
        layout.addLayout(body, 1)
        self.setCentralWidget(central)

    def _action(self, menu, text: str, slot, shortcut: str | None = None,
                icon_name: str | None = None) -> QAction:
        action = QAction(text, self)
        if icon_name:
            action.setIcon(icon(icon_name))
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        can_edit = allows(self.actor, Permission.EDIT_CASES)
        is_admin = allows(self.actor, Permission.MANAGE_SETTINGS)
        self.new_family_action = self._action(file_menu, "&New family…", self.new_family,
                                              "Ctrl+N", icon_name="new-family")
        self.new_family_action.setVisible(can_edit)
        self.import_action = self._action(file_menu, "&Import from a spreadsheet…",
                                          self.open_import, icon_name="import")
        self.import_action.setVisible(allows(self.actor, Permission.IMPORT_RECORDS))
        self.close_family_action = self._action(file_menu, "&Close family tab",
                                                self.close_current_family, "Ctrl+W",
                                                icon_name="close")
        self.returns_action = self._action(file_menu, "National &returns…", self.open_returns,
                                           icon_name="returns")
        self.returns_action.setVisible(allows(self.actor, Permission.MAKE_RETURNS))
        file_menu.addSeparator()
        self._action(file_menu, "Change my &password…", self.change_password,
                     icon_name="password")
        file_menu.addSeparator()
        quit_action = QAction(icon("sign-out"), "&Quit", self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        view_menu = self.menuBar().addMenu("&View")
        for page in self.pages:
            action = QAction(icon(page.icon), page.label, self)
            action.setShortcut(QKeySequence(page.shortcut))
            action.triggered.connect(lambda _checked=False, key=page.key: self.show_page(key))
            view_menu.addAction(action)
        view_menu.addSeparator()
        self.search_action = QAction(icon("search"), "&Search families", self)
        self.search_action.setShortcut(QKeySequence("Ctrl+F"))
        self.search_action.triggered.connect(self.focus_search)
        view_menu.addAction(self.search_action)
        reload_action = QAction(icon("refresh"), "&Reload", self)
        reload_action.setShortcut(QKeySequence("F5"))
        reload_action.triggered.connect(self.reload)
        view_menu.addAction(reload_action)
        self.audit_log_action = self._action(view_menu, "&Audit log…", self.open_audit_log,
                                             icon_name="audit-log")
        self.audit_log_action.setVisible(allows(self.actor, Permission.VIEW_AUDIT))

        letters_menu = self.menuBar().addMenu("&Letters")
        self._action(letters_menu, "&Batch of letters…", self.open_batch_letters,
                     icon_name="write-letters")
        self._action(letters_menu, "Letter &templates…", self.open_template_editor,
                     icon_name="templates")
        self._action(letters_menu, "Letterhead and &solicitors…", self.open_letterhead,
                     icon_name="letterhead")
        letters_menu.menuAction().setVisible(is_admin)

        settings_menu = self.menuBar().addMenu("&Settings")
        self._action(settings_menu, "&Timescales and council details…",
                     lambda: self._run_dialog(SettingsDialog(self.services, self.actor, self)),
                     icon_name="settings")
        self.retention_action = self._action(settings_menu, "Records past &retention…",
                                             self.open_retention, icon_name="retention")
        self.retention_action.setVisible(allows(self.actor, Permission.MANAGE_RETENTION))
        self.accounts_action = self._action(settings_menu, "&Accounts…", self.open_accounts,
                                            icon_name="accounts")
        self.accounts_action.setVisible(allows(self.actor, Permission.MANAGE_USERS))

        help_menu = self.menuBar().addMenu("&Help")
        self.user_guide_action = self._action(help_menu, "&User guide", self.open_user_guide,
                                              "F1", icon_name="help")
        about = QAction(icon("about"), "&About PLO Tracker", self)
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
        self._load_problem = False
        self.families_view.set_loading(False)
        self.families_view.model.set_prepared(prepared)
        self.busy.hide()
        self.families_loaded.emit(len(prepared.families))

    def _families_failed(self, error: BaseException) -> None:
        self._families_task = None
        self._load_problem = True
        self.busy.hide()
        message = problem_text(error, "The families could not be loaded.")
        self.families_view.set_problem(message)
        self.status_label.setText(message)

    def _show_count(self, shown: int, total: int) -> None:
        # While loading, or after a failed load, the status line says that instead.
        if self._families_task is not None or self._load_problem:
            return
        self.status_label.setText(_families(total) if shown == total
                                  else f"Showing {shown:,} of {_families(total)}")

    def open_family(self, family_id: int) -> CaseWorkspace:
        """Show a family in its own tab, opening it if it is not open already."""
        self.family_activated.emit(family_id)
        for index in range(1, self.tabs.count()):
            workspace = self.tabs.widget(index)
            if isinstance(workspace, CaseWorkspace) and workspace.family_id == family_id:
                self.tabs.setCurrentIndex(index)
                return workspace
        workspace = CaseWorkspace(self.services, self.actor, family_id)
        index = self.tabs.addTab(workspace, "Loading…")
        workspace.title_changed.connect(
            lambda title, w=workspace: self._name_tab(self.tabs.indexOf(w), title))
        workspace.changed.connect(self._case_changed)
        self.tabs.setCurrentIndex(index)
        return workspace

    def _name_tab(self, index: int, title: str) -> None:
        # A tab's text is as wide as it is long: a surname typed 500 characters long would
        # otherwise fill the tab bar. The tooltip has the whole of it.
        room = self.tabs.fontMetrics().averageCharWidth() * _TAB_TITLE_CHARS
        self.tabs.setTabText(index, self.tabs.fontMetrics().elidedText(
            title, Qt.TextElideMode.ElideRight, room))
        self.tabs.setTabToolTip(index, title)

    def close_current_family(self) -> None:
        """Ctrl+W: close the family tab in front (the home tab stays)."""
        self._close_tab(self.tabs.currentIndex())

    def _close_tab(self, index: int) -> None:
        if index <= 0:
            return
        widget = self.tabs.widget(index)
        self.tabs.removeTab(index)
        widget.deleteLater()

    def _case_changed(self, family_id: int) -> None:
        # A save changes one family: its row is read again, not the whole list; then the due
        # list (one quick query) is read again whole. Not side by side: the two reads share
        # one interpreter, and a manager's due list of thousands of items held the row back
        # (140 ms where it takes 10 alone).
        self._due_list_waiting = True
        self.refresh_family(family_id)
        self._reload_due_list_after_rows()

    def _reload_due_list_after_rows(self) -> None:
        if self._due_list_waiting and not self._row_tasks:
            self._due_list_waiting = False
            self.my_work_view.reload()

    def _row_read_finished(self) -> None:
        self._row_tasks = {family_id: task for family_id, task in self._row_tasks.items()
                           if not task.is_done()}
        self._reload_due_list_after_rows()

    def refresh_family(self, family_id: int) -> None:
        """Read one family's row of the families table again, in the background."""
        if self._families_task is not None:
            self.reload()  # a whole load is on its way: start it again, so it includes this
            return
        if family_id in self._row_tasks:
            self._row_tasks.pop(family_id).discard()  # a newer read replaces it
        services, actor = self.services, self.actor
        today = services.context.clock.today()

        def row() -> PreparedFamilies:
            return prepare_families(
                services.caseload.families(actor, on=today, family_ids=[family_id]), today)

        task = BackgroundTask(row)
        task.succeeded.connect(self._family_arrived)
        task.failed.connect(self._family_failed)
        task.finished.connect(self._row_read_finished)
        self._row_tasks[family_id] = task
        task.start()

    def _family_failed(self, error: BaseException) -> None:
        # The rest of the list is still true; say that this family's line may not be.
        self.status_label.setText(problem_text(
            error, "A family's line in the list could not be brought up to date."))

    def _family_arrived(self, prepared: PreparedFamilies) -> None:
        for family in prepared.families:
            self._row_tasks.pop(family.family_id, None)
        self.families_view.model.update_prepared(prepared)
        for family in prepared.families:
            self.family_refreshed.emit(family.family_id)

    def new_family(self) -> None:
        """Ctrl+N: the new family wizard; the new family opens when it is created."""
        wizard = NewFamilyWizard(self.services, self.actor, self)
        if wizard.exec() and wizard.created_family_id is not None:
            self._case_changed(wizard.created_family_id)
            self.open_family(wizard.created_family_id)

    def open_import(self) -> None:
        """Families from the council's spreadsheet; the families list shows them after."""
        from .importing.import_wizard import ImportWizard

        wizard = ImportWizard(self.services, self.actor, self)
        wizard.exec()
        if wizard.imported() is not None:
            self.reload()
            if wizard.open_families:
                self.show_page(PAGE_FAMILIES)

    def open_retention(self) -> None:
        """The families past their retention period: legal holds and deletion."""
        from plo_tracker import paths

        from .retention_dialog import RetentionDialog

        backups = self.services.context.backups or paths.backups_dir()
        self._run_dialog(RetentionDialog(self.services, self.actor, backups, self))

    def open_returns(self) -> QDialog:
        """The national returns (CIN census, SSD), beside the window: a family named in a
        failure opens in its tab while the list stays open."""
        from .returns.returns_dialog import ReturnsDialog

        dialog = ReturnsDialog(self.services, self.actor, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.family_activated.connect(self.open_family)
        dialog.show()
        return dialog

    def change_password(self) -> None:
        from .change_password_dialog import ChangePasswordDialog

        ChangePasswordDialog(self.services, self.actor.username, parent=self).exec()

    def open_accounts(self) -> None:
        from .accounts_dialog import AccountsDialog

        AccountsDialog(self.services, self.actor, self).exec()

    def open_audit_log(self) -> None:
        """The whole audit log, with filters and export (administrators and auditors)."""
        from .audit_viewer import AuditLogDialog

        self._run_dialog(AuditLogDialog(self.services, self.actor, self))

    def _run_dialog(self, dialog: QDialog) -> None:
        dialog.exec()
        self.reload()

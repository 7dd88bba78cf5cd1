"""The main window: shows at once, loads in the background, and fits the signed-in role."""

from __future__ import annotations

from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtGui import QKeySequence

import plo_tracker
from plo_tracker.gui.family_table_model import QuickFilter
from plo_tracker.gui.main_window import LOADING_FAMILIES, PAGE_FAMILIES, PAGE_MY_WORK, MainWindow

from .views_world import world_fixture

gui_data = world_fixture("main-window")


def open_window(qtbot, gui_data, actor, where="This computer") -> MainWindow:
    window = MainWindow(gui_data.services, actor, where)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_window_shows_before_families_arrive_then_counts_them(qtbot, gui_data):
    window = MainWindow(gui_data.services, gui_data.admin, "Team server")
    qtbot.addWidget(window)
    window.show()
    # Results come back through the event loop, so nothing has arrived yet.
    assert window.status_label.text() == LOADING_FAMILIES
    assert window.is_loading()
    with qtbot.waitSignal(window.families_loaded, timeout=10_000) as loaded:
        pass
    assert loaded.args == [6]
    qtbot.waitUntil(lambda: not window.is_loading())
    assert window.status_label.text() == "6 families"
    assert window.families_view.model.rowCount() == 6
    assert not window.busy.isVisible()
    window.families_view.model.set_quick_filter(QuickFilter.OVERDUE, True)
    assert window.status_label.text() == "Showing 2 of 6 families"


def test_top_bar_says_who_and_where(qtbot, gui_data):
    window = open_window(qtbot, gui_data, gui_data.sam, "Demo data")
    texts = [label.text() for label in window.findChildren(type(window.status_label))]
    assert "Sam Okafor (social worker)" in texts
    assert "Data: Demo data" in texts
    qtbot.waitUntil(lambda: not window.is_loading())


def test_navigation_pages_and_keyboard(qtbot, gui_data):
    window = open_window(qtbot, gui_data, gui_data.admin)
    labels = [window.navigation.item(r).text() for r in range(window.navigation.count())]
    assert labels == ["My work", "Families", "Panel", "Bundles", "Reports"]
    assert all(not window.navigation.item(r).icon().isNull() for r in range(len(labels)))
    assert window.current_page() == PAGE_MY_WORK
    assert window.search_action.shortcut() == QKeySequence("Ctrl+F")
    window.search_action.trigger()
    assert window.current_page() == PAGE_FAMILIES
    assert window.stack.currentWidget() is window.families_view
    qtbot.waitUntil(lambda: not window.is_loading())
    window.show_page(PAGE_MY_WORK)
    qtbot.keyClicks(window.search_box, "ava")  # typing a search goes to the families
    assert window.current_page() == PAGE_FAMILIES
    assert window.families_view.model.rowCount() == 1


def test_my_work_groups_a_social_workers_due_items_by_day(qtbot, gui_data):
    window = open_window(qtbot, gui_data, gui_data.sam)
    qtbot.waitUntil(lambda: not window.is_loading())
    model = window.my_work_view.model
    groups = [group.text for group in model.groups()]
    # Adams's letter and initial meeting are overdue; Brown's letter is due Friday and
    # Clarke's next Wednesday.
    assert groups == ["Overdue (2)", "Tomorrow, Fri 27 Nov 2026 (1)", "Wed 2 Dec 2026 (1)"]
    overdue = model.groups()[0].rows[0]
    assert overdue.texts[1] == "79 calendar days"
    assert overdue.texts[-1] == "Overdue"
    with qtbot.waitSignal(window.family_activated) as opened:
        window.my_work_view.family_activated.emit(overdue.entry.item.family_id)
    assert opened.args == [gui_data.ids["Adams"]]
    assert QuickFilter.MY_CASES in window.families_view.chips


def test_others_see_every_familys_due_items(qtbot, gui_data):
    window = open_window(qtbot, gui_data, gui_data.admin)
    qtbot.waitUntil(lambda: not window.is_loading())
    assert window.my_work_view.model.groups()[0].text == "Overdue (4)"  # Adams's and Davies's
    assert QuickFilter.MY_CASES not in window.families_view.chips


def test_activating_a_family_opens_it_in_its_own_tab_once(qtbot, gui_data):
    window = open_window(qtbot, gui_data, gui_data.admin)
    qtbot.waitUntil(lambda: not window.is_loading())
    family_id = gui_data.ids["Adams"]
    workspace = window.open_family(family_id)
    qtbot.waitUntil(lambda: not workspace.is_loading())
    assert window.tabs.count() == 2
    assert window.tabs.tabText(1).endswith("Adams")
    assert window.open_family(family_id) is workspace  # the same tab, not a second one
    assert window.tabs.count() == 2
    window.close_current_family()
    assert window.tabs.count() == 1
    window.close_current_family()  # the home tab never closes
    assert window.tabs.count() == 1


def test_a_failed_load_says_so_in_plain_words(qtbot, gui_data, monkeypatch):
    from plo_tracker.services.errors import PermissionDenied

    def refuse(*_args, **_kwargs):
        raise PermissionDenied("As a read only user you cannot see families.")

    monkeypatch.setattr(gui_data.services.caseload, "families", refuse)
    window = open_window(qtbot, gui_data, gui_data.admin)
    qtbot.waitUntil(lambda: not window.is_loading())
    assert window.status_label.text() == (
        "The families could not be loaded. As a read only user you cannot see families.")
    assert window.families_view.empty_label.text() == window.status_label.text()


def test_activating_a_family_is_passed_on(qtbot, gui_data):
    window = open_window(qtbot, gui_data, gui_data.admin)
    qtbot.waitUntil(lambda: not window.is_loading())
    window.show_page(PAGE_FAMILIES)
    view = window.families_view
    view.select_family(gui_data.ids["Clarke"])
    with qtbot.waitSignal(window.family_activated) as opened:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert opened.args == [gui_data.ids["Clarke"]]


def test_about_and_quit(qtbot, gui_data):
    window = open_window(qtbot, gui_data, gui_data.admin)
    window.about_action.trigger()
    assert window.about_box is not None and window.about_box.isVisible()
    assert window.about_box.version_label.text() == f"Version {plo_tracker.__version__}"
    window.about_box.close()
    assert window.quit_action.shortcut() == QKeySequence("Ctrl+Q")
    qtbot.waitUntil(lambda: not window.is_loading())
    window.quit_action.trigger()
    assert not window.isVisible()


def test_ctrl_f_reaches_the_search_box(qtbot, gui_data):
    window = open_window(qtbot, gui_data, gui_data.admin)
    window.activateWindow()
    qtbot.waitUntil(lambda: not window.is_loading())
    window.navigation.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() == PAGE_FAMILIES
    qtbot.waitUntil(window.search_box.hasFocus)


def test_closing_the_window_mid_load_is_safe(qtbot, gui_data):
    window = MainWindow(gui_data.services, gui_data.admin, "This computer")
    window.show()
    window.close()
    window.deleteLater()
    qtbot.wait(1)  # the window is gone before its families arrive
    QThreadPool.globalInstance().waitForDone(10_000)
    qtbot.wait(10)  # deliver the results to nobody, without an error


def test_reload_shows_the_newest_load_only(qtbot, gui_data):
    window = MainWindow(gui_data.services, gui_data.admin, "This computer")
    qtbot.addWidget(window)
    heard: list[int] = []
    window.families_loaded.connect(heard.append)
    window.reload()  # before any event is handled: the first load's results are dropped
    qtbot.waitUntil(lambda: not window.is_loading())
    QThreadPool.globalInstance().waitForDone(10_000)
    qtbot.wait(10)
    assert heard == [6]
    assert window.status_label.text() == "6 families"


def test_f1_opens_the_user_guide_at_the_page_on_screen(qtbot, gui_data):
    window = open_window(qtbot, gui_data, gui_data.admin)
    qtbot.waitUntil(lambda: not window.is_loading())
    assert window.user_guide_action.shortcut() == QKeySequence("F1")
    window.show_page(PAGE_FAMILIES)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    guide = window.user_guide
    assert guide is not None and guide.isVisible()
    assert guide.page_name() == "families.md"
    workspace = window.open_family(gui_data.ids["Adams"])
    qtbot.waitUntil(lambda: not workspace.is_loading())
    window.user_guide_action.trigger()
    assert window.user_guide is guide  # the same window, not a second one
    assert guide.page_name() == "family-page.md"
    guide.close()

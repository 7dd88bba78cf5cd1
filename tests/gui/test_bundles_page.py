"""The Bundles page and the section template: lists with their empty states, Enter opens a
bundle, and administrators change the sections new bundles start with."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from plo_tracker.domain.bundle_sections import DEFAULT_SECTIONS
from plo_tracker.gui.bundles.bundles_page import EMPTY_BUILT, BundlesPage
from plo_tracker.gui.bundles.section_template_dialog import SectionTemplateDialog
from plo_tracker.gui.forms.actions import build_dialog
from plo_tracker.gui.main_window import PAGE_BUNDLES, MainWindow
from plo_tracker.gui.settings_dialog import SettingsDialog
from tests.gui.bundles_world import bundles_world_fixture

bw = bundles_world_fixture("bundles-page")


def loaded_page(qtbot, bw, actor=None) -> BundlesPage:
    page = BundlesPage(bw.services, actor or bw.manager)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.show()
    return page


def rows(page: BundlesPage, key: str) -> list[list[str]]:
    tree = page.lists[key].tree
    return [[tree.topLevelItem(r).text(c) for c in range(tree.columnCount())]
            for r in range(tree.topLevelItemCount())]


def test_the_lists_show_each_bundle_and_enter_opens_it(qtbot, bw):
    bw.family_id = bw.new_family()
    bundle_id = bw.new_bundle()
    plo_id = bw.services.bundles.layout(bw.manager, bundle_id).bundle.plo_family_id
    page = loaded_page(qtbot, bw)
    upcoming = [r for r in rows(page, "upcoming") if r[1].startswith(plo_id)]
    assert upcoming == [["Tue 8 Dec 2026, 10:30", plo_id, "Family Court at Northshire",
                         "NS26C00042", "Not built yet"]]
    assert any(r[0] == plo_id for r in rows(page, "in_progress"))
    tree = page.lists["upcoming"].tree
    item = next(tree.topLevelItem(n) for n in range(tree.topLevelItemCount())
                if tree.topLevelItem(n).text(1) == plo_id)
    tree.setFocus()
    tree.setCurrentItem(item)
    with qtbot.waitSignal(page.bundle_activated) as opened:
        qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert opened.args == [bundle_id]


def test_an_empty_list_says_what_to_do(qtbot, bw):
    page = loaded_page(qtbot, bw)
    built = page.lists["last_built"]
    assert built.stack.currentWidget() is built.empty
    assert built.empty.text() == EMPTY_BUILT


def test_the_bundles_page_is_in_the_navigation(qtbot, bw):
    window = MainWindow(bw.services, bw.manager, "This computer")
    qtbot.addWidget(window)
    window.show()
    window.show_page(PAGE_BUNDLES)
    assert window.stack.currentWidget() is window.bundles_page
    qtbot.waitUntil(lambda: not window.bundles_page.is_loading() and not window.is_loading(),
                    timeout=10_000)


def test_court_bundle_on_a_family_without_one_offers_a_new_bundle(qtbot, bw):
    family_id = bw.new_family()
    detail = bw.services.case_detail.family(bw.manager, family_id)
    dialog = build_dialog("court_bundle", None, bw.services, bw.manager, detail)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "New court bundle"
    dialog.form.court.setText("Family Court at Northshire")
    dialog.form.case_number.setText("NS26C00077")
    dialog.form.date.edit.setText("15/12/2026")
    dialog.form.time.setText("9:45")
    assert dialog.create()
    bundle = bw.services.bundles.for_family(bw.manager, family_id)[0]
    assert (bundle.case_number, bundle.hearing_words) == ("NS26C00077",
                                                          "Tue 15 Dec 2026 at 09:45")


def test_a_new_bundle_refused_shows_why_under_the_field(qtbot, bw):
    family_id = bw.new_family()
    detail = bw.services.case_detail.family(bw.manager, family_id)
    dialog = build_dialog("court_bundle", None, bw.services, bw.manager, detail)
    qtbot.addWidget(dialog)
    assert not dialog.create()  # nothing typed
    shown = [label.text() for label in dialog.form.problems.values()] + [dialog.problem.text()]
    assert any(shown)
    assert bw.services.bundles.for_family(bw.manager, family_id) == ()


@pytest.fixture
def template_restored(bw):
    yield
    admin = bw.world.actor("admin")
    dialog = SectionTemplateDialog(bw.services, admin)
    dialog.set_sections(DEFAULT_SECTIONS)
    dialog.save()


def test_sections_are_edited_with_problems_under_their_rows(qtbot, bw, template_restored):
    admin = bw.world.actor("admin")
    settings = SettingsDialog(bw.services, admin)
    qtbot.addWidget(settings)
    assert settings.bundle_sections_button.isEnabled()
    dialog = SectionTemplateDialog(bw.services, admin)
    qtbot.addWidget(dialog)
    assert [r.letter.text() for r in dialog.rows] == list("ABCDEF")
    dialog.add_section()
    dialog.rows[-1].letter.setText("C")
    assert "used twice" in dialog.rows[-1].problem.text()
    assert not dialog.save_button.isEnabled()
    dialog.rows[-1].letter.setText("g")
    dialog.rows[-1].title.setText("Late documents")
    assert dialog.rows[-1].problem.text() == ""
    dialog.move_chosen(-1)
    assert [r.letter.text() for r in dialog.rows][-2:] == ["g", "F"]
    assert dialog.save()
    stored = bw.services.settings.current().bundles.sections
    assert [(s.letter, s.title) for s in stored][-2:] == [("G", "Late documents"),
                                                          ("F", "Other documents")]
    # A new bundle starts with them.
    bw.family_id = bw.new_family()
    layout = bw.services.bundles.layout(bw.manager, bw.new_bundle())
    assert [s.letter for s in layout.sections] == list("ABCDEGF")


def test_only_administrators_change_the_sections(qtbot, bw):
    settings = SettingsDialog(bw.services, bw.manager)
    qtbot.addWidget(settings)
    assert not settings.bundle_sections_button.isEnabled()

"""The bundle builder, driven as a worker would: documents placed by keyboard and by drag
and drop, moved, taken out and sorted, with the page count and warnings following."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QModelIndex, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from plo_tracker.domain.document_types import DocumentType
from plo_tracker.gui.bundles.bundle_builder import NO_WARNINGS, BundleBuilder
from plo_tracker.gui.bundles.documents_model import UnplacedDocumentsModel
from plo_tracker.gui.bundles.sections_model import SectionsModel
from tests.gui.bundles_world import bundles_world_fixture

bw = bundles_world_fixture("bundles-gui")


@pytest.fixture
def case(bw):
    """A family of this test's own with four documents, and an empty bundle."""
    bw.family_id = bw.new_family()
    ids = {
        "swet": bw.add_document("Statement of the social worker", date(2026, 10, 1), pages=12),
        "father": bw.add_document("Statement of the father", date(2026, 11, 3), pages=4),
        "plan": bw.add_document("Care plan for Amy", date(2026, 11, 2), DocumentType.CARE_PLAN,
                                pages=8),
        "letter": bw.add_document("Letter before proceedings", date(2026, 9, 3),
                                  DocumentType.LETTER, pages=2),
    }
    return bw.new_bundle(), ids


def open_builder(qtbot, bw, bundle_id, actor=None) -> BundleBuilder:
    builder = BundleBuilder(bw.services, actor or bw.manager, bundle_id)
    qtbot.addWidget(builder)
    builder.show()
    builder.activateWindow()
    qtbot.waitUntil(builder.isActiveWindow)
    return builder


def section(builder: BundleBuilder, letter: str) -> list[tuple[str, str]]:
    """(title, pages) of each document shown under a section, top to bottom."""
    model = builder.sections_model
    parent = model.section_index(letter)
    return [(model.index(r, 0, parent).data(), model.index(r, 2, parent).data())
            for r in range(model.rowCount(parent))]


def unplaced_titles(builder: BundleBuilder) -> list[str]:
    return [row.title for row in builder.unplaced_model.rows()]


def choose_unplaced(builder, document_id) -> None:
    builder.unplaced_view.setFocus()
    builder.unplaced_view.setCurrentIndex(builder.unplaced_model.index_of(document_id))


def test_placing_by_keyboard_uses_the_documents_section_and_updates_the_count(qtbot, bw, case):
    bundle_id, ids = case
    builder = open_builder(qtbot, bw, bundle_id)
    assert builder.page_count.text() == "0 of 350 pages"
    choose_unplaced(builder, ids["plan"])
    # The section follows the document's type: a care plan goes in D.
    assert builder.section_choice.currentData() == "D"
    qtbot.keyClick(builder.unplaced_view, Qt.Key.Key_Return)
    assert section(builder, "D") == [("Care plan for Amy", "D1\u2013D8")]
    assert "Care plan for Amy" not in unplaced_titles(builder)
    assert builder.page_count.text() == "8 of 350 pages"

    # Another section chosen by keyboard, then Place.
    choose_unplaced(builder, ids["letter"])
    builder.section_choice.setCurrentIndex(builder.section_choice.findData("C"))
    qtbot.mouseClick(builder.place_button, Qt.MouseButton.LeftButton)
    assert section(builder, "C") == [("Letter before proceedings", "C1\u2013C2")]
    assert builder.page_count.text() == "10 of 350 pages"


def test_a_drop_from_the_list_places_at_the_row_dropped_on(qtbot, bw, case):
    bundle_id, ids = case
    bw.services.bundles.place(bw.manager, bundle_id, ids["swet"])
    bw.services.bundles.place(bw.manager, bundle_id, ids["father"])
    builder = open_builder(qtbot, bw, bundle_id)
    data = builder.unplaced_model.mimeData([builder.unplaced_model.index_of(ids["letter"])])
    parent = builder.sections_model.section_index("C")
    assert builder.sections_model.canDropMimeData(data, Qt.DropAction.MoveAction, 1, 0,
                                                  parent)
    assert builder.sections_model.dropMimeData(data, Qt.DropAction.MoveAction, 1, 0, parent)
    # Between the two statements, where it was dropped (not its date's place, first).
    assert section(builder, "C") == [("Statement of the social worker", "C1\u2013C12"),
                                     ("Letter before proceedings", "C13\u2013C14"),
                                     ("Statement of the father", "C15\u2013C18")]


def test_a_drop_within_and_between_sections_moves_the_document(qtbot, bw, case):
    bundle_id, ids = case
    for key in ("swet", "father", "plan"):
        bw.services.bundles.place(bw.manager, bundle_id, ids[key])
    builder = open_builder(qtbot, bw, bundle_id)
    model = builder.sections_model
    # The father's statement dragged above the social worker's.
    data = model.mimeData([model.document_index(ids["father"])])
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, model.section_index("C"))
    assert [t for t, _p in section(builder, "C")] == ["Statement of the father",
                                                       "Statement of the social worker"]
    # The care plan dropped on section C itself: the end of C.
    data = model.mimeData([model.document_index(ids["plan"])])
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, -1, 0, model.section_index("C"))
    assert section(builder, "C")[-1] == ("Care plan for Amy", "C17\u2013C24")
    assert section(builder, "D") == []


def test_a_document_dragged_back_to_the_list_is_taken_out(qtbot, bw, case):
    bundle_id, ids = case
    bw.services.bundles.place(bw.manager, bundle_id, ids["plan"])
    builder = open_builder(qtbot, bw, bundle_id)
    data = builder.sections_model.mimeData([builder.sections_model.document_index(ids["plan"])])
    assert builder.unplaced_model.dropMimeData(data, Qt.DropAction.MoveAction, -1, 0,
                                               QModelIndex())
    assert section(builder, "D") == []
    assert "Care plan for Amy" in unplaced_titles(builder)


def send_drop(view, data, point) -> None:
    """What the window system sends a view when something is dragged over it and let go:
    the view works out the row and section from the point, as it does for a mouse."""
    viewport = view.viewport()
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    move = Qt.DropAction.MoveAction
    for event in (QDragEnterEvent(point, move, data, buttons, keys),
                  QDragMoveEvent(point, move, data, buttons, keys)):
        QApplication.sendEvent(viewport, event)
        assert event.isAccepted()
    QApplication.sendEvent(viewport, QDropEvent(QPointF(point), move, data, buttons, keys))


def test_drag_events_on_the_tree_place_a_document_where_it_is_let_go(qtbot, bw, case):
    # A QTest mouse drag cannot run QDrag's loop on the offscreen platform; the events a real
    # drag brings to the target view are sent instead.
    bundle_id, ids = case
    bw.services.bundles.place(bw.manager, bundle_id, ids["swet"])
    builder = open_builder(qtbot, bw, bundle_id)
    data = builder.unplaced_model.mimeData([builder.unplaced_model.index_of(ids["plan"])])
    onto_e = builder.sections_view.visualRect(builder.sections_model.section_index("E"))
    send_drop(builder.sections_view, data, onto_e.center())
    assert section(builder, "E") == [("Care plan for Amy", "E1–E8")]
    # And a placed one dragged onto the list of documents not placed comes out.
    data = builder.sections_model.mimeData([builder.sections_model.document_index(ids["swet"])])
    send_drop(builder.unplaced_view, data, builder.unplaced_view.viewport().rect().center())
    assert section(builder, "C") == []
    assert "Statement of the social worker" in unplaced_titles(builder)


def test_keys_move_a_document_up_down_across_sections_and_take_it_out(qtbot, bw, case):
    bundle_id, ids = case
    for key in ("swet", "father", "plan"):
        bw.services.bundles.place(bw.manager, bundle_id, ids[key])
    builder = open_builder(qtbot, bw, bundle_id)
    view = builder.sections_view
    view.setFocus()
    builder._select_placed(builder.sections_model.document_index(ids["father"]))
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert [t for t, _p in section(builder, "C")] == ["Statement of the father",
                                                       "Statement of the social worker"]
    # From the top of C, up again goes to the end of B; the selection follows it.
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert section(builder, "B") == [("Statement of the father", "B1\u2013B4")]
    assert builder.sections_model.document_at(view.currentIndex()).document_id == ids["father"]
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert [t for t, _p in section(builder, "C")][0] == "Statement of the father"
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert [t for t, _p in section(builder, "C")] == ["Statement of the social worker"]
    assert "Statement of the father" in unplaced_titles(builder)
    assert builder.page_count.text() == "20 of 350 pages"


def test_sort_by_date_puts_a_section_back_in_date_order(qtbot, bw, case):
    bundle_id, ids = case
    for key in ("swet", "father"):
        bw.services.bundles.place(bw.manager, bundle_id, ids[key])
    bw.services.bundles.move(bw.manager, bundle_id, ids["father"], "C", 0)
    builder = open_builder(qtbot, bw, bundle_id)
    assert [t for t, _p in section(builder, "C")][0] == "Statement of the father"
    builder._select_placed(builder.sections_model.section_index("C"))
    qtbot.mouseClick(builder.sort_button, Qt.MouseButton.LeftButton)
    assert section(builder, "C") == [("Statement of the social worker", "C1\u2013C12"),
                                     ("Statement of the father", "C13\u2013C16")]


def test_warnings_and_the_limit_follow_the_layout(qtbot, bw, case):
    bundle_id, ids = case
    big = bw.add_document("Expert report of Dr Shah", date(2026, 10, 20),
                          DocumentType.EXPERT_REPORT, pages=360)
    builder = open_builder(qtbot, bw, bundle_id)
    builder.place(ids["plan"], "D")
    warnings = [builder.warnings.item(n).text() for n in range(builder.warnings.count())]
    assert "Section E (Experts' and other reports) is empty." in warnings
    assert builder.over_limit.isHidden()
    builder.place(big, "E")
    assert builder.page_count.text() == "368 of 350 pages: 18 over the limit"
    assert not builder.over_limit.isHidden()
    warnings = [builder.warnings.item(n).text() for n in range(builder.warnings.count())]
    assert any("368 pages" in w and "limit is 350" in w for w in warnings)
    assert any("Dr Shah" in w and "at most 40" in w for w in warnings)
    assert NO_WARNINGS not in warnings


def test_a_refusal_is_shown_in_words_under_the_sections(qtbot, bw, case):
    bundle_id, ids = case
    builder = open_builder(qtbot, bw, bundle_id)
    assert not builder.place(ids["plan"], "Z")
    assert "section Z" in builder.layout_problem.text()
    assert builder.place(ids["plan"], "D")
    assert builder.layout_problem.text() == ""


def test_the_hearing_is_saved_and_a_bad_time_is_named_under_its_field(qtbot, bw, case):
    bundle_id, _ids = case
    builder = open_builder(qtbot, bw, bundle_id)
    builder.hearing_form.time.setText("25:00")
    assert not builder.save_hearing()
    assert "24-hour clock" in builder.hearing_form.problems["hearing_at"].text()
    builder.hearing_form.time.setText("14:00")
    builder.hearing_form.judge.setText("HHJ Okafor")
    assert builder.save_hearing()
    assert builder.hearing_line.text().endswith("Tue 8 Dec 2026, 14:00 \u00b7 HHJ Okafor")
    bundle = bw.services.bundles.layout(bw.manager, bundle_id).bundle
    assert (bundle.judge, bundle.hearing_at.hour) == ("HHJ Okafor", 14)


def test_the_models_pass_the_model_tester(qtmodeltester, bw, case, qtbot):
    bundle_id, ids = case
    for key in ("swet", "father", "plan"):
        bw.services.bundles.place(bw.manager, bundle_id, ids[key])
    builder = open_builder(qtbot, bw, bundle_id)
    fresh = SectionsModel()
    fresh.set_sections(builder.sections_model.sections())
    qtmodeltester.check(fresh)
    unplaced = UnplacedDocumentsModel()
    unplaced.set_rows(builder.unplaced_model.rows())
    qtmodeltester.check(unplaced)


def test_a_section_of_one_page_shows_one_page_number(qtbot, bw):
    """"F1", as for a one-page document, not "F1–F1"; longer sections show their range."""
    bw.family_id = bw.new_family()
    note = bw.add_document("Note of a phone call", date(2026, 11, 4), DocumentType.OTHER,
                           pages=1)
    bundle_id = bw.new_bundle()
    bw.services.bundles.place(bw.manager, bundle_id, note)
    builder = open_builder(qtbot, bw, bundle_id)
    model = builder.sections_model
    assert model.index(model.section_index("F").row(), 2).data() == "F1"
    bw.services.bundles.place(bw.manager, bundle_id, bw.add_document(
        "Note of a visit", date(2026, 11, 5), DocumentType.OTHER, pages=2))
    builder.reload()
    assert model.index(model.section_index("F").row(), 2).data() == "F1\u2013F3"

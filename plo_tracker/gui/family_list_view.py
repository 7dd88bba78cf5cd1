"""The families page: search, quick-filter chips, the table and its empty state."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QRectF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from plo_tracker.domain.date_text import short_date
from plo_tracker.domain.due import DueStatus
from plo_tracker.domain.stages import Stage

from .family_table_model import (
    COL_CHILDREN,
    COL_DUE_DATE,
    COL_FAMILY,
    COL_NEXT_DUE,
    COL_STAGE,
    COL_STATUS,
    COL_WEEK,
    COL_WORKER,
    FAMILY_ID_ROLE,
    WEEK_FRACTION_ROLE,
    FamilyTableModel,
    QuickFilter,
)
from .flow_layout import FlowLayout
from .full_text_tips import FullTextDelegate
from .table_headers import share_widths
from .theme import STATUS_COLOURS

SEARCH_PLACEHOLDER = "Search families, children, parents…"
EMPTY_TEXT = 'No families match these filters. <a href="clear">Clear filters.</a>'
NO_FAMILIES_TEXT = "There are no families yet."
LOADING_TEXT = "Loading families…"

# Starting widths from typical text, so 10,000 rows are never measured; "Next due" stretches.
_COLUMN_SAMPLES = {
    COL_FAMILY: "PLO-2026-0000 Fitzgerald",
    COL_CHILDREN: "Adam (14), Susan (10), Nicola (7)",
    COL_WORKER: "Georgina Middleton",
    COL_STAGE: "Care proceedings issued",
    COL_WEEK: "week 16 of 16",
    COL_NEXT_DUE: "Gateway panel to decide the outcome",
    COL_DUE_DATE: "Wed 30 Sep 2026",
    COL_STATUS: "◆ Due soon",
}
# Once families are loaded, each column is as wide as its long texts, up to this many
# average characters; when they do not all fit, each gives way down to its floor, the text
# that must stay readable (a family id, a date, a status).
_COLUMN_MOST_CHARS = {
    COL_FAMILY: 36, COL_CHILDREN: 48, COL_WORKER: 26, COL_STAGE: 26, COL_WEEK: 34,
    COL_NEXT_DUE: 64, COL_DUE_DATE: 34, COL_STATUS: 12,
}
_COLUMN_FLOORS = {
    COL_FAMILY: "PLO-2026-0000 Fitzgera",
    COL_CHILDREN: "Adam (14), Sus",
    COL_WORKER: "Georgina M",
    COL_STAGE: "Pre-proceedin",
    COL_WEEK: "week 16 of 16",
    COL_NEXT_DUE: "Hold the initial pre-proceedings",
    COL_DUE_DATE: "Wed 30 Sep 2026",
    COL_STATUS: "◆ Due soon",
}
_CELL_PADDING = 20
_CHIP_TIPS = {
    QuickFilter.OVERDUE: "Families with something overdue",
    QuickFilter.UNBORN: "Families expecting a baby",
    QuickFilter.EXTENDED: "Families whose pre-proceedings have been extended",
    QuickFilter.MY_CASES: "Families allocated to you",
}


class WeekBarDelegate(FullTextDelegate):
    """Draws "week 9 of 16" with a thin bar under it; past the target the bar turns late."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().paint(painter, option, index)
        fraction = index.data(WEEK_FRACTION_ROLE)
        if fraction is None:
            return
        rect = QRectF(option.rect).adjusted(4, 0, -4, -2)
        bar = QRectF(rect.left(), rect.bottom() - 3, rect.width(), 3)
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(option.palette.color(QPalette.ColorRole.Mid))
        painter.drawRect(bar)
        late = fraction > 1
        painter.setBrush(STATUS_COLOURS[DueStatus.OVERDUE if late else DueStatus.ON_TIME])
        painter.drawRect(QRectF(bar.left(), bar.top(), bar.width() * min(1.0, fraction), 3))
        painter.restore()


class FamilyListView(QWidget):
    """The families table with its search box and chips.

    Args:
        model: the model to show; a new empty one when not given.
        search_box: a search box placed elsewhere (the window's top bar); the view makes and
            lays out its own when not given.
        my_user_id: the signed-in user, for the "My cases" chip (no chip when None).
    """

    family_activated = Signal(int)  # the family's database id, on double-click or Enter
    shown_changed = Signal(int, int)  # families shown, families loaded

    def __init__(self, model: FamilyTableModel | None = None,
                 search_box: QLineEdit | None = None, my_user_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model or FamilyTableModel(self)
        self.model.set_my_user_id(my_user_id)
        self._loading = False
        self._problem: str | None = None
        self._remembered_family: int | None = None
        self._fitting = False
        self._user_sized = False  # the user has dragged a column: keep their widths

        own_search = search_box is None
        self.search_box = search_box or QLineEdit()
        self.search_box.setPlaceholderText(SEARCH_PLACEHOLDER)
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setAccessibleName("Search families")
        self.search_box.textChanged.connect(self.model.set_search_text)
        self.search_box.returnPressed.connect(self._search_entered)
        self.search_box.installEventFilter(self)

        self.chips: dict[QuickFilter, QPushButton] = {}
        for quick_filter in QuickFilter:
            if quick_filter is QuickFilter.MY_CASES and my_user_id is None:
                continue
            chip = QPushButton(quick_filter.value)
            chip.setCheckable(True)
            chip.setToolTip(_CHIP_TIPS.get(quick_filter, ""))
            chip.toggled.connect(
                lambda on, f=quick_filter: self.model.set_quick_filter(f, on))
            self.chips[quick_filter] = chip

        self.stage_box = QComboBox()
        self.stage_box.setAccessibleName("Stage")
        self.stage_box.addItem("All stages", None)
        for stage in Stage:
            self.stage_box.addItem(stage.label, stage)
        self.stage_box.currentIndexChanged.connect(
            lambda _: self.model.set_stage_filter(self.stage_box.currentData()))
        stage_label = QLabel("&Stage:")
        stage_label.setBuddy(self.stage_box)

        self.clear_button = QPushButton("Clear filters")
        self.clear_button.clicked.connect(self.clear_filters)

        self.table = self._make_table()
        self.empty_label = QLabel()
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.empty_label.linkActivated.connect(lambda _link: self.clear_filters())
        self._stack = QStackedWidget()
        self._stack.addWidget(self.table)
        self._stack.addWidget(self.empty_label)

        # The chips wrap onto a second line in a narrow window (a laptop at 150% is about
        # 900 pixels wide) rather than making the window wider than the screen.
        chips_row = FlowLayout()
        for chip in self.chips.values():
            chips_row.addWidget(chip)
        stage = QWidget()
        stage_row = QHBoxLayout(stage)
        stage_row.setContentsMargins(12, 0, 0, 0)
        stage_row.addWidget(stage_label)
        stage_row.addWidget(self.stage_box)
        chips_row.addWidget(stage)
        chips_row.addWidget(self.clear_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if own_search:
            layout.addWidget(self.search_box)
        layout.addLayout(chips_row)
        layout.addWidget(self._stack, 1)

        self.table.viewport().installEventFilter(self)
        self.table.horizontalHeader().sectionResized.connect(self._section_resized)
        self.model.modelAboutToBeReset.connect(self._remember_current)
        self.model.modelReset.connect(self._restore_current)
        self.model.filtered.connect(self._update_filters_shown)
        self._update_filters_shown()

    # Public ----------------------------------------------------------------------------------

    def set_loading(self, loading: bool) -> None:
        """Say the families are being loaded (until the model's families are set)."""
        self._loading = loading
        if loading:
            self._problem = None
        self._update_filters_shown()

    def set_problem(self, message: str) -> None:
        """Say in place of the table why there are no families to show."""
        self._loading = False
        self._problem = message
        self._update_filters_shown()

    def clear_filters(self) -> None:
        """Clear the search text, the chips and the stage: every family shows again."""
        blockers = [self.search_box, self.stage_box, *self.chips.values()]
        for widget in blockers:
            widget.blockSignals(True)
        try:
            self.search_box.clear()
            self.stage_box.setCurrentIndex(0)
            for chip in self.chips.values():
                chip.setChecked(False)
        finally:
            for widget in blockers:
                widget.blockSignals(False)
        self.model.clear_filters()

    def current_family_id(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(FAMILY_ID_ROLE) if index.isValid() else None

    def select_family(self, family_id: int) -> bool:
        """Make a family the current row; False when it is not shown."""
        row = self.model.row_of_family(family_id)
        if row is None:
            return False
        self.table.setCurrentIndex(self.model.index(row, COL_FAMILY))
        self.table.scrollTo(self.table.currentIndex())
        return True

    def fit_columns(self) -> None:
        """Size the columns to the families' longest texts, sharing out the room there is.

        Text that still does not fit ends in "…" and shows in full in its tooltip. Once the
        user drags a column, their widths stay.
        """
        if self._user_sized or self.model.total_count() == 0:
            return
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        icon = self.table.style().pixelMetric(self.table.style().PixelMetric.PM_SmallIconSize)
        columns = range(self.model.columnCount())
        longest = self.model.longest_texts()
        heading = [metrics.horizontalAdvance(str(self.model.headerData(
            c, Qt.Orientation.Horizontal))) + _CELL_PADDING + 12 for c in columns]
        extra = [icon + 6 if c == COL_STATUS else 0 for c in columns]
        ideal = [max(heading[c], min(metrics.horizontalAdvance(longest[c]),
                                     metrics.averageCharWidth() * _COLUMN_MOST_CHARS[c])
                     + _CELL_PADDING + extra[c]) for c in columns]
        floors = [min(ideal[c], metrics.horizontalAdvance(_COLUMN_FLOORS[c]) + _CELL_PADDING)
                  for c in columns]
        # The status is a word or two that must always show: the others share what is left.
        others = [c for c in columns if c != COL_STATUS]
        shared = share_widths([ideal[c] for c in others], [floors[c] for c in others],
                              self.table.viewport().width() - ideal[COL_STATUS])
        widths = dict(zip(others, shared, strict=True)) | {COL_STATUS: ideal[COL_STATUS]}
        self._fitting = True
        try:
            for column in columns:
                if column != COL_NEXT_DUE:  # it stretches into whatever is left
                    header.resizeSection(column, widths[column])
        finally:
            self._fitting = False

    # Building --------------------------------------------------------------------------------

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.model)
        table.setAccessibleName("Families")
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setAlternatingRowColors(True)
        table.setShowGrid(False)
        table.setWordWrap(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)  # Tab leaves the table, as the rest of the window does
        table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # Text too long for its column ends in "…", and its tooltip then has all of it.
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.setItemDelegate(FullTextDelegate(table))
        table.setItemDelegateForColumn(COL_WEEK, WeekBarDelegate(table))
        rows = table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(table.fontMetrics().height() + 10)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_NEXT_DUE, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        metrics = table.fontMetrics()
        for column, sample in _COLUMN_SAMPLES.items():
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 20)
        header.setMinimumSectionSize(metrics.horizontalAdvance("Week") + 20)
        # Most urgent first until the user picks another column.
        header.setSortIndicator(COL_STATUS, Qt.SortOrder.AscendingOrder)
        table.setSortingEnabled(True)
        # "activated" covers double-click and Enter (and single click where the desktop says so).
        table.activated.connect(self._activate)
        return table

    # Reactions -------------------------------------------------------------------------------

    def _activate(self, index: QModelIndex) -> None:
        if index.isValid():
            self.family_activated.emit(index.data(FAMILY_ID_ROLE))

    def _search_entered(self) -> None:
        # Enter in the search box opens the only match, or moves to the first of several.
        if self.model.rowCount() == 1:
            self._activate(self.model.index(0, COL_FAMILY))
        elif self.model.rowCount() > 1:
            if not self.table.currentIndex().isValid():
                self.table.setCurrentIndex(self.model.index(0, COL_FAMILY))
            self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self.fit_columns()
            return False
        # Down arrow from the search box goes into the table, as in a browser's address bar.
        if (watched is self.search_box and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Down
                and self.model.rowCount()):
            if not self.table.currentIndex().isValid():
                self.table.setCurrentIndex(self.model.index(0, COL_FAMILY))
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return super().eventFilter(watched, event)

    def _remember_current(self) -> None:
        self._remembered_family = self.current_family_id()

    def _section_resized(self, column: int, _old: int, _new: int) -> None:
        if not self._fitting and column != COL_NEXT_DUE:
            self._user_sized = True

    def _restore_current(self) -> None:
        self.fit_columns()
        if self._remembered_family is not None:
            self.select_family(self._remembered_family)

    def _update_filters_shown(self) -> None:
        counts = self.model.counts()
        for quick_filter, chip in self.chips.items():
            chip.setText(f"{quick_filter.value} ({counts[quick_filter]:,})")
        week_end = self.model.due_this_week_end()
        if week_end is not None and QuickFilter.DUE_THIS_WEEK in self.chips:
            self.chips[QuickFilter.DUE_THIS_WEEK].setToolTip(
                f"Families whose next item is due from today to {short_date(week_end)}")
        shown, total = self.model.rowCount(), self.model.total_count()
        self.clear_button.setEnabled(self.model.has_filters())
        if shown:
            self._stack.setCurrentWidget(self.table)
        else:
            if self._loading:
                self.empty_label.setText(LOADING_TEXT)
            elif total == 0 and self._problem:
                self.empty_label.setText(self._problem)
            elif total == 0:
                self.empty_label.setText(NO_FAMILIES_TEXT)
            else:
                self.empty_label.setText(EMPTY_TEXT)
            self._stack.setCurrentWidget(self.empty_label)
        self.shown_changed.emit(shown, total)

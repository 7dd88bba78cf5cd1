"""The families table model: one row per family, sorted and filtered on precomputed keys."""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from itertools import compress, repeat
from operator import is_, is_not
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from plo_tracker.domain.date_text import short_date
from plo_tracker.domain.due import DueItem, DueStatus
from plo_tracker.domain.stages import Stage
from plo_tracker.services.caseload import FamilySummary

from .table_headers import column_header
from .theme import STATUS_ORDER, status_icon

COL_FAMILY = 0
COL_CHILDREN = 1
COL_WORKER = 2
COL_STAGE = 3
COL_WEEK = 4
COL_NEXT_DUE = 5
COL_DUE_DATE = 6
COL_STATUS = 7
COLUMN_COUNT = 8

HEADERS = ("Family", "Children", "Social worker", "Stage", "Week", "Next due", "Act by",
           "Status")
HEADER_TIPS = (
    "PLO (Public Law Outline) family id and family surname",
    "Children with their ages, and unborn babies with their expected dates",
    "The allocated social worker",
    "Where the family is in the PLO process",
    "Week of pre-proceedings, against the 16-week target or its extension",
    "The earliest thing still to do",
    "The working day to do the next item by: its due date, or the last working day before "
    "it when it falls on a weekend or bank holiday",
    "Overdue, due soon, extended, on time or closed (counted from the day to act by)",
)

FAMILY_ID_ROLE = Qt.ItemDataRole.UserRole + 1  # int: the family's database id
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # the key the column sorts by (None sorts last)
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3  # DueStatus of the family
WEEK_FRACTION_ROLE = Qt.ItemDataRole.UserRole + 4  # float: share of the target weeks used

_STAGE_ORDER = {stage: number for number, stage in enumerate(Stage)}
_DISPLAY = Qt.ItemDataRole.DisplayRole
# Looked up once: the view asks for every visible cell's roles and flags on every paint.
_DECORATION = Qt.ItemDataRole.DecorationRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_ROW_FLAGS = (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
              | Qt.ItemFlag.ItemNeverHasChildren)
_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class QuickFilter(enum.Enum):
    """The chips above the table; each one narrows the list further."""

    OVERDUE = "Overdue"
    DUE_THIS_WEEK = "Due this week"
    UNBORN = "Unborn babies"
    EXTENDED = "Extended"
    MY_CASES = "My cases"


# Many families share dates, and formatting one is slow enough to notice 10,000 times.
_short_date = lru_cache(maxsize=4096)(short_date)


def act_by_text(item: DueItem) -> str:
    """The working day to act by, and the due date too when that falls later:
    "Fri 13 Nov 2026 (due Sun 15 Nov)"."""
    if item.act_by == item.due:
        return _short_date(item.due)
    return f"{_short_date(item.act_by)} (due {item.due:%a} {item.due.day} {item.due:%b})"


def _texts(family: FamilySummary) -> tuple[str, ...]:
    """The words shown in each column, worked out once per family."""
    item = family.next_due
    family_text = f"{family.plo_family_id} {family.surname}".strip()
    return (
        family_text,
        family.children_text,
        family.social_worker,
        family.stage_label,
        family.week.text() if family.week else "",
        item.title if item else "",
        act_by_text(item) if item else "",
        family.status.value,
    )


def _tooltip(family: FamilySummary, column: int) -> str | None:
    """A cell's tooltip, made when asked for: the due item's reason and deadline note, or
    what the column's words stand for. (The full text of a cell too narrow to show it is
    added by the view, which knows the column's width.)"""
    item = family.next_due
    if column in (COL_NEXT_DUE, COL_DUE_DATE, COL_STATUS):
        if item is None:
            return f"{family.status.value}: nothing is due" if column == COL_STATUS else None
        tip = f"{item.title}\nDue {_short_date(item.due)}: {item.reason}."
        return tip + (f"\n{item.deadline_note}." if item.deadline_note else "")
    week = family.week
    if column == COL_WEEK and week is not None and family.start:
        tip = (f"Day {week.day:,} of pre-proceedings, which started "
               f"{_short_date(family.start)} (day 1)")
        return tip + (f"; {week.days_past:,} calendar days past {week.end_name}"
                      if week.days_past else "")
    if column == COL_WORKER and family.team:
        return f"{family.social_worker}, {family.team} team"
    if column == COL_FAMILY:
        return f"PLO family id {family.plo_family_id}"
    return None


def _week_key(family: FamilySummary) -> tuple[bool, int, int] | None:
    """By day of pre-proceedings; families past their end after every family still within
    it, the furthest past last."""
    week = family.week
    if week is None:
        return None
    return (week.days_past > 0, week.days_past, week.day)


def _sort_keys(family: FamilySummary) -> tuple[Any, ...]:
    """One key per column; None means "no value" and always sorts last."""
    item = family.next_due
    due = item.act_by.toordinal() if item else None
    return (
        family.plo_family_id.casefold(),
        family.children_text.casefold() or None,
        family.social_worker.casefold() if family.social_worker_id is not None else None,
        _STAGE_ORDER[family.stage] if family.stage is not None else None,
        _week_key(family),
        (item.title.casefold(), due) if item else None,
        due,
        (STATUS_ORDER[family.status], due if due is not None else date.max.toordinal()),
    )


def _search_text(family: FamilySummary) -> str:
    parts = [family.plo_family_id, family.surname, family.social_worker, *family.adults]
    parts += [child.name for child in family.children]
    return "\n".join(parts).casefold()


def _long_text(texts: Sequence[str]) -> str:
    """A text longer than nine in ten of ``texts`` (by characters)."""
    by_length = sorted(texts, key=len)
    return by_length[(len(by_length) - 1) * 9 // 10]


@dataclass(frozen=True, slots=True)
class PreparedFamilies:
    """Everything the table needs per family, worked out once; plain Python, so a background
    worker can make it and the GUI thread only swaps it in."""

    families: tuple[FamilySummary, ...]
    today: date | None
    texts: list[tuple[str, ...]]
    keys: list[list[Any]]  # by column, then by family
    search: list[str]
    flags: dict[QuickFilter, list[bool]]  # every chip but "My cases", which needs the user
    # Each column's long text (longer than nine in ten of its texts): the column's width is
    # made for it, so one name typed 500 characters long cannot squeeze the other columns.
    longest: tuple[str, ...] = ("",) * COLUMN_COUNT


def prepare_families(families: Sequence[FamilySummary], today: date | None) -> PreparedFamilies:
    """Work out the table's texts, sort keys, search text and chip flags for these families."""
    rows = tuple(families)
    keys = [list(column) for column in zip(*map(_sort_keys, rows), strict=True)] or [
        [] for _ in range(COLUMN_COUNT)]
    week_end = today + timedelta(days=6 - today.weekday()) if today else None
    texts = [_texts(f) for f in rows]
    return PreparedFamilies(
        families=rows,
        today=today,
        texts=texts,
        keys=keys,
        search=[_search_text(f) for f in rows],
        flags={
            QuickFilter.OVERDUE: [f.status is DueStatus.OVERDUE for f in rows],
            QuickFilter.DUE_THIS_WEEK: [
                f.next_due is not None and today is not None and week_end is not None
                and today <= f.next_due.act_by <= week_end
                for f in rows
            ],
            QuickFilter.UNBORN: [f.has_unborn for f in rows],
            QuickFilter.EXTENDED: [f.extended for f in rows],
        },
        longest=tuple(_long_text(column) for column in zip(*texts, strict=True))
        if texts else ("",) * COLUMN_COUNT,
    )


class FamilyTableModel(QAbstractTableModel):
    """Families for the table; all per-family work happens in set_families, not in data().

    Sorting (``sort``) and filtering (search text, quick filters, stage) rebuild a list of
    visible row numbers from keys computed when the families were set.
    """

    filtered = Signal()  # the visible rows or the chip counts changed

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._families: tuple[FamilySummary, ...] = ()
        self._texts: list[tuple[str, ...]] = []
        self._keys: list[list[Any]] = [[] for _ in range(COLUMN_COUNT)]
        self._search: list[str] = []
        self._flags: dict[QuickFilter, list[bool]] = {f: [] for f in QuickFilter}
        self._number_of: dict[int, int] = {}  # a family's id to its number in _families
        self._order: list[int] = []  # every family, in the current sort order
        self._visible: list[int] = []  # the families shown, in that order
        self._today: date | None = None
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._search_words: list[str] = []
        self._active: set[QuickFilter] = set()
        self._stage: Stage | None = None
        self._my_user_id: int | None = None
        self._counts: dict[QuickFilter, int] = dict.fromkeys(QuickFilter, 0)
        self._longest: tuple[str, ...] = ("",) * COLUMN_COUNT

    # Qt overrides ---------------------------------------------------------------------------

    def rowCount(self, parent: _Index = _ROOT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: _Index = _ROOT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else COLUMN_COUNT

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        row = self._visible[index.row()]
        column = index.column()
        if role == _DISPLAY:
            return self._texts[row][column]
        if role == _DECORATION:
            return status_icon(self._families[row].status) if column == COL_STATUS else None
        if role == _TOOLTIP:
            return _tooltip(self._families[row], column)
        if role == FAMILY_ID_ROLE:
            return self._families[row].family_id
        if role == SORT_ROLE:
            return self._keys[column][row]
        if role == STATUS_ROLE:
            return self._families[row].status
        if role == WEEK_FRACTION_ROLE and column == COL_WEEK:
            week = self._families[row].week
            return week.fraction if week else None
        return None

    def headerData(  # noqa: N802 - Qt override
        self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY
    ) -> Any:
        return column_header(HEADERS, HEADER_TIPS, section, orientation, role)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _ROW_FLAGS

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort on the precomputed keys; families without a value stay last either way."""
        self._sort_column, self._sort_order = column, order
        self._relayout(lambda: None)

    # Loading ---------------------------------------------------------------------------------

    def set_families(self, families: Sequence[FamilySummary], today: date) -> None:
        """Show these families as of ``today``, keeping the current sort and filters."""
        self.set_prepared(prepare_families(families, today))

    def set_prepared(self, prepared: PreparedFamilies) -> None:
        """Show families prepared by ``prepare_families`` (for example in a worker thread)."""
        self.beginResetModel()
        self._families = prepared.families
        self._today = prepared.today
        self._texts = prepared.texts
        self._keys = prepared.keys
        self._search = prepared.search
        self._longest = prepared.longest
        self._flags = {**prepared.flags, QuickFilter.MY_CASES: []}
        self._flags[QuickFilter.MY_CASES] = self._mine()
        self._number_of = {family.family_id: n for n, family in enumerate(self._families)}
        self._order = self._sorted_order()
        self._visible = self._matching(self._order)
        self._count_chips()
        self.endResetModel()
        self.filtered.emit()

    def update_prepared(self, prepared: PreparedFamilies) -> None:
        """Put these families' fresh rows in place of their old ones (adding any new family),
        keeping every other row, the sort, the filters and the selection: after one family is
        saved, only its row is read again."""
        if not self._families:
            self.set_prepared(prepared)
            return
        before = self._visible
        changed = self._replace(prepared)
        # The old order is sorted but for the changed rows, which Python's sort (it finds the
        # sorted runs) puts in place in about one pass, where sorting afresh takes several.
        new_numbers = range(len(self._order), len(self._families))
        self._order = self._sorted_order([*self._order, *new_numbers])
        after = self._matching(self._order)
        if not self._show_in_place(before, after, changed):
            self._visible = before
            self._relayout(lambda: None, order=self._order)
        self._count_chips()
        self.filtered.emit()

    def _show_in_place(self, before: list[int], after: list[int], changed: set[int]) -> bool:
        """Tell the view about the change without a relayout of every row, when the shown rows
        are the same ones in the same order, or one of them has moved; False otherwise.

        A relayout makes the view look at all 10,000 rows again; these signals name one.
        """
        if after == before:
            self._visible = after
        else:
            moved = one_move(before, after)
            if moved is None:
                return False
            source, destination = moved
            # Qt wants the row it goes before, counted before the move.
            self.beginMoveRows(QModelIndex(), source, source, QModelIndex(),
                               destination + (destination > source))
            self._visible = after
            self.endMoveRows()
        last = COLUMN_COUNT - 1
        shown = set(after)
        for number in changed & shown:
            row = after.index(number)
            self.dataChanged.emit(self.index(row, 0), self.index(row, last))
        return True

    def _replace(self, prepared: PreparedFamilies) -> set[int]:
        """Put the fresh rows in place; returns the numbers of the rows changed or added."""
        families = list(self._families)
        where = self._number_of
        mine = self._flags[QuickFilter.MY_CASES]
        me = self._my_user_id
        changed = set()
        for new, family in enumerate(prepared.families):
            number = where.get(family.family_id)
            if number is None:  # a family new since the list was loaded goes at the end
                number = where[family.family_id] = len(families)
                families.append(family)
                self._texts.append(prepared.texts[new])
                self._search.append(prepared.search[new])
                for column in range(COLUMN_COUNT):
                    self._keys[column].append(prepared.keys[column][new])
                for flag, values in prepared.flags.items():
                    self._flags[flag].append(values[new])
                mine.append(me is not None and family.social_worker_id == me)
            else:
                families[number] = family
                self._texts[number] = prepared.texts[new]
                self._search[number] = prepared.search[new]
                for column in range(COLUMN_COUNT):
                    self._keys[column][number] = prepared.keys[column][new]
                for flag, values in prepared.flags.items():
                    self._flags[flag][number] = values[new]
                mine[number] = me is not None and family.social_worker_id == me
            changed.add(number)
        self._families = tuple(families)
        return changed

    def _relayout(self, change: Callable[[], None], order: list[int] | None = None) -> None:
        """Change the rows (``change``), sort (unless ``order`` is the sorted order already)
        and filter again, and keep the selection and the view's place on the same families."""
        # PySide6 offers only the no-argument form of these two signals.
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        held = [self._visible[index.row()] for index in persistent]
        change()
        self._order = self._sorted_order() if order is None else order
        self._visible = self._matching(self._order)
        if persistent:
            position = {family: row for row, family in enumerate(self._visible)}
            self.changePersistentIndexList(persistent, [
                self.index(position[family], index.column()) if family in position
                else QModelIndex()
                for family, index in zip(held, persistent, strict=True)
            ])
        self.layoutChanged.emit()

    # Filters ---------------------------------------------------------------------------------

    def set_search_text(self, text: str) -> None:
        """Show families whose id or people's names contain every word typed."""
        words = text.casefold().split()
        if words != self._search_words:
            self._search_words = words
            self._refilter()

    def set_quick_filter(self, quick_filter: QuickFilter, enabled: bool) -> None:
        """Turn one chip on or off."""
        if (quick_filter in self._active) != enabled:
            if enabled:
                self._active.add(quick_filter)
            else:
                self._active.discard(quick_filter)
            self._refilter()

    def set_stage_filter(self, stage: Stage | None) -> None:
        """Show only families at one stage, or all (None)."""
        if stage is not self._stage:
            self._stage = stage
            self._refilter()

    def set_my_user_id(self, user_id: int | None) -> None:
        """The signed-in worker, whose families the "My cases" chip shows."""
        self._my_user_id = user_id
        self._flags[QuickFilter.MY_CASES] = self._mine()
        self._refilter()

    def clear_filters(self) -> None:
        """Show every family again."""
        self._search_words, self._active, self._stage = [], set(), None
        self._refilter()

    def has_filters(self) -> bool:
        return bool(self._search_words or self._active or self._stage is not None)

    def counts(self) -> dict[QuickFilter, int]:
        """For each chip, how many families it would show with the search text and stage."""
        return dict(self._counts)

    def today(self) -> date | None:
        """The day the families were summarised on; None before any are set."""
        return self._today

    def due_this_week_end(self) -> date | None:
        """The Sunday that ends "this week" for the due-this-week chip."""
        if self._today is None:
            return None
        return self._today + timedelta(days=6 - self._today.weekday())

    # Lookups ---------------------------------------------------------------------------------

    def longest_texts(self) -> tuple[str, ...]:
        """Each column's long text among the families loaded (for column widths)."""
        return self._longest

    def total_count(self) -> int:
        """Families loaded, before filtering."""
        return len(self._families)

    def family_at(self, row: int) -> FamilySummary:
        return self._families[self._visible[row]]

    def row_of_family(self, family_id: int) -> int | None:
        """The visible row of a family, or None when it is filtered out or not loaded."""
        for row, number in enumerate(self._visible):
            if self._families[number].family_id == family_id:
                return row
        return None

    # Internals -------------------------------------------------------------------------------

    def _mine(self) -> list[bool]:
        me = self._my_user_id
        return [me is not None and f.social_worker_id == me for f in self._families]

    def _sorted_order(self, start: Sequence[int] | None = None) -> list[int]:
        """Every family's number in the sort order; ``start`` is an order to sort from (the
        sort is stable, so families with equal keys keep their order in it)."""
        every = range(len(self._families)) if start is None else start
        if not 0 <= self._sort_column < COLUMN_COUNT:
            return list(every)
        keys = self._keys[self._sort_column]
        # Split with iterators that run in C: a Python loop over 10,000 rows took longer
        # than the sort itself.
        present = list(compress(every, map(is_not, map(keys.__getitem__, every), repeat(None))))
        missing = list(compress(every, map(is_, map(keys.__getitem__, every), repeat(None))))
        present.sort(key=keys.__getitem__,
                     reverse=self._sort_order == Qt.SortOrder.DescendingOrder)
        return present + missing

    def _base_test(self) -> Callable[[int], bool] | None:
        """The search-and-stage test shared by the rows and the chip counts."""
        words, haystack, stage = self._search_words, self._search, self._stage
        families = self._families
        if not words and stage is None:
            return None
        if stage is None:
            return lambda n: all(word in haystack[n] for word in words)
        return lambda n: families[n].stage is stage and all(word in haystack[n] for word in words)

    def _matching(self, order: Sequence[int]) -> list[int]:
        test = self._base_test()
        rows = list(order) if test is None else [n for n in order if test(n)]
        for quick_filter in self._active:
            flags = self._flags[quick_filter]
            rows = [n for n in rows if flags[n]]
        return rows

    def _count_chips(self) -> None:
        test = self._base_test()
        if test is None:  # True counts as 1: summed in C
            self._counts = {f: sum(flags) for f, flags in self._flags.items()}
            return
        base = [n for n in range(len(self._families)) if test(n)]
        self._counts = {f: sum(map(flags.__getitem__, base)) for f, flags in self._flags.items()}

    def _refilter(self) -> None:
        self.beginResetModel()
        self._visible = self._matching(self._order)
        self._count_chips()
        self.endResetModel()
        self.filtered.emit()


def one_move(before: list[int], after: list[int]) -> tuple[int, int] | None:
    """(from, to) when ``after`` is ``before`` with one row moved; None for any other change."""
    if len(before) != len(after):
        return None
    first = next((n for n, (a, b) in enumerate(zip(before, after, strict=True)) if a != b), None)
    if first is None:
        return None
    last = len(before) - 1
    while before[last] == after[last]:
        last -= 1
    if before[first] == after[last] and before[first + 1:last + 1] == after[first:last]:
        return first, last  # moved down
    if before[last] == after[first] and before[first:last] == after[first + 1:last + 1]:
        return last, first  # moved up
    return None

"""The help beside the template editor: the details a template can use, and how to lay it out."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from plo_tracker.documents import templates as template_docs
from plo_tracker.documents.letter_data import sample_context
from plo_tracker.documents.templates import template_variables
from plo_tracker.domain import easy_read
from plo_tracker.domain.letter_types import LetterType

from ..icons import easy_read_picture

SNIPPET_ROLE = Qt.ItemDataRole.UserRole  # what double-clicking a detail puts in the template
_HIDDEN = frozenset({"logo_path"})
_HELPERS = (
    ("long_date", "A date in words: {{ letter_date|long_date }} gives “Tuesday 3 March 2026”."),
    ("time", "A time of day: {{ meeting.starts_at|time }} gives “10:30am”."),
    ("join_names", "Names joined in plain English: {{ children|join_names }} gives "
                   "“Ava Marsh and Leo Marsh”."),
)
# The loop variable a list's snippet uses, in the words of the default templates.
_ITEM_NAMES = {
    "children": "child", "born_children": "child", "unborn_children": "child",
    "concerns": "concern", "support_given": "support", "expectations": "expectation",
    "assessments": "assessment", "solicitors": "solicitor", "other_adults": "name",
    "address_lines": "line",
}


class TemplateHelpTabs(QTabWidget):
    """Two tabs: the details of the sample family a template can show, and the markup guide."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields_tree = QTreeWidget()
        self.fields_tree.setHeaderLabels(["Detail", "In the sample letter"])
        self.fields_tree.setAccessibleName("Details a template can show")
        self.fields_tree.header().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents)
        hint = QLabel("Double-click a detail to add it where the cursor is.")
        hint.setWordWrap(True)
        layout_help = QPlainTextEdit(markup_help())
        layout_help.setReadOnly(True)
        layout_help.setAccessibleName("How to lay out a letter")
        fields_page = QWidget()
        column = QVBoxLayout(fields_page)
        column.addWidget(hint)
        column.addWidget(self.fields_tree, 1)
        self.addTab(fields_page, "Details")
        self.addTab(layout_help, "Layout")

    def show_fields(self, letter_type: LetterType, easy: bool = False) -> None:
        """List every detail a template for ``letter_type`` can show, with the sample's values;
        for an Easy Read template, the pictures its headings may name come first."""
        tree = self.fields_tree
        tree.clear()
        if easy:
            pictures = _pictures_item()
            tree.addTopLevelItem(pictures)
            pictures.setExpanded(True)  # only an item in a tree can be opened
        for name, value in template_variables(sample_context(letter_type)).items():
            _add_field(tree, name, name, value)
        helpers = QTreeWidgetItem(["Filters", "ways to write a detail"])
        for name, help_text in _HELPERS:
            child = QTreeWidgetItem([name, help_text])
            child.setToolTip(1, help_text)
            helpers.addChild(child)
        tree.addTopLevelItem(helpers)


def _pictures_item() -> QTreeWidgetItem:
    """The pictures an Easy Read heading may start with, each shown beside its name."""
    pictures = QTreeWidgetItem(["Pictures", "start each heading with one: # [meeting] …"])
    pictures.setToolTip(1, "Each heading of an Easy Read letter starts with a picture's name "
                           "in square brackets; the picture is drawn beside the heading.")
    for name in easy_read.PICTURES:
        heading = f"# [{name}] "
        child = QTreeWidgetItem([name, heading])
        child.setIcon(0, easy_read_picture(name))
        child.setData(0, SNIPPET_ROLE, heading)
        child.setToolTip(0, f"Double-click to start a heading with the {name} picture")
        pictures.addChild(child)
    return pictures


def markup_help() -> str:
    """The template markup guide, from the template module's own documentation."""
    doc = template_docs.__doc__ or ""
    lines = doc.splitlines()[2:]
    return "\n".join(line[4:] if line.startswith("    ") else line for line in lines).strip()


def _item_name(path: str) -> str:
    return _ITEM_NAMES.get(path.rsplit(".", 1)[-1], "item")


def _example(value: Any) -> str:
    if value is None:
        return "(missing for some families: use {% if … %})"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return f"{template_docs.long_date(value)} at {template_docs.time_of_day(value)}"
    if isinstance(value, date):
        return template_docs.long_date(value)
    if isinstance(value, LetterType):
        return value.title
    if isinstance(value, tuple):
        return f"a list of {len(value)}" if value else "an empty list"
    if is_dataclass(value):
        return ""
    return " ".join(str(value).split())[:80]


def _snippet(path: str, value: Any) -> str:
    """What double-clicking a field puts in the template."""
    if isinstance(value, bool):
        return f"{{% if {path} %}}\n\n{{% endif %}}\n"
    if isinstance(value, datetime):
        return f"{{{{ {path}|long_date }}}} at {{{{ {path}|time }}}}"
    if isinstance(value, date):
        return f"{{{{ {path}|long_date }}}}"
    if isinstance(value, tuple):
        item = _item_name(path)
        first = value[0] if value else None
        if is_dataclass(first):
            shown = next(f.name for f in fields(first) if f.name not in _HIDDEN)
            return f"{{% for {item} in {path} %}}\n- {{{{ {item}.{shown} }}}}\n{{% endfor %}}\n"
        return f"{{% for {item} in {path} %}}\n- {{{{ {item} }}}}\n{{% endfor %}}\n"
    if is_dataclass(value) or value is None:
        return f"{{% if {path} %}}\n\n{{% endif %}}\n"
    if isinstance(value, LetterType):
        return f"{{{{ {path}.title }}}}"
    return f"{{{{ {path} }}}}"


def _add_field(parent: QTreeWidget | QTreeWidgetItem, name: str, path: str, value: Any) -> None:
    item = QTreeWidgetItem([name, _example(value)])
    item.setData(0, SNIPPET_ROLE, _snippet(path, value))
    item.setToolTip(0, f"Double-click to add {path} to the template")
    item.setToolTip(1, _example(value))
    if isinstance(parent, QTreeWidget):
        parent.addTopLevelItem(item)
    else:
        parent.addChild(item)
    element = value[0] if isinstance(value, tuple) and value else value
    if is_dataclass(element) and not isinstance(element, type):
        # A list's details are shown as its loop variable has them: "child.name".
        prefix = _item_name(path) if element is not value else path
        for f in fields(element):
            if f.name not in _HIDDEN:
                _add_field(item, f.name, f"{prefix}.{f.name}", getattr(element, f.name))
        if element is not value:
            item.setText(1, f"a list of {len(value)}: each has the details below")

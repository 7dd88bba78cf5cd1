"""The details every document has (title, date, author, type, section), as rows of a form.

The add and edit dialogs both lay these out, so they check and refuse alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QComboBox, QLineEdit, QSizePolicy

from plo_tracker.domain.bundle_sections import DEFAULT_SECTIONS, SectionTemplate
from plo_tracker.domain.document_types import DEFAULT_SECTION, DocumentType
from plo_tracker.domain.text_rules import TextKind
from plo_tracker.services.document_views import DocumentForm, DocumentView

from ..forms.date_field import DateField
from ..forms.fields import FieldSet

TITLE_NEEDED = "Give the document a title, as it should appear in the bundle index."


class DocumentFields(QObject):
    """Title, date, author, type and bundle section, added to ``fields`` in that order.

    The section follows the type (a care plan goes in D) until the user picks a section
    themselves.
    """

    def __init__(self, fields: FieldSet, today: date,
                 sections: Sequence[SectionTemplate] = DEFAULT_SECTIONS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.fields = fields
        self.title: QLineEdit = fields.add(
            "title", "Title", QLineEdit(), required=TITLE_NEEDED, text=TextKind.SHORT)
        self.date: DateField = fields.add(
            "document_date", "Date", DateField(today, past_only=True), optional=True,
            note="The date written on the document, typed as dd/mm/yyyy.")
        self.author: QLineEdit = fields.add("author", "Author", QLineEdit(), optional=True,
                                            text=TextKind.SHORT)
        self.doc_type = QComboBox()
        for kind in DocumentType:
            self.doc_type.addItem(kind.label, kind.value)
        fields.add("doc_type", "Type", self.doc_type)
        self.section = QComboBox()
        # The template administrators keep (Settings > Court bundles), A to F by default.
        for section in sections:
            self.section.addItem(f"{section.letter}: {section.title}", section.letter)
        fields.add("default_section", "Bundle section", self.section,
                   note="Where it goes in a court bundle, unless placed elsewhere there.")
        for combo in (self.doc_type, self.section):
            # As wide as the form, so the line of help under it reads in one go.
            combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._section_chosen = False
        self.set_type(DocumentType.OTHER)
        self.doc_type.currentIndexChanged.connect(self._type_changed)
        self.section.activated.connect(self._section_picked)

    # -- reading --------------------------------------------------------------------------
    def kind(self) -> DocumentType:
        return DocumentType(self.doc_type.currentData())

    def form(self, title: str | None = None) -> DocumentForm:
        """The details as the service takes them (``title`` in place of the one typed)."""
        return DocumentForm(
            title=self.title.text().strip() if title is None else title,
            document_date=self.date.date(),
            author=self.author.text().strip() or None,
            doc_type=self.kind(),
            default_section=self.section.currentData(),
        )

    # -- setting --------------------------------------------------------------------------
    def set_type(self, kind: DocumentType) -> None:
        self.doc_type.setCurrentIndex(self.doc_type.findData(kind.value))
        self._follow_type()

    def show_document(self, document: DocumentView) -> None:
        """Fill the fields from a document kept already (to change its details)."""
        self.title.setText(document.title)
        self.date.set_date(document.document_date)
        self.author.setText(document.author or "")
        self.doc_type.setCurrentIndex(self.doc_type.findData(document.doc_type.value))
        self._select_section(document.default_section)
        # Its section was someone's choice (or the type's): changing the type keeps it.
        self._section_chosen = document.default_section != DEFAULT_SECTION[document.doc_type]

    # -- inside ---------------------------------------------------------------------------
    def _type_changed(self) -> None:
        if not self._section_chosen:
            self._follow_type()

    def _follow_type(self) -> None:
        self._select_section(DEFAULT_SECTION[self.kind()])

    def _section_picked(self) -> None:
        self._section_chosen = True

    def _select_section(self, letter: str) -> None:
        index = self.section.findData(letter)
        if index < 0:
            # A section from an administrator's own template: kept, shown as its letter.
            self.section.addItem(letter, letter)
            index = self.section.count() - 1
        self.section.setCurrentIndex(index)

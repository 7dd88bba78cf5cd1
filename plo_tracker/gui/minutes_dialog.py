"""Minutes of one meeting: what its record still lacks, or a preview to check, then Save."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from plo_tracker.domain.errors import DomainError
from plo_tracker.services.actor import Actor
from plo_tracker.services.registry import Services

from .forms.fields import ProblemLabel
from .problem_text import problem_text

MISSING_INTRO = "These minutes cannot be made yet:"
READY = ("Check the minutes below. Saving keeps them among the family's documents, dated "
         "the day the meeting was held, to be filed at court.")


class MinutesDialog(QDialog):
    """Shows the minutes of ``meeting_id`` or what is missing; ``saved`` once kept."""

    def __init__(self, services: Services, actor: Actor, meeting_id: int, title: str,
                 parent: QWidget | None = None) -> None:
        # The preview brings QtPdf: it loads when minutes are first made, not with the family.
        from .letters.pdf_preview import PdfPreview

        super().__init__(parent)
        self.services, self.actor, self.meeting_id = services, actor, meeting_id
        self.saved: bool | None = None
        self.setWindowTitle(f"Minutes: {title}")
        self.resize(760, 820)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview = PdfPreview("The minutes will show here once the record has what "
                                  "they need.")
        self.preview.view.setAccessibleName("Minutes preview")
        self.problem = ProblemLabel("the minutes")
        self.status = QLabel()
        self.status.setWordWrap(True)
        # When the record lacks something: close, and open the meeting's record to complete.
        self.wants_record = False
        self.record_button = QPushButton("&Complete the meeting record…")
        self.record_button.setAutoDefault(False)
        self.record_button.clicked.connect(self._complete_record)
        self.record_button.hide()
        self.save_button = QPushButton("&Save minutes")
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        close = QPushButton("Close")
        close.setAutoDefault(False)
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)
        self.missing: tuple[str, ...] = ()
        self._show()

    def _show(self) -> None:
        minutes = self.services.meeting_minutes
        try:
            self.missing = minutes.check(self.actor, self.meeting_id)
            pdf = None if self.missing else minutes.preview(self.actor, self.meeting_id)
        except DomainError as error:
            self.missing = ()
            self.intro.setText(problem_text(error, "The minutes could not be made."))
            self.save_button.setEnabled(False)
            return
        if self.missing:
            self.intro.setText("\n".join([MISSING_INTRO, *(f"• {m}" for m in self.missing)]))
            self.preview.show_message("Record what is missing on the meeting, then make the "
                                      "minutes again.")
            self.save_button.setEnabled(False)
            self.record_button.show()
            return
        self.intro.setText(READY)
        self.preview.set_pdf(pdf)
        self.save_button.setEnabled(True)

    def _complete_record(self) -> None:
        self.wants_record = True
        self.accept()

    def save(self) -> None:
        try:
            document = self.services.meeting_minutes.save(self.actor, self.meeting_id)
        except DomainError as error:
            self.problem.set_problem(problem_text(error, "The minutes were not saved."))
            return
        self.saved = True
        self.problem.set_problem(None)
        self.save_button.setEnabled(False)
        self.status.setText(f"Saved among the family's documents: “{document.title}”.")

"""Free text on a family: a case note, and the short history the letters give."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox

from plo_tracker.domain.text_rules import TextKind
from plo_tracker.services.case_base import Saved

from .form_dialog import FormDialog
from .inputs import LongText


class NoteDialog(FormDialog):
    """A note written now by the person signed in."""

    title = "Add a note"

    def build(self) -> None:
        self.text = self.fields.add("text", "Note", LongText(lines=8),
                                    required="Write the note first.", text=TextKind.LONG_TEXT)
        # A note marked here becomes an entry of the social work chronology filed at court.
        self.for_chronology = self.fields.add_check(
            "for_chronology", QCheckBox("Include in the chronology"))

    def submit(self, version: int) -> Saved:
        return self.services.milestones.add_note(
            self.actor, self.detail.family_id, self.text.toPlainText(),
            expected_version=version, for_chronology=self.for_chronology.isChecked())


class HistoryDialog(FormDialog):
    """The short history of the family's involvement, as letters before proceedings give it."""

    title = "Write the short history for the letters"

    def build(self) -> None:
        self.set_intro("Letters before proceedings give a short history of the council's "
                       "involvement with the family. Write it in words the parents will "
                       "understand.")
        self.text = self.fields.add("history", "Short history", LongText(lines=8),
                                    required="Write the short history first.",
                                    text=TextKind.LONG_TEXT)
        episode = self.detail.episode
        self.text.setPlainText(episode.history or "" if episode else "")

    def submit(self, version: int) -> Saved:
        return self.services.milestones.record_history(
            self.actor, self.detail.family_id, self.text.toPlainText(),
            expected_version=version)

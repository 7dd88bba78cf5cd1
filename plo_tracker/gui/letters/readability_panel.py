"""How easy a letter is to read, shown where letters are written.

``ReadabilityPanel`` (the template editor's Readability tab) shows the grade, the
reading ease, words per sentence, the longest sentences and the jargon with its
plain alternatives. ``grade_line`` is the one line per letter that the family's
letters dialog shows before a letter is made. A letter above the council's target
is flagged with a word ("Above the target") and the warning sign, never by colour
alone; it can still be made.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from plo_tracker.domain.readability import Readability, Sentence

from ..case_tabs.record_table import heading
from ..icons import icon

# Sentences named to shorten, in a line or a tooltip.
NAMED_SENTENCES = 3
EXCERPT_CHARS = 70


def ease_words(ease: float) -> str:
    """Flesch's own bands for reading ease, in words."""
    for floor, words in ((90, "very easy"), (80, "easy"), (70, "fairly easy"),
                         (60, "plain English"), (50, "fairly hard"), (30, "hard")):
        if ease >= floor:
            return words
    return "very hard"


def excerpt(sentence: Sentence) -> str:
    text = sentence.text
    if len(text) > EXCERPT_CHARS:
        text = text[:EXCERPT_CHARS].rsplit(" ", 1)[0] + "…"
    return f"“{text}” ({sentence.words} words)"


def grade_line(name: str, result: Readability, target: int) -> tuple[str, bool]:
    """The line for one letter, and whether it is above the target.

    For example "Kelly Marsh: grade 5.8 (reading age about 11), within the target of
    grade 6." or "Above the target: Kelly Marsh's letter is grade 7.9 ...; shorten ...".
    """
    if result.above(target):
        named = "; ".join(excerpt(s) for s in result.longest_sentences[:NAMED_SENTENCES])
        return (f"Above the target (grade {target}): the letter to {name} is "
                f"{result.grade_text()}. It can still be made. To make it easier, shorten: "
                f"{named}.", True)
    return (f"The letter to {name} is {result.grade_text()}, within the target of grade "
            f"{target}.", False)


class GradeLines(QWidget):
    """One wrapped line per letter, each above the target led by the warning sign."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._rows: list[tuple[str, bool, QWidget]] = []

    def lines(self) -> list[str]:
        return [text for text, _above, _row in self._rows]

    def flags(self) -> list[bool]:
        """For each line, whether it carries the warning sign."""
        return [above for _text, above, _row in self._rows]

    def set_lines(self, lines: list[tuple[str, bool]]) -> None:
        for _text, _above, row in self._rows:
            self._column.removeWidget(row)
            row.deleteLater()
        self._rows = []
        for text, above in lines:
            row = QWidget()
            layout = QHBoxLayout(row)
            layout.setContentsMargins(0, 0, 0, 0)
            if above:
                sign = QLabel()
                sign.setPixmap(icon("warning").pixmap(16, 16))
                sign.setAccessibleName("Above the target")
                layout.addWidget(sign, 0, Qt.AlignmentFlag.AlignTop)
            words = QLabel(text)
            words.setWordWrap(True)
            words.setTextFormat(Qt.TextFormat.PlainText)
            words.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(words, 1)
            self._column.addWidget(row)
            self._rows.append((text, above, row))


class ReadabilityPanel(QWidget):
    """The readability of the letter being edited, filled in for the sample family."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.flag_icon = QLabel()
        self.flag_icon.setPixmap(icon("warning").pixmap(16, 16))
        self.flag_icon.setAccessibleName("Above the target")
        self.summary = QLabel("The readability appears here.")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setAccessibleName("Readability")
        self.figures = QLabel()
        self.figures.setWordWrap(True)
        self.figures.setTextFormat(Qt.TextFormat.PlainText)
        self.figures.setAccessibleName("Readability figures")
        self.longest = QListWidget()
        self.longest.setAccessibleName("Longest sentences")
        self.longest.setWordWrap(True)
        self.longest.setSpacing(2)
        self.jargon = QListWidget()
        self.jargon.setAccessibleName("Words to change")
        self.jargon.setWordWrap(True)
        self.jargon.setSpacing(2)
        note = QLabel("Scored on the letter as the sample family would get it, without the "
                      "letterhead, the signature and the list of solicitors.")
        note.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(self.flag_icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.summary, 1)
        column = QVBoxLayout(self)
        column.addLayout(top)
        column.addWidget(self.figures)
        column.addWidget(heading("Longest sentences"))
        column.addWidget(self.longest, 1)
        column.addWidget(heading("Words to change"))
        column.addWidget(self.jargon, 1)
        column.addWidget(note)
        self.flag_icon.hide()
        self.result: Readability | None = None

    def is_flagged(self) -> bool:
        return not self.flag_icon.isHidden()

    def show_message(self, text: str) -> None:
        """Say why there is no score (an empty or broken template), and clear the lists."""
        self.result = None
        self.flag_icon.hide()
        self.summary.setText(text)
        self.figures.clear()
        self.longest.clear()
        self.jargon.clear()

    def show_result(self, result: Readability, target: int) -> None:
        self.result = result
        above = result.above(target)
        self.flag_icon.setVisible(above)
        if above:
            self.summary.setText(f"Above the target: {result.grade_text()}; the target is "
                                 f"grade {target} or lower. Shorten the longest sentences "
                                 "below, and use shorter words.")
        else:
            self.summary.setText(f"Within the target: {result.grade_text()}; the target is "
                                 f"grade {target} or lower.")
        self.figures.setText(
            f"Reading ease {result.flesch_reading_ease:.1f} "
            f"({ease_words(result.flesch_reading_ease)}). "
            f"{result.words_per_sentence:.1f} words a sentence on average "
            f"({result.words} words, {result.sentences} sentences).")
        self.longest.clear()
        for sentence in result.longest_sentences:
            item = QListWidgetItem(f"{sentence.words} words: {sentence.text}")
            item.setToolTip(sentence.text)
            self.longest.addItem(item)
        self.jargon.clear()
        for use in result.jargon:
            times = "" if use.count == 1 else f", used {use.count} times"
            if use.explained:
                text = f"“{use.term}”: explained where first used (sentence {use.sentence})."
            else:
                text = (f"“{use.term}”: {use.alternative} (first in sentence "
                        f"{use.sentence}{times}).")
            item = QListWidgetItem(text)
            item.setToolTip(use.where)
            if not use.explained:
                item.setIcon(icon("warning"))
            self.jargon.addItem(item)
        if not result.jargon:
            self.jargon.addItem("None found from the list of words to avoid.")

"""Translated copies of kept letters as the window and the command line see them, read for
many letters at once (the letters list shows each letter's copies under it)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from plo_tracker.domain.date_text import plain_date
from plo_tracker.domain.vocabulary import SendMethod
from plo_tracker.storage.models import LetterTranslation

from .user_names import display_names

# How a copy went, as a sentence says it ("sent by post").
_SENT_HOW = {SendMethod.POST: "by post", SendMethod.HAND: "by hand",
             SendMethod.EMAIL: "by email"}


@dataclass(frozen=True)
class TranslationView:
    """One translated copy of a kept letter: the copy itself is document ``document_id``."""

    translation_id: int
    letter_id: int
    document_id: int
    language: str
    sent_date: date
    method: SendMethod
    recorded_by: str  # the account's display name
    recorded_at: datetime

    def words(self) -> str:
        """The copy in a sentence: "Polish translation sent by post on 3 December 2026"."""
        return (f"{self.language} translation sent {_SENT_HOW[self.method]} on "
                f"{plain_date(self.sent_date)}")


def translations_of(session: Session,
                    letter_ids: Iterable[int]) -> dict[int, tuple[TranslationView, ...]]:
    """Each letter's translated copies, in the order they were sent (letters with none are
    left out). The caller has checked the reader may see the letters' family."""
    wanted = set(letter_ids)
    if not wanted:
        return {}
    rows = list(session.scalars(select(LetterTranslation).where(
        LetterTranslation.letter_id.in_(wanted)).order_by(
        LetterTranslation.sent_date, LetterTranslation.id)))
    names = display_names(session, (row.recorded_by for row in rows))
    found: dict[int, list[TranslationView]] = {}
    for row in rows:
        found.setdefault(row.letter_id, []).append(translation_view(row, names[row.recorded_by]))
    return {letter_id: tuple(views) for letter_id, views in found.items()}


def translation_view(row: LetterTranslation, recorded_by_name: str) -> TranslationView:
    return TranslationView(row.id, row.letter_id, row.document_id, row.language, row.sent_date,
                           SendMethod(row.method), recorded_by_name, row.recorded_at)

"""Add translated copy… on the kept letters, driven as a user would: choose the file, check
the language offered, pick how it was sent, save, and open the copy from the list."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog, QLabel
from reportlab.pdfgen import canvas
from sqlalchemy import update

from plo_tracker.domain.letter_types import LetterType
from plo_tracker.domain.vocabulary import SendMethod
from plo_tracker.gui.letters.generated_letters_view import GeneratedLettersView
from plo_tracker.storage.models import Adult
from tests.support import TODAY

from .letters_conftest_helpers import (  # noqa: F401 - fixtures
    letters_admin,
    letters_services,
    ready_family,
)

WAIT = 20_000


def translated_pdf(path: Path) -> Path:
    drawing = canvas.Canvas(str(path))
    drawing.drawString(72, 720, "List przed postepowaniem: tlumaczenie")
    drawing.save()
    return path


def _kept_letter_in_polish(services, admin):
    """A family's kept letter before proceedings, to a recipient recorded as Polish-speaking."""
    family_id = ready_family(services, admin)
    letter = services.letters.generate(admin, family_id, LetterType.LBP)[0]
    with services.context.database.unit_of_work() as session:
        session.execute(update(Adult).where(Adult.id == letter.adult_id).values(
            needs_interpreter=True, language="Polish"))
    return family_id, letter


def _view(qtbot, services, actor, family_id: int, letter_id: int) -> GeneratedLettersView:
    view = GeneratedLettersView(services, actor)
    qtbot.addWidget(view)
    view.show()
    with qtbot.waitSignal(view.loaded, timeout=WAIT):
        view.set_family(family_id)
    view.select(letter_id)
    return view


def _choose(qtbot, dialog, monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *_args, **_kwargs: (str(path), "Documents"))
    dialog.file.choose_button.click()
    assert dialog.file.paths() == (path,)


def test_a_translated_copy_is_added_shown_in_words_and_opened(qtbot, services, admin,
                                                              monkeypatch, tmp_path):
    family_id, letter = _kept_letter_in_polish(services, admin)
    view = _view(qtbot, services, admin, family_id, letter.letter_id)
    assert view.copies_label.text() == "No translated copy has been recorded for this letter."
    assert view.translate_button.isVisible() and view.translate_button.isEnabled()

    view.translate_button.click()
    dialog = view.translation_dialog
    assert dialog is not None and dialog.isVisible()
    # The language recorded for the recipient is offered, and today as the date sent.
    assert dialog.language.text() == "Polish"
    assert dialog.sent_date.date() == TODAY
    assert not dialog.save_button.isEnabled()  # no file and no method yet

    # A file the intake cannot use is refused under the file field; what was typed stays.
    notes = tmp_path / "translation.txt"
    notes.write_text("not a document")
    _choose(qtbot, dialog, monkeypatch, notes)
    dialog.language.setText("Polish (Polski)")
    dialog.method.group.buttons()[0].click()  # Post
    assert dialog.save_button.isEnabled()
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=WAIT)
    assert "translation.txt" in dialog.fields.shown_problems()["file"]
    assert dialog.language.text() == "Polish (Polski)"
    assert dialog.isVisible()

    # A date before the letter's is refused next to the date, before the service is asked.
    _choose(qtbot, dialog, monkeypatch, translated_pdf(tmp_path / "tlumaczenie.pdf"))
    dialog.sent_date.edit.setText("25/11/2026")
    assert "cannot have been sent before then" in dialog.fields.shown_problems()["sent_date"]
    assert not dialog.save_button.isEnabled()
    dialog.sent_date.edit.setText(TODAY.strftime("%d/%m/%Y"))
    assert dialog.fields.shown_problems() == {}

    with qtbot.waitSignal(dialog.added, timeout=WAIT), qtbot.waitSignal(view.loaded,
                                                                       timeout=WAIT):
        dialog.save_button.click()
    view.select(letter.letter_id)
    words = "Polish (Polski) translation sent by post on 26 November 2026"
    assert [view.copies.item(i).text() for i in range(view.copies.count())] == [
        f"{words} (recorded by {admin.display_name})"]
    assert words in view.status.text()
    # The copy is one of the family's documents, and opens as documents do.
    titles = [d.title for d in services.documents.list(admin, family_id)]
    assert f"Letter before proceedings to {letter.recipient_name} (Polish (Polski) " \
           "translation)" in titles
    view.open_copy_button.click()
    qtbot.waitUntil(lambda: bool(view.copy_viewers), timeout=WAIT)
    viewer = view.copy_viewers[0]
    assert "Polish (Polski) translation" in viewer.windowTitle()
    qtbot.waitUntil(lambda: viewer.preview.page_count() == 1, timeout=WAIT)
    viewer.close()


def test_a_reader_sees_the_copies_but_cannot_add_one(qtbot, services, admin, tmp_path):
    family_id, letter = _kept_letter_in_polish(services, admin)
    services.letter_translations.add(
        admin, letter.letter_id, translated_pdf(tmp_path / "copy.pdf"),
        _form("Polish"))
    reader = services.users.trusted_actor("readonly")
    view = _view(qtbot, services, reader, family_id, letter.letter_id)
    assert not view.translate_button.isVisible()
    assert view.copies.count() == 1
    assert view.copies.item(0).text().startswith(
        "Polish translation sent by post on 26 November 2026")


def _form(language: str):
    from plo_tracker.services.letter_translations import TranslationForm

    return TranslationForm(language, TODAY, SendMethod.POST)


def test_cancel_while_the_copy_goes_in_keeps_nothing_and_what_was_typed(
        qtbot, services, admin, monkeypatch, tmp_path):
    family_id, letter = _kept_letter_in_polish(services, admin)
    real = services.documents.add_file
    reached, go_on = threading.Event(), threading.Event()

    def held(actor, family, path, form, *, progress=None, cancelled=None, also=None):
        # Hold the intake at its first report until the test has pressed Cancel.
        def report(*args):
            progress(*args)
            reached.set()
            go_on.wait(WAIT / 1000)
        return real(actor, family, path, form, progress=report, cancelled=cancelled,
                    also=also)

    monkeypatch.setattr(services.documents, "add_file", held)
    view = _view(qtbot, services, admin, family_id, letter.letter_id)
    dialog = view.add_translation()
    dialog.file.set_paths([translated_pdf(tmp_path / "kopia.pdf")])
    dialog.method.group.buttons()[1].click()  # By hand
    dialog.save_button.click()
    qtbot.waitUntil(reached.is_set, timeout=WAIT)
    assert dialog.is_running() and dialog.cancel_button.text() == "Cancel adding"
    dialog.cancel_button.click()
    go_on.set()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=WAIT)
    assert "cancelled" in dialog.progress_label.text().lower()
    assert dialog.isVisible() and dialog.language.text() == "Polish"
    assert dialog.method.method() is SendMethod.HAND
    assert services.documents.list(admin, family_id) == ()
    dialog.done(0)


def test_the_letters_tab_opens_every_letter_made_with_add_translated_copy(qtbot, services,
                                                                        admin):
    """Letters made… on the family's Letters tab: where a worker finds last week's letter
    to record the translated copy sent with it."""
    from plo_tracker.gui.case_tabs.letters_tab import LettersTab
    from plo_tracker.gui.case_workspace import CaseWorkspace

    family_id, letter = _kept_letter_in_polish(services, admin)
    workspace = CaseWorkspace(services, admin, family_id)
    qtbot.addWidget(workspace)
    workspace.show()
    qtbot.waitUntil(lambda: not workspace.is_loading(), timeout=WAIT)
    letters_tab = next(page for page in workspace.tab_pages if isinstance(page, LettersTab))
    workspace.tabs.setCurrentWidget(letters_tab)
    assert letters_tab.made_button.isVisible()
    letters_tab.made_button.click()
    dialog = next(w for w in workspace.findChildren(QDialog)
                  if w.windowTitle() == "Letters made for this family")
    qtbot.addWidget(dialog)
    view = dialog.letters
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=WAIT)
    view.select(letter.letter_id)
    assert any("keep the translated copy sent with it" in label.text()
               for label in dialog.findChildren(QLabel))
    assert view.translate_button.isVisible() and view.translate_button.isEnabled()
    dialog.close()

"""Take the user guide's pictures from the running app, on fresh demo data.

    python docs/make_screenshots.py

Everything runs offscreen on a temporary demo database (fictional families, a
fixed "today" of Thu 26 Nov 2026 so the pictures match the text), and the PNGs
are written to docs/user-guide/images/. Nothing touches your own database.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PLO_TRACKER_HOME"] = tempfile.mkdtemp(prefix="plo-shots-")

from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from plo_tracker.domain.clock import FixedClock  # noqa: E402
from plo_tracker.session import choose_location, open_services  # noqa: E402

IMAGES = Path(__file__).resolve().parent / "user-guide" / "images"
TODAY = date(2026, 11, 26)
SIZE = (1366, 768)


def settle(app: QApplication, done=lambda: True, rounds: int = 400) -> None:
    """Let background loads arrive and the window paint."""
    for _ in range(rounds):
        QTest.qWait(20)  # lets timers fire and background results arrive
        if done():
            break
    for _ in range(10):
        app.processEvents()


def save(widget: QWidget, name: str) -> None:
    path = IMAGES / f"{name}.png"
    widget.grab().save(str(path))
    print(f"wrote {path.relative_to(IMAGES.parent.parent.parent)}")


def main() -> int:
    from plo_tracker.gui.forms.actions import build_dialog
    from plo_tracker.gui.icons import app_icon
    from plo_tracker.gui.keyboard import install_keyboard_aids
    from plo_tracker.gui.letters.family_letters_dialog import FamilyLettersDialog
    from plo_tracker.gui.main_window import PAGE_FAMILIES, MainWindow
    from plo_tracker.gui.new_family_wizard import NewFamilyWizard
    from plo_tracker.gui.settings_dialog import SettingsDialog
    from plo_tracker.gui.sign_in_dialog import SignInDialog

    app = QApplication.instance() or QApplication(sys.argv)
    install_keyboard_aids(app)  # the app's own style: its icons on tabs and message boxes
    app.setWindowIcon(app_icon())
    IMAGES.mkdir(parents=True, exist_ok=True)
    services = open_services(choose_location(None, demo=True), FixedClock(TODAY))
    worker = services.users.trusted_actor("socialworker")
    admin = services.users.trusted_actor("admin")

    sign_in = SignInDialog(services)
    sign_in.resize(460, 380)
    sign_in.show()
    settle(app)
    save(sign_in, "sign-in")
    sign_in.close()

    window = MainWindow(services, worker, "Demo data")
    window.resize(*SIZE)
    window.show()
    settle(app, lambda: not window.is_loading())
    save(window, "my-work")
    window.show_page(PAGE_FAMILIES)
    settle(app)
    save(window, "families")

    # A family part-way through pre-proceedings, with an extension, shows most of the timeline.
    summaries = services.caseload.families(worker)
    family = next((s for s in summaries if s.extended and s.week), summaries[0])
    workspace = window.open_family(family.family_id)
    settle(app, lambda: not workspace.is_loading())
    save(window, "family-page")
    _documents_pictures(app, services, window)

    detail = services.case_detail.family(worker, family.family_id, record_view=False)
    form = build_dialog("schedule_meeting", window, services, worker, detail)
    form.show()
    settle(app)
    save(form, "plan-a-meeting")
    form.close()

    # Restrict access…, as a team manager sees it about to restrict (nothing is saved).
    manager = services.users.trusted_actor("manager")
    detail = services.case_detail.family(manager, family.family_id, record_view=False)
    access = build_dialog("restrict_access", window, services, manager, detail)
    access.restricted.setChecked(True)
    access.resize(600, 520)
    access.show()
    settle(app)
    save(access, "restrict-access")
    access.hide()
    access.deleteLater()

    wizard = NewFamilyWizard(services, worker, window)
    wizard.show()
    settle(app)
    save(wizard, "new-family")
    wizard.close()

    ready = next(
        (s for s in summaries if s.stage is not None and s.stage.value == "pre_proceedings"
         and all(not c.missing for c in services.letters.check(
             worker, s.family_id, _letter_type(s)))),
        None,
    )
    if ready is not None:
        letters = FamilyLettersDialog(services, worker, ready.family_id, window)
        letters.resize(1200, 740)
        shown: list[bool] = []
        letters.preview_shown.connect(lambda: shown.append(True))
        graded: list[bool] = []
        letters.readability_shown.connect(lambda: graded.append(True))
        letters.show()
        settle(app, lambda: bool(shown) and bool(graded), rounds=600)
        settle(app, lambda: False, rounds=25)  # QPdfView draws the page in a thread
        save(letters, "letters")
        letters.close()
        _letters_made_picture(app, services, window, ready.family_id, _letter_type(ready))

    _bundle_pictures(app, services, window)
    _panel_pictures(app, services)
    _reports_pictures(app, services)

    settings = SettingsDialog(services, admin, window)
    settings.show()
    settle(app)
    save(settings, "settings")
    settings.close()

    _sign_in_pictures(app, services)
    _role_pictures(app, services, family.family_id)
    _admin_pictures(app, services)
    _first_account_picture(app)

    window.close()
    settle(app)
    services.context.database.dispose()
    return 0


def _letters_made_picture(app, services, window, family_id: int, letter_type) -> None:
    """Letters made… on the Letters tab, after the letters are made and a Polish
    translation of one was sent (a one-line PDF drawn here stands for the translator's)."""
    from reportlab.pdfgen import canvas

    from plo_tracker.domain.vocabulary import SendMethod
    from plo_tracker.services.letter_translations import TranslationForm

    # An administrator: the family may be another team's than the demo social worker's.
    worker = services.users.trusted_actor("admin")
    made = services.letters.generate(worker, family_id, letter_type)
    copy = Path(tempfile.mkdtemp(prefix="plo-shots-")) / "translation.pdf"
    drawing = canvas.Canvas(str(copy))
    drawing.drawString(72, 720, "List przed wszczeciem postepowania")
    drawing.save()
    services.letter_translations.add(worker, made[0].letter_id, copy,
                                     TranslationForm("Polish", TODAY, SendMethod.POST))
    workspace = window.open_family(family_id)
    settle(app, lambda: not workspace.is_loading())
    workspace.tabs.setCurrentWidget(workspace.letters_tab)
    dialog = workspace.letters_tab.letters_made()
    settle(app, lambda: dialog.letters.model.rowCount() > 0)
    dialog.letters.select(made[0].letter_id)
    settle(app)
    save(dialog, "letters-made")
    dialog.close()


def _documents_pictures(app, services, window) -> None:
    """The Documents tab and the confidential register of a demo family with documents
    (the demo adds them: see services/demo_documents.py), the one whose bundle is not built
    yet, so its register holds the carer's address its statement names."""
    worker = services.users.trusted_actor("socialworker")
    overview = services.bundles.overview(worker)
    waiting = next(b for b in overview.upcoming if not b.versions)
    workspace = window.open_family(waiting.family_id)
    settle(app, lambda: not workspace.is_loading())
    tab = workspace.documents_tab
    workspace.tabs.setCurrentWidget(tab)
    tab.view.selectRow(0)
    settle(app)
    save(workspace.window(), "documents-tab")
    register = tab.open_register()
    settle(app, lambda: not register.is_busy())
    save(register, "confidential-register")
    register.done(0)


def _bundle_pictures(app, services, window) -> None:
    """The Bundles page (hearings coming up, in progress, last built) and the builder of
    the bundle not built yet, with its documents in their sections."""
    from plo_tracker.gui.bundles.bundle_builder import BundleBuilder
    from plo_tracker.gui.main_window import PAGE_BUNDLES

    window.show_page(PAGE_BUNDLES)
    settle(app, lambda: not window.bundles_page.is_loading())
    save(window, "bundles-page")
    worker = services.users.trusted_actor("socialworker")
    waiting = next(b for b in services.bundles.overview(worker).upcoming if not b.versions)
    builder = BundleBuilder(services, worker, waiting.bundle_id, window)
    builder.show()
    builder.sections_view.expandAll()
    settle(app)
    save(builder, "bundle-builder")
    builder.hide()
    builder.deleteLater()


def _panel_pictures(app, services) -> None:
    """The Panel page as a team manager sees it: the demo's meeting planned for next week
    opened with its agenda, and the panel view on its first family."""
    from plo_tracker.gui.main_window import PAGE_PANEL, MainWindow

    manager = services.users.trusted_actor("manager")
    window = MainWindow(services, manager, "Demo data")
    window.resize(*SIZE)
    window.show()
    settle(app, lambda: not window.is_loading())
    window.show_page(PAGE_PANEL)
    page = window.panel_page
    settle(app, lambda: not page.is_loading())
    save(window, "panel-page")
    planned = next(s for s in page.summaries if s.status != "held")
    page.open_meeting(planned.meeting_id)
    settle(app, lambda: not page.is_loading())
    save(window, "panel-meeting")
    panel = page.meeting_view.start_meeting()
    if panel is not None:
        panel.resize(*SIZE)
        settle(app)
        save(panel, "panel-view")
        panel.done(0)
    window.close()
    settle(app)


def _reports_pictures(app, services) -> None:
    """The Reports page as a team manager sees it: the figures, then the months' charts."""
    from plo_tracker.gui.main_window import PAGE_REPORTS, MainWindow

    manager = services.users.trusted_actor("manager")
    window = MainWindow(services, manager, "Demo data")
    window.resize(*SIZE)
    window.show()
    settle(app, lambda: not window.is_loading())
    window.show_page(PAGE_REPORTS)
    page = window.reports_page
    settle(app, lambda: not page.is_loading())
    save(window, "reports-page")
    page.tabs.setCurrentIndex(1)
    settle(app)
    save(window, "reports-months")
    window.close()
    settle(app)


def _role_window(app, services, username: str, page: str | None = None):
    """The main window as the demo account ``username`` sees it once signed in (its own
    navigation, menus and first page), on ``page`` if given."""
    from plo_tracker.gui.main_window import MainWindow

    window = MainWindow(services, services.users.trusted_actor(username), "Demo data")
    window.resize(*SIZE)
    window.show()
    settle(app, lambda: not window.is_loading())
    if page is not None:
        window.show_page(page)
        settle(app)
    return window


def _sign_in_pictures(app, services) -> None:
    """Signing in as the demo social worker with a wrong password: the message under it."""
    from plo_tracker.gui.sign_in_dialog import SignInDialog

    sign_in = SignInDialog(services, "socialworker")
    sign_in.resize(460, 380)
    sign_in.show()
    sign_in.password.setText("not my password")
    sign_in.accept()  # refused: the dialog stays open and says why
    settle(app)
    save(sign_in, "sign-in-password")
    sign_in.done(0)
    sign_in.deleteLater()


def _role_pictures(app, services, family_id: int) -> None:
    """Each role's first view, signed in as its demo account: the team manager's My work,
    the panel member's Panel page, the administrator's Families with every menu, and a
    family as the read-only role sees it (nothing to record)."""
    from plo_tracker.gui.main_window import PAGE_FAMILIES, PAGE_PANEL

    window = _role_window(app, services, "manager")
    save(window, "role-team-manager")
    window.close()
    window = _role_window(app, services, "panel", PAGE_PANEL)
    settle(app, lambda: not window.panel_page.is_loading())
    save(window, "role-panel-member")
    window.close()
    window = _role_window(app, services, "admin", PAGE_FAMILIES)
    save(window, "role-administrator")
    window.close()
    window = _role_window(app, services, "readonly")
    workspace = window.open_family(family_id)
    settle(app, lambda: not workspace.is_loading())
    save(window, "role-read-only")
    window.close()
    settle(app)


def _admin_pictures(app, services) -> None:
    """The administrator's windows: accounts, letter templates, letterhead and solicitors,
    records past retention, and the audit log (as the auditor, read only, sees it too);
    then the idle lock over the social worker's window."""
    from plo_tracker import paths
    from plo_tracker.gui.accounts_dialog import AccountsDialog
    from plo_tracker.gui.audit_viewer import AuditLogDialog
    from plo_tracker.gui.idle_lock import IdleLock
    from plo_tracker.gui.letters.letterhead_dialog import LetterheadDialog
    from plo_tracker.gui.letters.template_editor import TemplateEditorDialog
    from plo_tracker.gui.retention_dialog import RetentionDialog

    admin = services.users.trusted_actor("admin")
    accounts = AccountsDialog(services, admin)
    accounts.choose("worker03")
    accounts.show()
    settle(app)
    save(accounts, "accounts")
    accounts.done(0)

    editor = TemplateEditorDialog(services, admin)
    shown: list[bool] = []
    editor.preview_shown.connect(lambda: shown.append(True))
    editor.show()
    settle(app, lambda: bool(shown), rounds=600)
    save(editor, "template-editor")
    shown.clear()
    editor.set_letter_type(editor.chosen_type(), easy=True)  # the Easy Read letter
    settle(app, lambda: bool(shown), rounds=600)
    save(editor, "template-editor-easy-read")
    editor.done(0)

    letterhead = LetterheadDialog(services, admin)
    letterhead.resize(760, 720)
    loaded: list[bool] = []
    letterhead.loaded.connect(lambda: loaded.append(True))
    letterhead.show()
    settle(app, lambda: bool(loaded))
    save(letterhead, "letterhead")
    letterhead.done(0)

    retention = RetentionDialog(services, admin, services.context.backups or paths.backups_dir())
    retention.resize(900, 200)
    retention.show()
    settle(app)
    save(retention, "retention")
    retention.done(0)

    audit = AuditLogDialog(services, services.users.trusted_actor("readonly"))
    audit.resize(1100, 600)
    audit.show()
    settle(app, lambda: not audit.is_loading())
    save(audit, "audit-log")
    audit.done(0)

    window = _role_window(app, services, "socialworker")
    lock = IdleLock(services, window.actor, 15 * 60, parent=window)
    lock.lock()
    settle(app)
    save(lock.dialog, "idle-lock")
    lock.stop()
    window.close()
    settle(app)


def _first_account_picture(app) -> None:
    """The first start on a new, empty database: the first administrator's account."""
    from plo_tracker.gui.first_account_dialog import FirstAccountDialog

    folder = Path(tempfile.mkdtemp(prefix="plo-shots-new-"))
    services = open_services(choose_location(str(folder / "new.sqlite3"), demo=False),
                             FixedClock(TODAY))
    first = FirstAccountDialog(services)
    first.show()
    settle(app)
    save(first, "first-account")
    first.done(0)
    services.context.database.dispose()


def _letter_type(summary):
    from plo_tracker.domain.letter_types import LetterType

    return LetterType.LBP_UNBORN if summary.has_unborn else LetterType.LBP


if __name__ == "__main__":
    sys.exit(main())

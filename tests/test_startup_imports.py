"""What loads at start-up: the rule that heavy libraries load on first use, kept from slipping.

Each check runs in a fresh interpreter and reads its sys.modules, so nothing this test
process has already imported can hide an import. Nothing here is timed; the figures are
benchmarks/bench_startup.py's.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QDialog

from plo_tracker.domain.vocabulary import Role
from plo_tracker.gui.forms.actions import build_dialog
from plo_tracker.gui.main_window import MainWindow
from plo_tracker.services.actor import SYSTEM
from plo_tracker.services.demo_data import DemoDataService
from plo_tracker.services.users import NewUser
from plo_tracker.storage import schema
from tests.support import open_test_database

ROOT = Path(__file__).resolve().parents[1]

DATABASE = {"sqlalchemy", "alembic"}
DOCUMENTS = {"reportlab", "pikepdf", "jinja2"}
# The window's first use of holidays is the first working-day sum; Faker is the demo's.
LATER = {"holidays", "faker"}
QT = {"PySide6"}

_REPORT = """
import json, sys
loaded = sorted({name.split(".")[0] for name in sys.modules}
                | {name for name in sys.modules
                   if name.startswith(("PySide6.", "plo_tracker.services."))})
print("\\nLOADED " + json.dumps(loaded))
"""


def loaded_after(code: str, env: dict[str, str] | None = None) -> set[str]:
    """Top-level packages (and PySide6 modules and our services) in sys.modules after ``code``
    in a new Python."""
    run_env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **(env or {}))
    run_env["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])
    done = subprocess.run([sys.executable, "-c", code + _REPORT], cwd=ROOT, env=run_env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    line = done.stdout.rsplit("\nLOADED ", 1)[1]
    return set(json.loads(line))


@pytest.mark.parametrize("option", ["--version", "--help"])
def test_version_and_help_load_no_database_qt_or_documents(option):
    loaded = loaded_after(f"""
import contextlib, io
from plo_tracker import cli
with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
    cli.main([{option!r}])
""")
    assert loaded & (QT | DATABASE | DOCUMENTS | LATER) == set()


def test_the_main_window_module_loads_no_documents_alembic_or_holidays():
    loaded = loaded_after("import plo_tracker.gui.main_window")
    assert loaded & (DOCUMENTS | LATER | {"alembic", "PySide6.QtPdf"}) == set()


def test_a_familys_workspace_and_its_actions_load_no_letter_code():
    loaded = loaded_after("import plo_tracker.gui.case_workspace, plo_tracker.gui.forms.actions")
    assert loaded & (DOCUMENTS | {"PySide6.QtPdf"}) == set()


@pytest.fixture
def current_database(tmp_path) -> str:
    """A database at the current schema, with templates and two accounts: a usual start."""
    services = open_test_database(tmp_path, "start")
    admin = services.users.create(SYSTEM, NewUser("admin", "Alex Byrne", Role.ADMINISTRATOR,
                                                  None))
    services.users.create(services.users.trusted_actor(admin.username),
                          NewUser("sam", "Sam Okafor", Role.SOCIAL_WORKER, "North"))
    services.context.database.dispose()
    return services.context.database.engine.url.render_as_string(hide_password=False)


def test_the_real_start_to_the_sign_in_list_loads_only_what_it_shows(current_database, tmp_path):
    """Opened as the app opens it, with the sign-in list built: SQLAlchemy and Qt only."""
    loaded = loaded_after(f"""
from pathlib import Path
from plo_tracker import app
from plo_tracker.gui import application
from plo_tracker.gui.sign_in_dialog import SignInDialog
from plo_tracker.session import open_database
qt = application.start_qt()
services = open_database({current_database!r}, Path({str(tmp_path / "backups")!r}))
dialog = SignInDialog(services)
assert dialog.accounts.count() == 2
services.context.database.dispose()
""")
    assert "sqlalchemy" in loaded and "PySide6.QtWidgets" in loaded
    assert loaded & (DOCUMENTS | LATER | {"alembic", "PySide6.QtPdf"}) == set()
    # Each service is made when first asked for: the case, letter and export code waits.
    unused = {f"plo_tracker.services.{name}" for name in (
        "case_detail", "letters", "milestones", "families", "people", "plan", "exports")}
    assert loaded & unused == set()


def test_the_start_measuring_hook_ends_the_real_start_at_the_sign_in_list(
        current_database, tmp_path):
    """benchmarks/bench_startup.py times this run; without the hook it would wait for a user."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PLO_TRACKER_MEASURE_START="1",
               PLO_TRACKER_HOME=str(tmp_path / "home"))
    env.pop("PLO_TRACKER_USER", None)
    done = subprocess.run([sys.executable, "-m", "plo_tracker", "--db", current_database],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr


def test_revision_ids_read_without_alembic_are_alembics_own():
    assert schema.head_revision() == schema._alembic_head()
    assert schema._known_revisions() == schema._alembic_revisions()


# What follows the revision lines in a test-only migration: it changes nothing.
_NO_CHANGE = """branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
"""


@pytest.fixture
def migrations(tmp_path, monkeypatch):
    """A copy of the app's migrations, in use for this test, to add test-only files to."""
    copy = tmp_path / "migrations"
    shutil.copytree(schema._MIGRATIONS, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(schema, "_MIGRATIONS", copy)
    return copy / "versions"


def test_revisions_read_from_a_branch_and_a_merge_agree_with_alembic(migrations):
    head = schema.head_revision()
    (migrations / "0005_side.py").write_text(
        '"""A branch from the first revision."""\n\nrevision = "0005side"\n'
        'down_revision = "0001"\n' + _NO_CHANGE, encoding="utf-8")
    (migrations / "0006_merge.py").write_text(
        f'"""A merge.\n\nRevision ID: 0006merge\nRevises: 0005side, {head}\n"""\n\n'
        'revision: str = "0006merge"\n'
        f'down_revision: tuple[str, ...] | None = ("0005side", "{head}")  # both\n'
        + _NO_CHANGE, encoding="utf-8")
    assert schema._revision_links() is not None  # read from the text, not handed to Alembic
    assert schema.head_revision() == schema._alembic_head() == "0006merge"
    assert schema._known_revisions() == schema._alembic_revisions()


def test_a_migration_not_in_the_plain_shape_is_left_to_alembic(migrations):
    head = schema.head_revision()
    (migrations / "0099_computed.py").write_text(
        f'revision = "00" + "99"\ndown_revision = "{head}"\n' + _NO_CHANGE, encoding="utf-8")
    assert schema._revision_links() is None
    assert schema.head_revision() == "0099"
    assert "0099" in schema._known_revisions()


def test_the_letters_dialogs_imported_on_first_use_still_open(qtbot, tmp_path, monkeypatch):
    """The menu items and the Write letters action import their dialogs when chosen."""
    services = open_test_database(tmp_path, "letters")
    DemoDataService(services.context).make_demo_database(3, seed=1)
    admin = services.users.trusted_actor("admin")
    shown: list[str] = []
    monkeypatch.setattr(QDialog, "exec", lambda dialog: shown.append(type(dialog).__name__))
    window = MainWindow(services, admin, "Demo data")
    qtbot.addWidget(window)
    window.open_batch_letters()
    window.open_template_editor()
    window.open_letterhead()
    family_id = services.caseload.families(admin)[0].family_id
    letters = build_dialog("write_letters", window, services, admin,
                           services.case_detail.family(admin, family_id))
    letters.exec()
    assert shown == ["BatchLettersDialog", "TemplateEditorDialog", "LetterheadDialog",
                     "_WriteLettersDialog"]
    assert letters.saved is None
    qtbot.waitUntil(lambda: not window.is_loading(), timeout=10_000)
    QThreadPool.globalInstance().waitForDone()
    services.context.database.dispose()

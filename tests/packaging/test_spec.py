"""The PyInstaller spec ships what the app reads by path, and the app loads nothing by name
that the spec does not list (PyInstaller would leave such a module out, unseen)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import plo_tracker.storage.schema
from plo_tracker.documents.resources import resources_dir, user_guide_dir

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "plo-tracker.spec"
PACKAGE = ROOT / "plo_tracker"
MIGRATIONS = PACKAGE / "storage" / "migrations"

# What loads a module by name, out of sight of PyInstaller's import scanner: these modules,
# and calls of these names.
BY_NAME_MODULES = {"importlib", "importlib.metadata", "importlib.resources", "importlib.util",
                   "pkgutil", "runpy", "pkg_resources"}
BY_NAME_CALLS = {"__import__", "exec", "eval", "import_module", "entry_points",
                 "spec_from_file_location", "run_path", "run_module", "iter_modules"}

# Each place in plo_tracker that does, and the spec entry that covers it.
LOADED_BY_NAME: dict[str, str] = {
    # find_spec("PySide6") only finds the folder of a package every window imports anyway
    # (the spec collects it through its imports); nothing is loaded by it.
    "plo_tracker/gui/qt_preflight.py": "PySide6",
}


def _spec_datas() -> list[tuple[Path, str]]:
    """The spec's first ``datas = [...]`` list, evaluated with the spec's ROOT."""
    tree = ast.parse(SPEC.read_text())
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "datas":
            found = eval(compile(ast.Expression(node.value), str(SPEC), "eval"),  # noqa: S307
                         {"ROOT": ROOT, "str": str})
            return [(Path(source), dest) for source, dest in found]
    raise AssertionError("the spec has no datas list")


def _spec_hidden_imports() -> set[str]:
    tree = ast.parse(SPEC.read_text())
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == \
                "hiddenimports":
            return set(ast.literal_eval(node.value))
    raise AssertionError("the spec has no hiddenimports list")


def _frozen_location(source: Path) -> str:
    """Where a file of the checkout sits in the frozen app, per the spec's data list."""
    for folder, dest in _spec_datas():
        if source == folder or folder in source.parents:
            return (Path(dest) / source.relative_to(folder)).as_posix()
    raise AssertionError(f"{source.relative_to(ROOT)} is not in the spec's data list")


def test_the_whole_resources_folder_ships_where_the_app_looks_for_it() -> None:
    # documents/resources.py looks beside plo_tracker/ or inside it.
    assert _frozen_location(resources_dir()) in ("resources", "plo_tracker/resources")
    for file in (ROOT / "resources").rglob("*"):
        _frozen_location(file)


def test_the_user_guide_ships_where_help_looks_for_it() -> None:
    # documents/resources.py looks in plo_tracker/guide first (installed or frozen).
    assert _frozen_location(user_guide_dir()) == "plo_tracker/guide"
    for page in user_guide_dir().glob("*.md"):
        assert _frozen_location(page) == f"plo_tracker/guide/{page.name}"


def test_the_migrations_ship_as_files_where_alembic_is_pointed() -> None:
    where = Path(plo_tracker.storage.schema.__file__).parent / "migrations"
    assert where == MIGRATIONS
    assert _frozen_location(MIGRATIONS) == "plo_tracker/storage/migrations"
    for migration in (MIGRATIONS / "versions").glob("*.py"):
        assert _frozen_location(migration).startswith("plo_tracker/storage/migrations/versions")


def _imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


@pytest.mark.parametrize("migration", sorted(MIGRATIONS.rglob("*.py")), ids=lambda p: p.name)
def test_what_a_migration_imports_is_in_the_spec(migration: Path) -> None:
    # Alembic runs these files by path, so PyInstaller never sees their imports.
    hidden = _spec_hidden_imports()
    for module in _imported_modules(migration):
        if module.startswith("plo_tracker") or module.startswith("alembic"):
            assert module in hidden or f"{module}.op" in hidden or module == "alembic", (
                f"{migration.name} imports {module}: add it to the spec's hiddenimports")


def _loads_by_name(path: Path, base: Path = ROOT) -> dict[str, str]:
    """Each line of a file that imports a by-name loader or calls one."""
    found = {}
    lines = path.read_text().splitlines()
    for node in ast.walk(ast.parse("\n".join(lines))):
        hit = False
        if isinstance(node, ast.Import):
            hit = any(alias.name in BY_NAME_MODULES for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            hit = node.module in BY_NAME_MODULES or (
                node.module == "importlib" and node.level == 0)
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            # A Qt dialog's .exec() runs it; only the built-in exec() runs code.
            hit = name in BY_NAME_CALLS and not (name == "exec" and
                                                  isinstance(func, ast.Attribute))
        if hit:
            where = f"{path.relative_to(base).as_posix()}:{node.lineno}"
            found[where] = lines[node.lineno - 1].strip()
    return found


def test_the_app_loads_no_module_by_name_that_the_spec_does_not_cover() -> None:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        if MIGRATIONS not in path.parents:  # run by Alembic by path: covered above
            found.update(_loads_by_name(path))
    unlisted = {where: line for where, line in found.items()
                if not any(where.startswith(place) for place in LOADED_BY_NAME)}
    assert unlisted == {}, (
        "these load code by name: list each in LOADED_BY_NAME with the spec entry covering it")
    spec = SPEC.read_text()
    for entry in LOADED_BY_NAME.values():
        assert entry in spec


def test_the_check_finds_a_module_loaded_by_name(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("import importlib\nx = importlib.import_module('json')\ndialog.exec()\n")
    assert set(_loads_by_name(sample, tmp_path)) == {"sample.py:1", "sample.py:2"}

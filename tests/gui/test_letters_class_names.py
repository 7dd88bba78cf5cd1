"""Each class in the window's code has a name of its own, so a search by name finds one class.

The letters dialogs once shared their names with the forms' (two LetterDialog, two NoteDialog).
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import plo_tracker.gui

GUI = Path(plo_tracker.gui.__file__).parent


def test_no_two_classes_in_the_gui_share_a_name():
    where: dict[str, list[str]] = defaultdict(list)
    for path in sorted(GUI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                where[node.name].append(path.relative_to(GUI).as_posix())
    shared = {name: paths for name, paths in where.items() if len(paths) > 1}
    assert shared == {}

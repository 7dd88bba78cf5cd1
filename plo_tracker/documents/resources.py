"""Finds the folders shipped with the app: resources (letter templates, fonts, icons) and the
user guide."""

from __future__ import annotations

from pathlib import Path

import plo_tracker


def _shipped(places: tuple[str, ...], wanted: str, missing: str) -> Path:
    """The first of ``places`` (relative to the folder holding plo_tracker/) that holds
    ``wanted``. Found from ``plo_tracker/__file__``, never the current directory, so it works
    from a source checkout, an installed wheel and a frozen app alike.

    Raises:
        FileNotFoundError: with ``missing`` when the app was installed without it.
    """
    root = Path(plo_tracker.__file__).resolve().parent.parent
    for place in places:
        if (root / place / wanted).exists():
            return root / place
    raise FileNotFoundError(missing)


def resources_dir() -> Path:
    """Return the ``resources`` folder: the top-level one of a source checkout, or
    ``plo_tracker/resources`` of an installed or frozen app.

    Raises:
        FileNotFoundError: when the app was installed without its resources.
    """
    return _shipped(("resources", "plo_tracker/resources"), "letters",
                    "The app's resources folder (letter templates and fonts) is missing. "
                    "Please reinstall PLO Tracker.")


def resource_path(*parts: str) -> Path:
    """Return the path of a file inside the resources folder, e.g. ``("fonts", "x.ttf")``."""
    return resources_dir().joinpath(*parts)


def user_guide_dir() -> Path:
    """Return the user guide's folder (its pages in Markdown, with their pictures).

    The guide is written once, in ``docs/user-guide`` of the source; an installed or frozen
    app carries the same folder as ``plo_tracker/guide``, so Help shows the pages that were
    tested with this version.

    Raises:
        FileNotFoundError: when the app was installed without its guide.
    """
    return _shipped(("plo_tracker/guide", "docs/user-guide"), "README.md",
                    "The user guide is missing from this installation. "
                    "Please reinstall PLO Tracker.")

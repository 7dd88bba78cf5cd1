"""Finds the resources folder (letter templates, fonts) shipped with the app."""

from __future__ import annotations

from pathlib import Path

import plo_tracker


def resources_dir() -> Path:
    """Return the top-level ``resources`` folder that sits next to the package.

    The folder is found relative to ``plo_tracker/__file__`` so it works from a
    source checkout, an installed wheel and a frozen app alike, without reading
    the current directory.

    Raises:
        FileNotFoundError: when the app was installed without its resources.
    """
    package_dir = Path(plo_tracker.__file__).resolve().parent
    for candidate in (package_dir.parent / "resources", package_dir / "resources"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        "The app's resources folder (letter templates and fonts) is missing. "
        "Please reinstall PLO Tracker."
    )


def resource_path(*parts: str) -> Path:
    """Return the path of a file inside the resources folder, e.g. ``("fonts", "x.ttf")``."""
    return resources_dir().joinpath(*parts)

"""The panel's papers as PDFs: a summary sheet per family, the agenda pack, the minutes and
each family's decision letter; every one saved is audited."""

from __future__ import annotations

from .panel_base import PanelBase


class PrintsMixin(PanelBase):
    """The panel's PDFs (RUN_PANEL)."""

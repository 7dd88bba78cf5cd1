"""Every check of `plo-tracker --self-test`, in the order they run, and what each needs."""

from __future__ import annotations

from . import (
    bundle,
    dates,
    letters,
    readability,
    returns_and_panel,
    store,
    team_server,
    tools,
    window,
)
from .runner import Check

DATABASE = "database"
FIRST_ADMIN = "first administrator"
FAMILIES = "synthetic families"
LETTER = "letter"
WINDOW = "window"

CHECKS: tuple[Check, ...] = (
    Check(DATABASE, store.new_database),
    Check(FIRST_ADMIN, store.first_administrator, needs=(DATABASE,)),
    Check(FAMILIES, store.demo_families),
    Check("database check", store.database_check, needs=(DATABASE, FAMILIES)),
    Check("bank holidays", dates.bank_holidays),
    Check(LETTER, letters.letter, needs=(FAMILIES,)),
    Check("letter batch", letters.letter_batch, needs=(LETTER,)),
    Check("Easy Read letter", letters.easy_read_letter, needs=(LETTER,)),
    Check("readability", readability.readability),
    Check("bundle", bundle.bundle, needs=(LETTER,)),
    Check("census", returns_and_panel.census, needs=(FAMILIES,)),
    Check("panel agenda pack", returns_and_panel.panel_pack, needs=(FAMILIES,)),
    Check("reports", returns_and_panel.reports, needs=(FAMILIES,)),
    Check(WINDOW, window.main_window, needs=(FAMILIES,)),
    Check("icons", window.icons, needs=(WINDOW,)),
    Check("PDF preview", window.pdf_preview, needs=(LETTER,)),
    Check("charts", window.charts),
    Check("user guide", window.user_guide),
    Check("team server driver", team_server.driver),
    Check("Tesseract", tools.tesseract),
    Check("LibreOffice", tools.libreoffice),
)

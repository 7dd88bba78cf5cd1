"""Where the app writes its log: one file in the data folder, for the window and the command line.

Messages never carry names or case details; a failure is logged as a safe report
(error_report.py), never with the exception's text.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from plo_tracker import paths
from plo_tracker.storage.files import private_file, private_folder

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure_logging() -> None:
    """Send the window's log records to the log file, creating its folder."""
    log_file = _private_log_file()
    logging.basicConfig(filename=log_file, level=logging.INFO, format=_FORMAT)


def log_failure(report: str) -> Path:
    """Add one failure report to the log file and return the file's path.

    A command runs once and exits, so this opens the file for the one record instead of
    configuring logging for the whole process.
    """
    log_file = _private_log_file()
    handler = logging.FileHandler(log_file, encoding="utf-8")
    handler.setFormatter(logging.Formatter(_FORMAT))
    logger = logging.getLogger("plo_tracker.failures")
    logger.propagate = False
    logger.addHandler(handler)
    try:
        logger.error("A command failed unexpectedly\n%s", report)
    finally:
        logger.removeHandler(handler)
        handler.close()
    return log_file


def _private_log_file() -> Path:
    """The log file, made (with its folder) readable by its owner only: even a safe report
    says which files and functions the app was in."""
    log_file = paths.log_file()
    private_folder(log_file.parent)
    os.close(os.open(log_file, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))
    private_file(log_file)  # a log made by an older version was 0644
    return log_file

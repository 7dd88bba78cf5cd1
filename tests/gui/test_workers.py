"""Background work: results and errors come back by signals, on the GUI thread."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThreadPool

from plo_tracker.gui.workers import BackgroundTask, run_in_background


def test_result_arrives_on_the_gui_thread(qtbot):
    gui_thread = threading.get_ident()
    ran_on: list[int] = []

    def work() -> int:
        ran_on.append(threading.get_ident())
        return 42

    heard: list[tuple[int, int]] = []
    task = BackgroundTask(work)
    task.succeeded.connect(lambda value: heard.append((value, threading.get_ident())))
    with qtbot.waitSignal(task.finished, timeout=5000):
        task.start()
    assert ran_on and ran_on[0] != gui_thread
    assert heard == [(42, gui_thread)]


def test_error_arrives_as_the_exception(qtbot):
    errors: list[BaseException] = []

    def work() -> None:
        raise LookupError("no such family")

    task = run_in_background(work, on_failure=errors.append)
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert len(errors) == 1 and isinstance(errors[0], LookupError)


def test_a_discarded_task_reports_nothing(qtbot):
    heard: list[object] = []
    task = BackgroundTask(lambda: "stale")
    task.succeeded.connect(heard.append)
    task.discard()
    task.start()
    newer = run_in_background(lambda: "fresh", on_success=heard.append)
    with qtbot.waitSignal(newer.finished, timeout=5000):
        pass
    qtbot.wait(10)  # queued results are in order; let the stale one's turn pass too
    assert heard == ["fresh"]


def test_named_tasks_keep_only_the_newest_call_of_a_name(qtbot):
    from plo_tracker.gui.workers import NamedTasks

    tasks = NamedTasks()
    heard: list[str] = []
    tasks.run("preview", lambda: "old", heard.append, heard.append)
    tasks.run("preview", lambda: "new", heard.append, heard.append)  # replaces the first
    tasks.run("check", lambda: "check", heard.append, heard.append)
    assert tasks.running("preview") and tasks.running()
    qtbot.waitUntil(lambda: not tasks.running(), timeout=5000)
    assert sorted(heard) == ["check", "new"]
    tasks.run("save", lambda: "saved", heard.append, heard.append)
    tasks.discard_all()
    assert not tasks.running()
    QThreadPool.globalInstance().waitForDone(5000)
    qtbot.wait(10)
    assert "saved" not in heard

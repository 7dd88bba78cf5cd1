"""Making many letters at once: in worker processes when there are enough to pay for it.

Drawing a PDF is pure Python and holds the interpreter, so a thread cannot speed a batch
up; a second process can. Workers are started fresh ("spawn"), never forked, because the
window that asks for a batch runs Qt threads that a fork would copy half-way.
"""

from __future__ import annotations

import os
from concurrent.futures import Executor, Future
from types import TracebackType
from typing import TYPE_CHECKING

# The services import this module when the window starts; worker processes, the letter's
# data and its PDF code load when letters are made.
if TYPE_CHECKING:
    from .letter_data import LetterContext

# Below this many letters, starting worker processes costs more than it saves.
PARALLEL_FROM = 24


class _Here(Executor):
    """Runs each letter at once in this process: for small batches and one-core machines."""

    def submit(self, fn, /, *args, **kwargs) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as error:  # noqa: BLE001 - handed back through the future
            future.set_exception(error)
        return future


class LetterRenderer:
    """Use as a context manager; ``submit`` returns a future of the letter's PDF bytes."""

    def __init__(self, expected_letters: int, parallel_from: int = PARALLEL_FROM) -> None:
        workers = min(os.cpu_count() or 1, 4)
        if expected_letters >= parallel_from and workers > 1:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            self._executor: Executor = ProcessPoolExecutor(
                max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
        else:
            self._executor = _Here()

    def submit(self, ctx: LetterContext, template_source: str,
               easy_read_source: str | None = None) -> Future:
        """Start one letter; with ``easy_read_source`` its Easy Read version follows it."""
        if easy_read_source is not None:
            from .easy_read_pdf import render_with_easy_read

            return self._executor.submit(render_with_easy_read, ctx, template_source,
                                         easy_read_source)
        from .letter_pdf import render_letter

        return self._executor.submit(render_letter, ctx, template_source)

    def __enter__(self) -> LetterRenderer:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        # On cancel or error, letters not yet started are dropped rather than made.
        self._executor.shutdown(wait=True, cancel_futures=kind is not None)

    def cancel(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)

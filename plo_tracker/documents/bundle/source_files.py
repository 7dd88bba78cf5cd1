"""Reading many documents with few open files.

pikepdf copies a page's content into the bundle only when the bundle is written, so
every document must stay readable until then. Opened from disk, that is one open file
per document, and a 400-document bundle nears Windows' limit of 512 files a process;
read into memory, a bundle of scans needs as much memory as all of them together. Each
document is read instead through a file that opens its handle when read and lets it go
when others need one: at most ``FilePool.size`` are open at a time, and writing the
bundle reads the documents in order, so handles are seldom reopened.
"""

from __future__ import annotations

import io
from collections import OrderedDict
from pathlib import Path
from typing import BinaryIO


class FilePool:
    """The handles open for one build, the least recently read closed first."""

    size = 16

    def __init__(self) -> None:
        self._open: OrderedDict[ReopeningFile, BinaryIO] = OrderedDict()

    def handle(self, file: ReopeningFile) -> BinaryIO:
        handle = self._open.get(file)
        if handle is None:
            while len(self._open) >= self.size:
                self._open.popitem(last=False)[1].close()
            handle = self._open[file] = file.path.open("rb")
        else:
            self._open.move_to_end(file)
        return handle

    def release(self, file: ReopeningFile) -> None:
        handle = self._open.pop(file, None)
        if handle is not None:
            handle.close()

    def close(self) -> None:
        while self._open:
            self._open.popitem()[1].close()


class ReopeningFile(io.RawIOBase):
    """A read-only file whose handle comes from a pool (and may be closed between reads)."""

    def __init__(self, path: Path, pool: FilePool) -> None:
        super().__init__()
        self.path = path
        self._pool = pool
        self._position = 0
        self._size = path.stat().st_size

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._position, io.SEEK_END: self._size}[whence]
        self._position = max(0, base + offset)
        return self._position

    def readinto(self, buffer: bytearray | memoryview) -> int:
        handle = self._pool.handle(self)
        handle.seek(self._position)
        count = handle.readinto(buffer)
        self._position += count
        return count

    def close(self) -> None:
        self._pool.release(self)
        super().close()

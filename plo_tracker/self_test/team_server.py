"""The team server's driver: psycopg and its libpq are shipped. Nothing is connected to."""

from __future__ import annotations

from .runner import CheckFailed
from .workspace import Workspace

# No server is asked: create_engine only builds the dialect and loads the driver.
URL = "postgresql+psycopg://u@localhost/x"


def driver(_workspace: Workspace) -> str:
    from sqlalchemy import create_engine

    try:
        engine = create_engine(URL)
    except ImportError:
        raise CheckFailed("The PostgreSQL driver (psycopg) is missing, so a team server "
                          "could not be used.") from None
    try:
        import psycopg

        libpq = psycopg.pq.version()
        return (f"{engine.dialect.name}+{engine.dialect.driver} ready (psycopg "
                f"{psycopg.__version__}, libpq {libpq // 10000}.{libpq % 10000}, "
                f"{psycopg.pq.__impl__}); nothing connected")
    finally:
        engine.dispose()

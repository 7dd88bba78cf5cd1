"""Units of work that read then write at the same time all succeed (no "database is locked")."""

from __future__ import annotations

import threading

from sqlalchemy import func, select

from plo_tracker.storage.models import DatabaseFact
from plo_tracker.storage.schema import prepare_database
from plo_tracker.storage.unit_of_work import Database
from tests.support.backends import database_url


def test_units_of_work_that_read_then_write_do_not_lock_each_other_out(tmp_path):
    database = Database(prepare_database(database_url(tmp_path, "db"), tmp_path))
    errors: list[BaseException] = []
    start = threading.Barrier(4)

    def work(worker: int) -> None:
        start.wait()
        for number in range(20):
            try:
                with database.unit_of_work() as session:
                    session.scalar(select(func.count(DatabaseFact.key)))  # read first...
                    session.add(DatabaseFact(key=f"w{worker}-{number}", value="x"))  # ...then write
            except BaseException as error:  # noqa: BLE001 - collected for the assertion
                errors.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with database.unit_of_work() as session:
        written = session.scalar(select(func.count(DatabaseFact.key)))
    database.dispose()
    assert errors == []
    assert written == 80

"""Connections are bounded: a burst of simultaneous requests in one process never holds more
PostgreSQL connections than its pool's size."""

import threading

import pytest
from django.conf import settings
from django.db import connection


@pytest.mark.django_db(transaction=True)
def test_a_burst_of_threads_shares_the_bounded_pool():
    if connection.vendor != "postgresql":
        pytest.skip("the connection pool is PostgreSQL's")
    pool = settings.DATABASES["default"]["OPTIONS"]["pool"]
    assert settings.DATABASES["default"]["CONN_MAX_AGE"] == 0
    limit = pool["max_size"]
    threads_count = 4 * limit
    barrier = threading.Barrier(threads_count)
    done: list[bool] = []
    seen: list[int] = []

    def burst() -> None:
        try:
            barrier.wait()
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*), pg_sleep(0.1) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND application_name = ''"
                )
                seen.append(cursor.fetchone()[0])
            done.append(True)
        finally:
            connection.close()  # back into the pool, as at the end of a request

    threads = [threading.Thread(target=burst) for _ in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(done) == threads_count  # every request got a connection
    assert max(seen) <= limit + 1  # this process's pool (and the test's own connection)

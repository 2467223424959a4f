"""Dashboard reads on a PostgreSQL read replica, when one is configured (DATABASE_REPLICA_URL).

Only what is wrapped in `dashboard_reads()` (the dashboard views, through `@reads_from_replica`) reads
from the replica; every write, everything inside a transaction and every other page use the primary,
so a person never misses their own change on the page that follows it. A dashboard may show what the
replica has received (normally well under a second behind); the snapshots it reads change only when a
report is approved or at the nightly refresh. Without a replica alias the router says nothing and
Django uses the primary, as before.
"""

import contextvars
import functools
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"
_dashboard = contextvars.ContextVar("thidua_dashboard_reads", default=False)


@contextmanager
def dashboard_reads() -> Iterator[None]:
    token = _dashboard.set(True)
    try:
        yield
    finally:
        _dashboard.reset(token)


def reads_from_replica(view):
    """A read-only dashboard view: its queries go to the replica when there is one."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        with dashboard_reads():
            return view(request, *args, **kwargs)

    return wrapped


class ReplicaRouter:
    """settings.DATABASE_ROUTERS: the replica for dashboard reads, the primary for everything else."""

    def db_for_read(self, model, **hints):
        if not _dashboard.get() or REPLICA not in settings.DATABASES:
            return None
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return None  # inside a transaction: read what it wrote
        return REPLICA

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the same rows, whichever server they were read from

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db != REPLICA  # the replica follows the primary; it is never migrated itself

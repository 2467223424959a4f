"""What the pages compute from an organization's data, cached until that organization's data changes.

Each organization has a version in the cache. Every row saved or deleted that belongs to an
organization (it has `organization_id`, or a `plan` that has one) replaces the version once the
transaction commits (and once at once), and the nightly refresh replaces all of them; cached values are
keyed by the version, so a new report, a sent one or an approval shows on the very next page, and the
old entries simply expire. The version is replaced again after the commit: a page read meanwhile
cannot keep the old rows under the current version.

Writes that bypass signals (QuerySet.update(), bulk_create) must call `changed()` themselves.

The cache is Django's (CACHE_URL): it must be one cache shared by every worker and every server, or
a change made through one worker would not reach another's pages. The default is a folder under
THIDUA_DATA_DIR (shared by the workers of one machine); several servers point CACHE_URL at Redis or
at the database cache (docs/scaling.md). PAGE_CACHE_SECONDS=0 switches the page cache off.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "thidua:org-version:{}"
MISSING = object()


def _new_version() -> str:
    # Never a value seen before, even after the cache lost the key: a stale entry cannot come back.
    return format(time.time_ns(), "x")


def versions(organization_ids: Iterable[int]) -> str:
    """The current versions of these organizations, as one string for a cache key."""
    ids = sorted(set(organization_ids))
    keys = [VERSION_KEY.format(pk) for pk in ids]
    found = cache.get_many(keys)
    missing = {key: _new_version() for key in keys if key not in found}
    if missing:
        for key, value in missing.items():
            cache.add(key, value, timeout=None)
        found |= cache.get_many(list(missing))
    return ".".join(f"{pk}-{found.get(key, '0')}" for pk, key in zip(ids, keys, strict=True))


def changed(organization_id: int | None) -> None:
    """The organization's data changed: its cached pages are stale once this transaction commits."""
    if organization_id is None:
        return
    key = VERSION_KEY.format(organization_id)
    # Now, for the rest of this transaction (and for tests, which never commit), and again after the
    # commit: a page read in between may have stored the old rows under the first new version.
    cache.set(key, _new_version(), timeout=None)
    transaction.on_commit(lambda: cache.set(key, _new_version(), timeout=None))


def changed_all() -> None:
    """Every organization's data may have changed (the nightly refresh): all cached pages are stale."""
    from thidua.org.models import Organization

    ids = list(Organization.objects.values_list("pk", flat=True))
    for pk in ids:
        changed(pk)


def cached(name: str, organization_ids: Iterable[int], compute: Callable[[], Any], *parts: Any) -> Any:
    """compute(), or its value cached under `name`, `parts` and the organizations' versions."""
    seconds = settings.PAGE_CACHE_SECONDS
    if seconds <= 0:
        return compute()
    key = ":".join(["thidua:page", name, versions(organization_ids), *(str(part) for part in parts)])
    value = cache.get(key, MISSING)
    if value is MISSING:
        value = compute()
        cache.set(key, value, timeout=seconds)
    return value


def fragment_key(organization_ids: Iterable[int]) -> str:
    """For `{% cache %}` in templates: the organizations' versions, or a fresh value when caching is off."""
    if settings.PAGE_CACHE_SECONDS <= 0:
        return _new_version()
    return versions(organization_ids)

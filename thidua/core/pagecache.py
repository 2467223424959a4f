"""What the pages compute from an organization's data, cached until the part of it they read changes.

An organization's rows fall into a few topics (`TOPIC_OF`): its reports, its standing (the progress
snapshots), the messages it sends (notifications), and the rest (plans, targets, assignments, units,
tasks…). Each (organization, topic) has a version in the cache. Every row saved or deleted that
belongs to an organization (it has `organization_id`, or a `plan` that has one) replaces the version
of its topic once the transaction commits (and once at once), and the nightly refresh replaces all of
them; cached values are keyed by the versions of the topics they read, so a new report, a sent one or
an approval shows on the very next page, and the old entries simply expire. On deadline day units
save reports every few seconds: a page that caches what comes from the plans and the standing, and
reads the few report rows it shows live, keeps its cache through them (an approval moves the standing,
which is its own topic). The version is replaced again after the commit: a page read meanwhile cannot
keep the old rows under the current version.

A report saved or deleted also replaces its unit's own version (`unit_reports_changed`): what a unit's
page and its people's calendar read of the reports is keyed by that (`cached(..., units=...)`), so one
unit sending does not make every other unit's pages miss.

Writes that bypass signals (QuerySet.update(), bulk_create) must call `changed()` themselves: for the
reports it replaces every unit's version at once.

The cache is Django's (CACHE_URL): it must be one cache shared by every worker and every server, or
a change made through one worker would not reach another's pages. The default is a folder under
THIDUA_DATA_DIR (shared by the workers of one machine); several servers point CACHE_URL at Redis or
at the database cache (docs/scaling.md). PAGE_CACHE_SECONDS=0 switches the page cache off.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

REPORTS, STANDING, MESSAGES, REST = "reports", "standing", "messages", "rest"
TOPICS = (REPORTS, STANDING, MESSAGES, REST)
# A model's topic by its label (lower case); any model not named is in REST. A page that reads a
# model must name its topic: a topic left out is a page that stays stale.
TOPIC_OF = {
    "tracking.report": REPORTS,
    "tracking.evidence": REPORTS,
    "tracking.progresssnapshot": STANDING,
    "notifications.notification": MESSAGES,
    "notifications.reminderdelivery": MESSAGES,
}
VERSION_KEY = "thidua:org-version:{}:{}"
# A unit's own reports: what its pages and its people's calendar read of them (see unit_reports_changed).
UNIT_REPORTS_KEY = "thidua:unit-reports:{}"
# Replaced whenever the organization's reports change otherwise than through one report's signals
# (bulk writes call changed()): every unit's reports are then stale at once.
ALL_UNITS = "all-units-reports"
MISSING = object()


def _new_version() -> str:
    # Never a value seen before, even after the cache lost the key: a stale entry cannot come back.
    return format(time.time_ns(), "x")


def topic_of(label: str) -> str:
    return TOPIC_OF.get(label.lower(), REST)


def versions(organization_ids: Iterable[int], topics: Iterable[str] = TOPICS) -> str:
    """The current versions of these organizations' topics, as one string for a cache key."""
    pairs = [(pk, topic) for pk in sorted(set(organization_ids)) for topic in sorted(set(topics))]
    keys = [VERSION_KEY.format(pk, topic) for pk, topic in pairs]
    found = cache.get_many(keys)
    missing = {key: _new_version() for key in keys if key not in found}
    if missing:
        for key, value in missing.items():
            cache.add(key, value, timeout=None)
        found |= cache.get_many(list(missing))
    named = zip(pairs, keys, strict=True)
    return ".".join(f"{pk}{topic[0]}-{found.get(key, '0')}" for (pk, topic), key in named)


def changed(organization_id: int | None, topic: str | None = None) -> None:
    """The organization's data of `topic` (every topic when None) changed: the cached pages that read it
    are stale once this transaction commits."""
    if organization_id is None:
        return
    names = [topic] if topic else TOPICS
    if REPORTS in names:
        names = [*names, ALL_UNITS]
    replace_versions([VERSION_KEY.format(organization_id, name) for name in names])


def unit_reports_changed(organization_id: int | None, unit_id: int | None) -> None:
    """One report of this unit was saved or deleted: the organization's reports changed, and of its units'
    own reports only this one's. On deadline day the agency's reports change every few seconds; each
    unit's, only when that unit sends."""
    if unit_id is None:
        changed(organization_id, REPORTS)
        return
    if organization_id is not None:
        replace_versions([VERSION_KEY.format(organization_id, REPORTS), UNIT_REPORTS_KEY.format(unit_id)])


def unit_versions(organization_id: int, unit_ids: Iterable[int]) -> str:
    """The versions of these units' own reports (and of the organization's bulk changes), for a key."""
    keys = [VERSION_KEY.format(organization_id, ALL_UNITS)]
    keys += [UNIT_REPORTS_KEY.format(pk) for pk in sorted(set(unit_ids))]
    found = cache.get_many(keys)
    return ".".join(current_version(key, found) for key in keys)


def replace_versions(keys: list[str]) -> None:
    """New values for these version keys, now and once the transaction commits."""
    if not keys:
        return

    def replace() -> None:
        cache.set_many({key: _new_version() for key in keys}, timeout=None)

    # Now, for the rest of this transaction (and for tests, which never commit), and again after the
    # commit: a page read in between may have stored the old rows under the first new version.
    replace()
    transaction.on_commit(replace)


def current_version(key: str, found: dict[str, Any]) -> str:
    """The version under `key` as read in `found` (a get_many), made now if the cache has none."""
    if key in found:
        return found[key]
    cache.add(key, _new_version(), timeout=None)
    return cache.get(key, "0")


def changed_all() -> None:
    """Every organization's data may have changed (the nightly refresh): all cached pages are stale."""
    from thidua.org.models import Organization

    ids = list(Organization.objects.values_list("pk", flat=True))
    for pk in ids:
        changed(pk)


def cached(
    name: str,
    organization_ids: Iterable[int],
    compute: Callable[[], Any],
    *parts: Any,
    topics: Iterable[str] = TOPICS,
    units: Iterable[int] = (),
) -> Any:
    """compute(), or its value cached under `name`, `parts` and the versions of the organizations'
    `topics` (those compute() reads; by default all). With `units` (of the one organization), what
    compute() reads of the reports is only these units' own: keyed by their versions rather than the
    organization's REPORTS."""
    seconds = settings.PAGE_CACHE_SECONDS
    if seconds <= 0:
        return compute()
    organization_ids = list(organization_ids)
    units = list(units)
    scope = versions(organization_ids, topics)
    if units:
        (organization_id,) = organization_ids
        scope += ":" + unit_versions(organization_id, units)
    key = ":".join(["thidua:page", name, scope, *(str(part) for part in parts)])
    value = cache.get(key, MISSING)
    if value is MISSING:
        value = compute()
        cache.set(key, value, timeout=seconds)
    return value


def fragment_key(organization_ids: Iterable[int], topics: Iterable[str] = TOPICS) -> str:
    """For `{% cache %}` in templates: the versions of the organizations' topics the fragment shows, or
    a fresh value when caching is off."""
    if settings.PAGE_CACHE_SECONDS <= 0:
        return _new_version()
    return versions(organization_ids, topics)


def content_key(rows: Any) -> str:
    """For `{% cache %}` around what a page renders from `rows`: a digest of their content (their repr:
    every field a dataclass or tuple of plain values holds), so the fragment is rendered again exactly
    when what it shows changes, whatever changed it. A fresh value when caching is off."""
    if settings.PAGE_CACHE_SECONDS <= 0:
        return _new_version()
    return hashlib.blake2b(repr(rows).encode(), digest_size=16).hexdigest()

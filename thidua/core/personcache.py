"""What every page reads about the signed-in person, cached until it changes: who they are (their row
with their unit, agency and roles) and the bell's unread count. Without it each page spends a few
queries on them before doing its own work.

Each person has a version per topic: ACCOUNT (their row and their roles: Membership rows) and BELL
(the notifications sent to them). Saving or deleting such a row replaces the version (signals in
core.apps; writes that bypass signals, QuerySet.update() and bulk_create, call `changed()` themselves),
now and once the transaction commits, as the page cache does (core.pagecache). A value is kept with
the versions it was computed under, read before computing it, and used only while they are current: a
role granted, a person deactivated or a new notification shows on the very next request. The person's
row also carries their unit and agency, so it is checked against the agency's REST version as well
(a unit renamed shows at once). PAGE_CACHE_SECONDS=0 switches this cache off too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.cache import cache

from thidua.core import pagecache

ACCOUNT, BELL = "account", "bell"
VERSION_KEY = "thidua:person-version:{}:{}"
VALUE_KEY = "thidua:person:{}:{}"
# What each topic is made of, by model label: the field naming the person.
PERSON_OF = {
    "org.User": ("pk", ACCOUNT),
    "org.Membership": ("user_id", ACCOUNT),
    "notifications.Notification": ("recipient_id", BELL),
    "awards.AwardCouncilMember": ("user_id", ACCOUNT),  # the menu offers the council's ballot
}


def changed(user_ids: Iterable[int | None], topic: str) -> None:
    """What these people's pages show of `topic` changed: their cached values are stale."""
    pagecache.replace_versions([VERSION_KEY.format(pk, topic) for pk in set(user_ids) if pk is not None])


def row_changed(instance: Any) -> None:
    """A row was saved or deleted: if it is part of what a person's pages show of them, they changed."""
    named = PERSON_OF.get(instance._meta.concrete_model._meta.label)  # proxies too
    if named is not None:
        field, topic = named
        changed([getattr(instance, field)], topic)


def _read(user_id: int, topic: str, name: str) -> tuple[str, Any]:
    """The person's current version of `topic` and what is stored under `name` (None if nothing)."""
    version_key, value_key = VERSION_KEY.format(user_id, topic), VALUE_KEY.format(user_id, name)
    found = cache.get_many([version_key, value_key])
    return pagecache.current_version(version_key, found), found.get(value_key)


def cached(user_id: int, topic: str, compute: Callable[[], Any], name: str = "") -> Any:
    """compute(), or its value (kept under `name`, by default the topic's) while the person's version of
    `topic` is the one it was computed under."""
    if settings.PAGE_CACHE_SECONDS <= 0:
        return compute()
    name = name or topic
    version, stored = _read(user_id, topic, name)
    if stored is not None and stored[0] == version:
        return stored[1]
    value = compute()
    cache.set(VALUE_KEY.format(user_id, name), (version, value), timeout=settings.PAGE_CACHE_SECONDS)
    return value


def account(user_id: int, load: Callable[[], Any]) -> Any:
    """The person's row as `load()` returns it (None: no such person), kept while neither they, their
    roles nor their agency's REST data changed."""
    if settings.PAGE_CACHE_SECONDS <= 0:
        return load()
    version, stored = _read(user_id, ACCOUNT, ACCOUNT)
    if stored is not None and stored[0] == version:
        organization_id, organization_version, user = stored[1:]
        if not organization_id or _agency_version(organization_id) == organization_version:
            return user
    # Every version read before the row: a change committed meanwhile replaces one of them again.
    from django.contrib.auth import get_user_model

    people = get_user_model()._default_manager.filter(pk=user_id)
    organization_id = people.values_list("organization_id", flat=True).first()
    organization_version = _agency_version(organization_id) if organization_id else ""
    user = load()
    if user is None or user.organization_id != organization_id:  # moved meanwhile: not kept
        return user
    user.roles_by_organization  # noqa: B018 (computed now, so the cached row carries the roles)
    entry = (version, organization_id, organization_version, user)
    cache.set(VALUE_KEY.format(user_id, ACCOUNT), entry, timeout=settings.PAGE_CACHE_SECONDS)
    return user


def _agency_version(organization_id: int) -> str:
    return pagecache.versions([organization_id], [pagecache.REST])

"""Hand-offs: a change that gives someone work tells them at once.

A documented signal, because the apps that make the change (tracking, initiatives, engagement) sit
below the one that delivers the message (notifications) and must not import it (DESIGN.md, "Layout").

A workflow service calls `hand_off(...)` once, inside its transaction, after the change: who is handed
the work, what to tell them and where to look. `handed_off` is sent with:

- organization: the agency the change belongs to (sender is None);
- recipients: the people handed the work, without duplicates, inactive accounts or the actor (nobody
  is told of their own action);
- title, body: what to tell them, in Vietnamese source text already rendered;
- url: the page where they act (a path of this site, e.g. "/theo-doi/bao-cao/12/");
- kind: what happened, a short code such as "tracking.report_submitted";
- actor: who made the change, or None.

The receiver in `thidua.notifications.handoffs` defers delivery to `transaction.on_commit`, so a
change that is rolled back tells nobody. Inside `in_app_only()` (the demo loader) the people are told
in the app but sent no e-mail.
"""

import contextlib
from collections.abc import Iterable, Iterator
from contextvars import ContextVar

from django.dispatch import Signal
from django.utils.text import Truncator

handed_off = Signal()

_emails_on: ContextVar[bool] = ContextVar("handoff_emails", default=True)


def emails_on() -> bool:
    """Whether hand-offs made now are also e-mailed (False inside `in_app_only()`)."""
    return _emails_on.get()


@contextlib.contextmanager
def in_app_only() -> Iterator[None]:
    """Hand-offs made inside reach the in-app inbox only, without e-mail (seeding demo data)."""
    token = _emails_on.set(False)
    try:
        yield
    finally:
        _emails_on.reset(token)


def short(text: object, length: int = 90) -> str:
    """What a notice's title quotes of a long text (a target, a task): its start, with "…" when cut."""
    return Truncator(str(text)).chars(length)


def hand_off(
    *, organization, recipients: Iterable, title: str, url: str, kind: str, actor=None, body: str = ""
):
    """Tell `recipients` that work reached them; see the module docstring. Returns who is told."""
    actor_id = getattr(actor, "pk", None)
    told, seen = [], set()
    for person in recipients:
        if person is None or person.pk in seen or person.pk == actor_id or not person.is_active:
            continue
        seen.add(person.pk)
        told.append(person)
    if told:
        handed_off.send(
            sender=None,
            organization=organization,
            recipients=told,
            title=title,
            body=body,
            url=url,
            kind=kind,
            actor=actor,
        )
    return told

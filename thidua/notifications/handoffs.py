"""Delivering hand-offs (`thidua.core.handoffs`): an in-app notification and one e-mail per person.

The receiver runs inside the transaction of the change and defers everything to
`transaction.on_commit`, so a change that is rolled back tells nobody. Delivery then records, in one
transaction, each person's `Notification` and, when e-mails are on, a `ReminderDelivery` ledger row
(key "handoff:<kind>", a step unique to this hand-off), and sends those e-mails at once through
`reminders.send_pending`. A person without an e-mail address is told in the app only; an e-mail the
server refuses stays pending and `thidua remind` sends it on its next run.
"""

import logging
import uuid
from functools import partial

from django.db import transaction
from django.dispatch import receiver
from django.utils.translation import gettext as _

from thidua.core.handoffs import emails_on, handed_off
from thidua.notifications.models import Notification, ReminderDelivery
from thidua.notifications.reminders import send_pending, site_url
from thidua.org.models import User

logger = logging.getLogger(__name__)

SUBJECT_MAX = 250


@receiver(handed_off, dispatch_uid="notifications.deliver_hand_off")
def on_hand_off(sender, *, organization, recipients, title, body, url, kind, actor=None, **kwargs):
    transaction.on_commit(
        partial(
            deliver,
            organization_id=organization.pk,
            recipient_ids=[person.pk for person in recipients],
            title=title,
            body=body,
            url=url,
            kind=kind,
            email=emails_on(),
        ),
        robust=True,  # the change is saved: a failure to tell is logged, never a server error
    )


def email_subject(title: str) -> str:
    subject = _("[Thi Đua] {title}").format(title=title)
    return subject if len(subject) <= SUBJECT_MAX else subject[: SUBJECT_MAX - 1] + "…"


def email_body(recipient: User, body: str, url: str) -> str:
    lines = [_("Kính gửi {name},").format(name=recipient), ""]
    if body:
        lines += [body, ""]
    lines += [
        _("Xem và thực hiện tại: {url}").format(url=site_url() + url),
        "",
        "—",
        _(
            "Thư này do hệ thống Thi Đua gửi tự động khi có việc chuyển đến anh/chị. "
            "Thông báo cũng có trong mục Thông báo của hệ thống."
        ),
    ]
    return "\n".join(lines)


def deliver(
    *, organization_id: int, recipient_ids: list[int], title: str, body: str, url: str, kind: str, email: bool
):
    """Record each person's notification (and e-mail), then send the e-mails. Returns the notifications."""
    recipients = list(User.objects.filter(pk__in=recipient_ids, is_active=True).order_by("pk"))
    step = f"handoff-{uuid.uuid4().hex[:20]}"
    title = title if len(title) <= 300 else title[:299] + "…"
    with transaction.atomic():
        deliveries = {}
        if email:
            deliveries = {
                delivery.recipient_id: delivery
                for delivery in ReminderDelivery.objects.bulk_create(
                    [
                        ReminderDelivery(
                            organization_id=organization_id,
                            key=f"handoff:{kind}"[:200],
                            recipient=person,
                            step=step,
                            subject=email_subject(title),
                            body=email_body(person, body, url),
                        )
                        for person in recipients
                    ]
                )
            }
        notifications = Notification.objects.bulk_create(
            [
                Notification(
                    recipient=person,
                    organization_id=organization_id,
                    title=title,
                    body=body,
                    url=url,
                    delivery=deliveries.get(person.pk),
                )
                for person in recipients
            ]
        )
    if deliveries:
        summary = send_pending(only=[delivery.pk for delivery in deliveries.values()])
        if summary.failed:
            logger.warning("hand-off %s: %s e-mail(s) left for `thidua remind`", kind, summary.failed)
    return notifications

"""Who engagement's workflows hand work to, and what they are told (`thidua.core.handoffs`).

- feedback received → the office, to give it to a unit;
- feedback given to a unit → that unit's people who answer feedback (its head and staff);
- feedback answered → the enterprise user who sent it (or, when the office entered it for the
  enterprise, the enterprise's people).
"""

from django.utils.translation import gettext as _

from thidua.core.formatting import format_date
from thidua.core.handoffs import hand_off
from thidua.engagement.models import Feedback
from thidua.org.models import User
from thidua.org.roles import Capability


def feedback_received(feedback: Feedback, actor) -> None:
    who = feedback.enterprise or _("Văn phòng Sở")
    hand_off(
        organization=feedback.organization,
        recipients=User.objects.holding(Capability.FOLLOW_UP_PLANS, feedback.organization_id),
        title=_("Phản ánh, kiến nghị mới của {who}: {subject}").format(who=who, subject=feedback.subject),
        body=_("Hạn trả lời: {due}. Giao đơn vị xử lý.").format(due=format_date(feedback.answer_due_on)),
        url=feedback.get_absolute_url(),
        kind="engagement.feedback_received",
        actor=actor,
    )


def feedback_assigned(feedback: Feedback, actor) -> None:
    hand_off(
        organization=feedback.organization,
        recipients=User.objects.acting_for(Capability.ANSWER_FEEDBACK, feedback.unit),
        title=_("{unit} được giao trả lời phản ánh, kiến nghị: {subject}").format(
            unit=feedback.unit, subject=feedback.subject
        ),
        body=_("Hạn trả lời: {due}.").format(due=format_date(feedback.answer_due_on)),
        url=feedback.get_absolute_url(),
        kind="engagement.feedback_assigned",
        actor=actor,
    )


def feedback_answered(feedback: Feedback, actor) -> None:
    if feedback.enterprise_id is None:
        return
    sender = feedback.created_by
    if sender is not None and sender.enterprise_id == feedback.enterprise_id:
        recipients = [sender]
    else:
        recipients = User.objects.holding(Capability.SEND_FEEDBACK, feedback.organization_id).filter(
            enterprise_id=feedback.enterprise_id
        )
    hand_off(
        organization=feedback.organization,
        recipients=recipients,
        title=_("Phản ánh, kiến nghị đã được trả lời: {subject}").format(subject=feedback.subject),
        body=feedback.answer,
        url=feedback.get_absolute_url(),
        kind="engagement.feedback_answered",
        actor=actor,
    )

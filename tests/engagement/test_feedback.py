import datetime
from decimal import Decimal

import pytest

from tests.engagement.factories import make_feedback, make_rule
from thidua.engagement import services
from thidua.engagement.models import Feedback, FeedbackRule

pytestmark = pytest.mark.django_db

FRIDAY_BEFORE_HOLIDAYS = datetime.date(2026, 4, 24)


def test_it_sets_the_deadline_in_working_days_across_the_holidays(cast):
    # 27/4 (Giỗ Tổ, nghỉ bù), 30/4 and 1/5 are days off: five working days end on 6/5, not 1/5.
    make_rule(answer_working_days=5)
    feedback = make_feedback(
        cast.org, cast.enterprise, cast.enterprise_user, received_on=FRIDAY_BEFORE_HOLIDAYS
    )
    assert feedback.answer_due_on == datetime.date(2026, 5, 6)
    assert feedback.state == Feedback.State.RECEIVED


def test_it_takes_the_rule_in_force_and_the_organization_s_own_first(cast):
    make_rule(answer_working_days=15, valid_to=datetime.date(2025, 12, 31))
    make_rule(answer_working_days=10, valid_from=datetime.date(2026, 1, 1))
    own = make_rule(cast.org, answer_working_days=5, valid_from=datetime.date(2026, 1, 1))
    assert FeedbackRule.objects.in_force(cast.org, FRIDAY_BEFORE_HOLIDAYS) == own
    assert FeedbackRule.objects.in_force(cast.other_org, FRIDAY_BEFORE_HOLIDAYS).answer_working_days == 10
    assert FeedbackRule.objects.in_force(cast.other_org, datetime.date(2025, 6, 1)).answer_working_days == 15


def test_it_refuses_feedback_when_no_rule_is_in_force(cast):
    with pytest.raises(services.EngagementError, match="Chưa có quy định"):
        make_feedback(cast.org, cast.enterprise, cast.enterprise_user)


def test_it_goes_received_assigned_answered_closed_and_is_on_time(cast):
    make_rule(answer_working_days=5)
    feedback = make_feedback(
        cast.org, cast.enterprise, cast.enterprise_user, received_on=FRIDAY_BEFORE_HOLIDAYS
    )
    services.feedback_assign(feedback=feedback, unit=cast.unit, user=cast.office)
    assert feedback.state == Feedback.State.ASSIGNED
    services.feedback_answer(
        feedback=feedback,
        answer="Đã cấp phép ngày 5/5.",
        user=cast.unit_head,
        answered_on=datetime.date(2026, 5, 6),
    )
    assert feedback.state == Feedback.State.ANSWERED and feedback.is_on_time
    services.feedback_close(feedback=feedback, user=cast.office)
    feedback.refresh_from_db()
    assert feedback.state == Feedback.State.CLOSED
    assert feedback.history.first().history_user == cast.office


def test_an_answer_after_the_deadline_is_late(cast):
    make_rule(answer_working_days=5)
    feedback = make_feedback(
        cast.org, cast.enterprise, cast.enterprise_user, received_on=FRIDAY_BEFORE_HOLIDAYS
    )
    services.feedback_assign(feedback=feedback, unit=cast.unit, user=cast.office)
    services.feedback_answer(
        feedback=feedback, answer="Trả lời", user=cast.unit_head, answered_on=datetime.date(2026, 5, 7)
    )
    assert feedback.is_on_time is False


def test_it_forwards_to_a_higher_authority_and_then_cannot_be_answered(cast):
    make_rule()
    feedback = make_feedback(cast.org, cast.enterprise, cast.enterprise_user)
    services.feedback_forward(feedback=feedback, authority="Bộ Xây dựng", user=cast.office)
    assert feedback.state == Feedback.State.FORWARDED and feedback.forwarded_to == "Bộ Xây dựng"
    with pytest.raises(services.EngagementError):
        services.feedback_assign(feedback=feedback, unit=cast.unit, user=cast.office)
    with pytest.raises(services.EngagementError):
        services.feedback_answer(feedback=feedback, answer="x", user=cast.unit_head)


def test_it_publishes_only_with_consent_and_an_answer(cast):
    make_rule()
    private = make_feedback(cast.org, cast.enterprise, cast.enterprise_user)
    consented = make_feedback(cast.org, cast.enterprise, cast.enterprise_user, publish_consent=True)
    with pytest.raises(services.EngagementError, match="đã được trả lời"):
        services.feedback_publish(feedback=consented, user=cast.office)
    for feedback in (private, consented):
        services.feedback_assign(feedback=feedback, unit=cast.unit, user=cast.office)
        services.feedback_answer(feedback=feedback, answer="Đã giải quyết", user=cast.unit_head)
    with pytest.raises(services.EngagementError, match="chưa đồng ý"):
        services.feedback_publish(feedback=private, user=cast.office)
    services.feedback_publish(feedback=consented, user=cast.office)
    assert list(Feedback.objects.published()) == [consented]


def test_on_time_rate_counts_due_and_answered_but_not_forwarded(cast):
    make_rule(answer_working_days=5)
    on_time, late, _overdue, forwarded, not_due = (
        make_feedback(cast.org, cast.enterprise, cast.enterprise_user) for _ in range(5)
    )
    for feedback, day in ((on_time, datetime.date(2026, 5, 6)), (late, datetime.date(2026, 5, 8))):
        services.feedback_assign(feedback=feedback, unit=cast.unit, user=cast.office)
        services.feedback_answer(feedback=feedback, answer="Trả lời", user=cast.unit_head, answered_on=day)
    services.feedback_forward(feedback=forwarded, authority="UBND tỉnh", user=cast.office)
    Feedback.objects.filter(pk=not_due.pk).update(answer_due_on=datetime.date(2026, 7, 1))
    rows = Feedback.objects.filter(organization=cast.org)
    # 31/5: on time, late and overdue are due; 1 of 3 on time.
    assert rows.on_time_rate(datetime.date(2026, 5, 31)).quantize(Decimal("0.01")) == Decimal("33.33")
    assert rows.on_time_rate(datetime.date(2026, 4, 30)) is None

import datetime
from decimal import Decimal

import pytest

from tests import factories
from tests.engagement.factories import make_feedback, make_rule
from thidua.engagement import services
from thidua.engagement.models import Dialogue, Feedback
from thidua.plans.models import Target
from thidua.tracking.indicators import REGISTRY
from thidua.tracking.models import ProgressSnapshot
from thidua.tracking.periods import Period, period_containing

pytestmark = pytest.mark.django_db


def _period(end: datetime.date) -> Period:
    return Period(start=datetime.date(end.year, 1, 1), end=end, rhythm="yearly")


def _dialogue(cast, scheduled_on, **fields):
    return services.dialogue_schedule(
        organization=cast.org,
        title=fields.pop("title", "Hội nghị gặp gỡ, đối thoại doanh nghiệp"),
        scheduled_on=scheduled_on,
        enterprises=[cast.enterprise],
        units=[cast.unit],
        user=cast.office,
    )


def test_each_issue_raised_at_a_dialogue_becomes_a_feedback(cast):
    make_rule(answer_working_days=15)
    dialogue = _dialogue(cast, datetime.date(2026, 4, 24))
    with pytest.raises(services.EngagementError):
        services.dialogue_raise_issue(
            dialogue=dialogue, enterprise=cast.enterprise, subject="x", content="y", user=cast.office
        )
    services.dialogue_hold(
        dialogue=dialogue, held_on=datetime.date(2026, 4, 24), minutes="Kết luận", user=cast.office
    )
    feedback = services.dialogue_raise_issue(
        dialogue=dialogue,
        enterprise=cast.enterprise,
        subject="Mặt bằng sản xuất",
        content="Đề nghị hỗ trợ thủ tục thuê đất",
        user=cast.office,
    )
    assert feedback.channel == Feedback.Channel.DIALOGUE and feedback.dialogue == dialogue
    assert feedback.received_on == datetime.date(2026, 4, 24) and feedback.answer_due_on == datetime.date(
        2026, 5, 20
    )
    assert list(dialogue.issues.all()) == [feedback]


def test_dialogues_held_are_counted_once_in_the_period_they_were_held(cast):
    """ "Hằng năm tổ chức ít nhất một cuộc đối thoại": the engine adds a year's quarters up, so each
    quarter counts only its own dialogues and a dialogue is never counted twice."""
    plan = factories.make_plan(cast.org, reporting_rhythm="quarterly", starts_on=datetime.date(2025, 1, 1))
    target = factories.make_target(
        plan,
        text="Hằng năm tổ chức hoặc tham gia ít nhất một cuộc gặp gỡ, đối thoại doanh nghiệp",
        value=Decimal(1),
        unit_of_measure="cuộc",
        period_kind=Target.PeriodKind.ANNUAL,
        indicator="engagement.dialogues_held",
    )
    compute = REGISTRY["engagement.dialogues_held"].compute
    for held_on in (datetime.date(2025, 11, 5), datetime.date(2026, 3, 10), datetime.date(2026, 9, 15)):
        services.dialogue_hold(
            dialogue=_dialogue(cast, held_on), held_on=held_on, minutes="", user=cast.office
        )
    _dialogue(cast, datetime.date(2026, 5, 5))  # planned, not held
    quarters_2026 = [period_containing(datetime.date(2026, month, 1), "quarterly") for month in (1, 4, 7, 10)]
    assert [compute(target, None, quarter) for quarter in quarters_2026] == [1, 0, 1, 0]
    assert compute(target, None, period_containing(datetime.date(2025, 12, 1), "quarterly")) == 1
    assert compute(target, None, _period(datetime.date(2026, 12, 31))) == 2
    assert Dialogue.objects.held().count() == 3


def test_the_on_time_rate_indicator_and_its_target_move_when_a_feedback_is_answered(cast):
    make_rule(answer_working_days=5)
    plan = factories.make_plan(
        cast.org, starts_on=datetime.date(2026, 1, 1), ends_on=datetime.date(2026, 12, 31)
    )
    target = factories.make_target(
        plan,
        measurement=Target.Measurement.COMPUTED,
        indicator="engagement.feedback_on_time_rate",
        value=Decimal(90),
        period_kind=Target.PeriodKind.PLAN,
    )
    compute = REGISTRY["engagement.feedback_on_time_rate"].compute
    first = make_feedback(cast.org, cast.enterprise, cast.enterprise_user)
    second = make_feedback(cast.org, cast.enterprise, cast.enterprise_user)
    end_of_may = _period(datetime.date(2026, 5, 31))
    assert compute(target, None, end_of_may) == 0
    services.feedback_assign(feedback=first, unit=cast.unit, user=cast.office)
    services.feedback_answer(
        feedback=first, answer="Trả lời", user=cast.unit_head, answered_on=datetime.date(2026, 5, 5)
    )
    assert compute(target, None, end_of_may) == 50
    assert compute(target, cast.unit, end_of_may) == 100
    assert ProgressSnapshot.objects.filter(target=target, unit=None).exists()
    assert second.state == Feedback.State.RECEIVED


def test_the_office_schedules_holds_records_issues_and_attaches_through_the_pages(cast, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    make_rule()
    rival = factories.make_enterprise(cast.org)
    rival_user = factories.make_user(cast.org, "enterprise", enterprise=rival)
    client.force_login(cast.office)
    response = client.post(
        "/doanh-nghiep/doi-thoai/moi/",
        {
            "title": "Hội nghị đối thoại doanh nghiệp năm 2026",
            "scheduled_on": "24/04/2026",
            "enterprises": [cast.enterprise.pk],
            "units": [cast.unit.pk],
        },
    )
    dialogue = Dialogue.objects.get()
    assert response.status_code == 302
    url = f"/doanh-nghiep/doi-thoai/{dialogue.pk}/"
    client.post(url, {"action": "hold", "held_on": "24/04/2026", "minutes": "Kết luận của Giám đốc Sở"})
    client.post(
        url,
        {
            "action": "issue",
            "enterprise": cast.enterprise.pk,
            "subject": "Thuê đất",
            "content": "Đề nghị hỗ trợ",
        },
    )
    pdf = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 bien ban")
    client.post(url, {"action": "attach", "file": pdf})
    fake = SimpleUploadedFile("bien-ban.pdf", b"not a pdf")
    client.post(url, {"action": "attach", "file": fake})
    dialogue.refresh_from_db()
    assert dialogue.status == Dialogue.Status.HELD and dialogue.issues.get().subject == "Thuê đất"
    assert [a.original_name for a in dialogue.attachments.all()] == ["bien-ban.pdf"]
    attachment = dialogue.attachments.get()
    # A participating enterprise sees the dialogue; another one, or another agency, does not.
    client.force_login(cast.enterprise_user)
    assert client.get(url).status_code == 200
    assert client.post(url, {"action": "hold", "held_on": "25/04/2026"}).status_code == 403
    client.force_login(rival_user)
    assert client.get(url).status_code == 404
    assert client.get(f"/doanh-nghiep/tep/{attachment.pk}/").status_code == 404
    client.force_login(cast.other_office)
    assert client.get(url).status_code == 404


def test_counting_up_to_today_a_feedback_due_today_is_still_in_time(cast):
    make_rule(answer_working_days=5)
    feedback = make_feedback(cast.org, cast.enterprise, cast.enterprise_user)
    due = feedback.answer_due_on
    rows = Feedback.objects.filter(organization=cast.org)
    assert rows.on_time_rate(due, end_is_over=False) is None  # the day is not over: not a miss yet
    assert rows.on_time_rate(due) == 0  # once the day is over, unanswered is late
    target = factories.make_target(
        factories.make_plan(cast.org),
        measurement=Target.Measurement.COMPUTED,
        indicator="engagement.feedback_on_time_rate",
    )
    today = Period(datetime.date(due.year, 1, 1), due, "yearly", partial=True)
    assert REGISTRY["engagement.feedback_on_time_rate"].compute(target, None, today) is None

"""A misread date shows on the review page and never blocks publishing; recurring deadlines repeat."""

import datetime

import pytest

from thidua.plans.checks import draft_warnings, plan_span
from thidua.plans.models import Deadline
from thidua.plans.recurrence import occurrences
from thidua.plans.services import plan_create_from_draft

D = datetime.date


def a_draft(**parts) -> dict:
    draft = {
        "document": {"title": "Kế hoạch thi đua giai đoạn 2027 - 2029", "date": "2027-01-15", "signer": {}},
        "references": [],
        "targets": [],
        "deadlines": [],
        "phases": [],
        "sections": [],
        "responsibilities": [],
        "text": "",
    }
    return draft | parts


def deadline(date: str, text: str = "Báo cáo kết quả", recurrence=None) -> dict:
    return {"date": date, "bound": "before", "text": text, "recurrence": recurrence}


@pytest.mark.parametrize(
    ("first", "recurrence", "until", "dates"),
    [
        (D(2027, 6, 10), "yearly", D(2029, 12, 31), [D(2027, 6, 10), D(2028, 6, 10), D(2029, 6, 10)]),
        (D(2027, 6, 15), "semiannual", D(2028, 6, 14), [D(2027, 6, 15), D(2027, 12, 15)]),
        (
            D(2027, 3, 31),
            "quarterly",
            D(2027, 12, 31),
            [D(2027, 3, 31), D(2027, 6, 30), D(2027, 9, 30), D(2027, 12, 31)],
        ),
        (D(2027, 1, 31), "monthly", D(2027, 3, 31), [D(2027, 1, 31), D(2027, 2, 28), D(2027, 3, 31)]),
        (D(2027, 6, 10), "yearly", None, [D(2027, 6, 10)]),
        (D(2027, 6, 10), "", D(2029, 12, 31), [D(2027, 6, 10)]),
        (D(2030, 6, 10), "yearly", D(2029, 12, 31), [D(2030, 6, 10)]),
    ],
)
def test_a_recurring_deadline_falls_due_each_time_within_the_plan(first, recurrence, until, dates):
    assert occurrences(first, recurrence, until) == dates


def test_a_misread_date_does_not_invert_the_plan_span():
    draft = a_draft(
        document={"title": "Kế hoạch thi đua", "date": "2027-01-15", "signer": {}},
        deadlines=[deadline("2019-11-20", "Luật Thi đua, khen thưởng"), deadline("2028-06-30")],
        phases=[{"name": "Giai đoạn 1", "start": "2029-01-01", "end": "2027-12-31"}],
    )
    span = plan_span(draft)
    assert (span.start, span.end) == (D(2027, 1, 15), D(2028, 6, 30))
    assert span.is_ordered


def test_reversed_years_in_the_title_are_not_the_span():
    draft = a_draft(
        document={"title": "Kế hoạch giai đoạn 2030 - 2026", "date": "2026-03-01", "signer": {}},
        deadlines=[deadline("2028-06-30")],
    )
    assert (plan_span(draft).start, plan_span(draft).end) == (D(2026, 3, 1), D(2028, 6, 30))


def test_the_review_names_each_row_that_looks_wrong():
    draft = a_draft(
        deadlines=[
            deadline("2019-11-20", "Luật Thi đua, khen thưởng"),
            deadline("2027-06-10", recurrence="yearly"),
            deadline("2031-03-01", "Tổng kết"),
            deadline("2027-09-30", "Sơ kết"),
        ],
        targets=[{"text": "Tỷ lệ đạt 99", "unit": None, "period": "plan", "value": 99}],
        phases=[{"name": "Đợt 2", "start": "2028-01-01", "end": "2027-01-01"}],
    )
    warnings = draft_warnings(draft)
    assert "trước ngày ban hành kế hoạch (15/01/2027)" in warnings.for_row("deadlines", 0)[0]
    assert warnings.for_row("deadlines", 1) == [
        "Thời hạn lặp lại hằng năm: khi ban hành sẽ tạo 3 lần, từ 10/06/2027 đến 10/06/2029."
    ]
    assert "sau ngày kết thúc của kế hoạch (31/12/2029)" in warnings.for_row("deadlines", 2)[0]
    assert warnings.for_row("deadlines", 3) == []
    assert "chưa có đơn vị tính" in warnings.for_row("targets", 0)[0]
    assert "trước khi bắt đầu" in warnings.for_row("phases", 0)[0]
    assert len(warnings) == 5 and warnings.general == []


def test_a_draft_without_any_date_is_told_to_add_a_phase():
    draft = a_draft(document={"title": "Kế hoạch thi đua", "date": None, "signer": {}})
    assert "thêm một giai đoạn" in draft_warnings(draft).general[0]


def test_publishing_expands_a_recurring_deadline_and_keeps_a_misread_one(cast):
    draft = a_draft(
        deadlines=[
            deadline("2019-11-20", "Luật Thi đua, khen thưởng"),
            deadline("2027-12-10", "Báo cáo kết quả năm", recurrence="yearly"),
            deadline("2027-01-25", "Cập nhật số liệu", recurrence="monthly"),
        ],
        targets=[
            {
                "text": "Năm 2025 đạt 40%",
                "comparator": "=",
                "value": 40,
                "value_max": None,
                "unit": "%",
                "period": "by_date",
                "per": None,
            }
        ],
    )
    plan = plan_create_from_draft(organization=cast.org, draft=draft, user=cast.office)
    assert (plan.starts_on, plan.ends_on) == (D(2027, 1, 1), D(2029, 12, 31))
    yearly = plan.deadlines.filter(recurrence=Deadline.Recurrence.YEARLY)
    assert [d.due_on for d in yearly] == [D(2027, 12, 10), D(2028, 12, 10), D(2029, 12, 10)]
    assert plan.deadlines.filter(recurrence=Deadline.Recurrence.MONTHLY).count() == 36
    assert plan.deadlines.filter(recurrence="", due_on=D(2019, 11, 20)).exists()
    target = plan.targets.get()
    assert (target.starts_on, target.ends_on) == (D(2027, 1, 1), D(2029, 12, 31))

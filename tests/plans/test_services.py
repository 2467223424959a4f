"""The plan model must hold every target, deadline, phase and reference of the gold extractions."""

import json
from decimal import Decimal

import pytest

from tests import factories
from tests.paths import GOLD
from thidua.plans.models import Plan
from thidua.plans.services import PlanError, guess_deadline_kind, plan_create_from_draft, plan_publish


def gold_drafts():
    return [json.loads(path.read_text(encoding="utf-8")) for path in sorted(GOLD.glob("*.json"))]


def test_every_gold_item_is_held_by_the_plan_model(cast):
    for draft in gold_drafts():
        plan = plan_create_from_draft(organization=cast.org, draft=draft, user=cast.office)
        plan.refresh_from_db()
        assert plan.title == draft["document"]["title"]
        assert plan.movement.name == draft["document"]["movement"]
        assert plan.signer_name == draft["document"]["signer"]["name"]
        held = [
            (
                t.comparator,
                t.value,
                t.value_max,
                t.unit_of_measure,
                t.period_kind,
                "unit" if t.per_unit else None,
            )
            for t in plan.targets.all()
        ]
        wanted = [
            (
                t["comparator"],
                Decimal(t["value"]),
                None if t["value_max"] is None else Decimal(t["value_max"]),
                t["unit"],
                t["period"],
                t["per"],
            )
            for t in draft["targets"]
        ]
        assert held == wanted
        assert [(d.due_on.isoformat(), d.bound) for d in plan.deadlines.order_by("position")] == [
            (d["date"], d["bound"]) for d in draft["deadlines"]
        ]
        assert [(p.starts_on.isoformat(), p.ends_on.isoformat()) for p in plan.phases.all()] == [
            (p["start"], p["end"]) for p in draft["phases"]
        ]
        assert sorted(r.number for r in plan.references.all()) == sorted(
            r["number"] for r in draft["references"]
        )
        assert plan.history.first().history_user == cast.office


def test_plan_span_comes_from_phases_or_the_named_period(cast):
    spans = {}
    for draft in gold_drafts():
        plan = plan_create_from_draft(organization=cast.org, draft=draft, user=cast.office)
        spans[plan.province] = (plan.starts_on.isoformat(), plan.ends_on.isoformat())
    assert spans["Lạng Sơn"] == ("2026-01-01", "2030-12-31")
    assert spans["Thanh Hóa"] == ("2026-01-01", "2030-12-31")


def test_publishing_is_recorded_and_happens_once(cast):
    plan = factories.make_plan(cast.org, status=Plan.Status.DRAFT)
    plan = plan_publish(plan=plan, user=cast.leader)
    assert plan.status == Plan.Status.PUBLISHED and plan.published_at
    record = plan.history.first()
    assert (record.history_user, record.history_change_reason) == (cast.leader, "Ban hành kế hoạch")
    with pytest.raises(PlanError, match="dự thảo"):
        plan_publish(plan=plan, user=cast.leader)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Các phòng, ban, đơn vị gửi kế hoạch thực hiện về Văn phòng Sở", "unit_plan"),
        ("Tổ chức sơ kết, đánh giá, rút kinh nghiệm", "interim"),
        ("Báo cáo tổng kết gửi Văn phòng Sở", "final"),
        ("Báo cáo kết quả quý", "report"),
        ("Hội nghị", "other"),
    ],
)
def test_deadline_kinds_are_guessed_from_their_wording(text, kind):
    assert guess_deadline_kind(text) == kind

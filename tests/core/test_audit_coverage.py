"""Audit without gaps: every row a workflow writes, in every table with history, is in its history,
as it now stands, with who and why.

`audit_trail` notes every history-tracked table before a flow; after it, each row created, changed or
deleted must have a new historical record that says why, and the newest record of each row that is
still there must hold exactly the row's values (a bulk `.update()` or `bulk_create()` leaves none).
"""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Max, Q

from tests import factories
from tests.engagement.factories import make_rule
from thidua.engagement import services as engagement
from thidua.engagement.models import Feedback
from thidua.initiatives import services as initiatives
from thidua.initiatives.models import Council, CouncilMember, Criterion
from thidua.org.roles import Role
from thidua.plans import services as plans
from thidua.plans.models import Target
from thidua.tracking import services as tracking
from thidua.tracking.periods import period_containing
from thidua.tracking.unit_plans import unit_plan_submit

pytestmark = pytest.mark.django_db

DEMO_PLAN = Path(__file__).resolve().parents[2] / "thidua/demo/data/thanh-hoa-tang-truong-hai-con-so.txt"


def history_tracked_models():
    return [
        model
        for model in apps.get_models()
        if model.__module__.startswith("thidua.")
        and not model.__name__.startswith("Historical")
        and hasattr(model, "history")
    ]


def _recorded_fields(model):
    return [f for f in model.history.model._meta.fields if not f.name.startswith("history_")]


def _value(field, obj):
    value = getattr(obj, field.attname)
    return value.name if hasattr(value, "storage") else value  # a file: its name, as history keeps it


def _rows(model) -> dict:
    fields = _recorded_fields(model)
    return {obj.pk: {f.attname: _value(f, obj) for f in fields} for obj in model._default_manager.all()}


class AuditTrail:
    def __init__(self):
        self.models = history_tracked_models()
        self.before = {m: _rows(m) for m in self.models}
        self.last_history = {m: m.history.aggregate(last=Max("history_id"))["last"] or 0 for m in self.models}

    def gaps(self) -> list[str]:
        gaps = []
        for model in self.models:
            label = model._meta.label
            recent = model.history.filter(history_id__gt=self.last_history[model])
            for record in recent.filter(Q(history_change_reason__isnull=True) | Q(history_change_reason="")):
                gaps.append(f"{label} #{record.id}: history record {record.history_type} without a reason")
            before, after = self.before[model], _rows(model)
            for pk, values in after.items():
                if before.get(pk) == values:
                    continue
                latest = recent.filter(id=pk).order_by("-history_id").first()
                if latest is None:
                    gaps.append(f"{label} #{pk}: {'changed' if pk in before else 'created'} without history")
                    continue
                recorded = {f.attname: _value(f, latest) for f in _recorded_fields(model)}
                if recorded != values:
                    changed = sorted(k for k in values if values[k] != recorded.get(k))
                    gaps.append(
                        f"{label} #{pk}: history does not hold the row as it is ({', '.join(changed)})"
                    )
            for pk in before.keys() - after.keys():
                if not recent.filter(id=pk, history_type="-").exists():
                    gaps.append(f"{label} #{pk}: deleted without history")
        return gaps


@pytest.fixture
def audit_trail():
    def start():
        return AuditTrail()

    return start


def test_the_models_with_history_are_the_projects_models():
    labels = {m._meta.label for m in history_tracked_models()}
    assert {"tracking.Report", "initiatives.Initiative", "engagement.Feedback", "org.User"} <= labels


def test_the_report_cycle_leaves_no_change_outside_history(cast, audit_trail):
    plan = factories.make_plan(cast.org)
    target = factories.make_target(plan, lead_unit=cast.unit, starts_on=datetime.date(2026, 1, 1))
    per_unit = factories.make_target(plan, text="Mỗi phòng, đơn vị có 1 mô hình", per_unit=True, value=1)
    trail = audit_trail()

    tracking.expand_per_unit_target(per_unit, user=cast.office)
    (assignment,) = tracking.assignments_give(target=target, units=[cast.unit], user=cast.office)
    q1 = period_containing(datetime.date(2026, 2, 1), "quarterly")
    report = tracking.report_start(assignment=assignment, period=q1, user=cast.staff)
    tracking.report_update(report=report, user=cast.staff, value=Decimal(95))
    upload = SimpleUploadedFile("minh-chung.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    tracking.evidence_add(report=report, upload=upload, user=cast.staff)
    tracking.report_submit(report=report, user=cast.unit_head)
    tracking.report_return(report=report, user=cast.office, comment="Bổ sung minh chứng")
    tracking.report_update(report=report, user=cast.staff, value=Decimal(96))
    tracking.report_submit(report=report, user=cast.unit_head)
    tracking.report_approve(report=report, user=cast.office)
    report.refresh_from_db()
    correction = tracking.report_correct(report=report, user=cast.unit_head)
    tracking.report_update(report=correction, user=cast.staff, value=Decimal(99))
    tracking.report_submit(report=correction, user=cast.unit_head)
    tracking.report_approve(report=correction, user=cast.office)  # the first version is superseded

    report.refresh_from_db()
    assert report.superseded_at is not None
    assert report.history.first().history_change_reason.startswith("Được thay bằng bản đính chính")
    assert trail.gaps() == []


def test_plans_and_unit_plans_leave_no_change_outside_history(cast, audit_trail):
    factories.make_unit(cast.org, "Phòng Quản lý nhà và thị trường bất động sản")
    trail = audit_trail()
    draft = plans.plan_draft_create(organization=cast.org, user=cast.office, text=DEMO_PLAN.read_text())
    plan = plans.plan_draft_publish(draft=draft, user=cast.office)
    deadline = plan.deadlines.exclude(kind="unit_plan").first()
    if deadline is not None:
        plans.deadline_complete(deadline=deadline, user=cast.office, on=datetime.date(2026, 9, 1))
    target = plan.targets.first()
    tracking.target_measure(target=target, user=cast.office, measurement=Target.Measurement.ENTERED)
    text = (
        "KẾ HOẠCH\n\nThực hiện phong trào thi đua tại Phòng Phát triển đô thị\n\nI. MỤC TIÊU\n\n"
        "1. Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn đạt từ 99% trở lên.\n\n"
        "II. TỔ CHỨC THỰC HIỆN\n\nCác tổ chuyên môn triển khai thực hiện.\n"
    ).encode()
    unit_plan = unit_plan_submit(
        plan=plan, unit=cast.unit, upload=SimpleUploadedFile("ke-hoach.txt", text), user=cast.unit_head
    )
    unit_plan_submit(
        plan=plan, unit=cast.unit, upload=SimpleUploadedFile("ke-hoach-2.txt", text), user=cast.unit_head
    )
    assert unit_plan.links.exists()
    assert trail.gaps() == []


@pytest.fixture
def council(cast):
    council = initiatives.council_save(
        council=Council(organization=cast.org, year=2026, name="Hội đồng sáng kiến Sở"), user=cast.office
    )
    cast.specialist = factories.make_user(cast.org, Role.STAFF, unit=cast.office_unit, full_name="Chuyên gia")
    return council


def test_initiatives_and_councils_leave_no_change_outside_history(cast, council, audit_trail):
    trail = audit_trail()
    for person, role in (
        (cast.leader, CouncilMember.Role.CHAIR),
        (cast.specialist, CouncilMember.Role.MEMBER),
        (cast.office, CouncilMember.Role.MEMBER),
    ):
        initiatives.council_member_add(council=council, person=person, role=role, user=cast.office)
    secretary = CouncilMember.objects.get(council=council, user=cast.office)
    initiatives.council_member_change_role(
        member=secretary, role=CouncilMember.Role.SECRETARY, user=cast.office
    )
    extra = initiatives.council_member_add(
        council=council, person=cast.unit_head, role=CouncilMember.Role.MEMBER, user=cast.office
    )
    initiatives.council_member_remove(member=extra, user=cast.office)
    criterion = initiatives.criterion_save(
        criterion=Criterion(council=council, name="Tính mới", max_points=Decimal(40)), user=cast.office
    )
    spare = initiatives.criterion_save(
        criterion=Criterion(council=council, name="Khác", max_points=Decimal(10)), user=cast.office
    )
    initiatives.criterion_remove(criterion=spare, user=cast.office)

    initiative = initiatives.initiative_register(
        unit=cast.unit,
        user=cast.staff,
        title="Số hóa quy trình cấp giấy phép xây dựng",
        field="Cải cách hành chính",
        changes="Hồ sơ điện tử",
        first_applied_on=datetime.date(2025, 10, 1),
        effect="Rút ngắn thời gian giải quyết",
        authors=[{"name": cast.staff.full_name, "share": Decimal(100), "user": cast.staff}],
    )
    initiatives.initiative_submit(initiative=initiative, user=cast.staff)
    initiatives.initiative_endorse(initiative=initiative, user=cast.unit_head)
    initiatives.initiative_receive(
        initiative=initiative, user=cast.office, received_on=datetime.date(2026, 1, 15), council=council
    )
    for member in (cast.leader, cast.specialist, cast.office):
        initiatives.council_score(initiative=initiative, user=member, points={criterion: 30})
        initiatives.council_vote(initiative=initiative, user=member, in_favour=True)
    initiatives.initiative_decide(
        initiative=initiative,
        user=cast.office,
        decision_number="12/QĐ-SXD",
        decision_date=datetime.date(2026, 3, 1),
    )
    initiatives.initiative_record_provincial(
        initiative=initiative,
        user=cast.office,
        decision_number="5/QĐ-UBND",
        decision_date=datetime.date(2026, 6, 1),
    )
    assert trail.gaps() == []


def test_feedback_dialogues_and_assessments_leave_no_change_outside_history(cast, audit_trail):
    make_rule(None)
    trail = audit_trail()
    dialogue = engagement.dialogue_schedule(
        organization=cast.org,
        title="Đối thoại doanh nghiệp 2026",
        scheduled_on=datetime.date(2026, 5, 1),
        user=cast.office,
        enterprises=[cast.enterprise],
        units=[cast.unit],
    )
    engagement.dialogue_hold(
        dialogue=dialogue, held_on=datetime.date(2026, 5, 2), minutes="Kết luận", user=cast.office
    )
    feedback = engagement.feedback_receive(
        organization=cast.org,
        channel=Feedback.Channel.WEB,
        subject="Thủ tục cấp phép kéo dài",
        content="Hồ sơ chưa có kết quả.",
        user=cast.enterprise_user,
        enterprise=cast.enterprise,
        received_on=datetime.date(2026, 4, 24),
        publish_consent=True,
    )
    engagement.feedback_assign(feedback=feedback, unit=cast.unit, user=cast.office)
    engagement.feedback_answer(feedback=feedback, answer="Đã giải quyết.", user=cast.staff)
    engagement.feedback_close(feedback=feedback, user=cast.office)
    engagement.feedback_publish(feedback=feedback, user=cast.office)
    participants = dialogue.history.order_by("-history_id").first()
    assert [row.enterprise for row in participants.enterprises.all()] == [cast.enterprise]
    assert [row.unit for row in participants.units.all()] == [cast.unit]

    criterion_set = engagement.criterion_set_create(
        organization=cast.org, year=2026, name="Bộ tiêu chí 2026", user=cast.office, from_plan=True
    )
    assessment = engagement.assessment_start(
        criterion_set=criterion_set, enterprise=cast.enterprise, user=cast.enterprise_user
    )
    scores = {c: c.max_points for c in criterion_set.criteria.all()}
    engagement.assessment_submit(assessment=assessment, scores=scores, user=cast.enterprise_user)
    engagement.assessment_verify(assessment=assessment, scores={}, user=cast.office)
    assert trail.gaps() == []


def test_a_bulk_update_is_caught(cast, audit_trail):
    """The check itself can fail: a change made past the audited save is reported."""
    plan = factories.make_plan(cast.org)
    trail = audit_trail()
    type(plan).objects.filter(pk=plan.pk).update(title="Đổi tên không qua lịch sử")
    assert trail.gaps() == [f"plans.Plan #{plan.pk}: changed without history"]

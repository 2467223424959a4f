"""The one history renderer: who, when, what changed from what to what, and why, for any audited rows."""

from decimal import Decimal

from tests import factories
from thidua.core.audit import save_audited
from thidua.core.history import Records, history_entries
from thidua.plans.models import Target
from thidua.tasks.models import Task, TaskReport
from thidua.tracking import indicators
from thidua.tracking.models import Report


def test_an_entry_says_who_changed_what_from_what_to_what_and_why(cast):
    plan = factories.make_plan(cast.org)
    target = factories.make_target(plan, value=Decimal(7500), unit_of_measure="căn hộ", lead_unit=cast.unit)
    target.value, target.lead_unit = Decimal(8000), cast.office_unit
    save_audited(target, user=cast.office, reason="Điều chỉnh theo văn bản của UBND tỉnh")
    changed, created = history_entries(Target.history.filter(id=target.pk))
    assert (changed.who, changed.action) == (str(cast.office), "Sửa")
    assert changed.reason == "Điều chỉnh theo văn bản của UBND tỉnh"
    assert changed.subject == ""  # the page's own row
    shown = {change.field: (change.old, change.new) for change in changed.changes}
    assert shown["giá trị"] == ("7.500", "8.000")
    assert shown["đơn vị chủ trì"] == ("Phòng Phát triển đô thị", "Văn phòng Sở")
    assert (created.action, created.who, created.changes) == ("Tạo mới", "Hệ thống", [])


def test_rows_of_other_kinds_name_what_they_are_about_newest_first(cast):
    plan = factories.make_plan(cast.org)
    factories.make_target(plan, text="Số căn hộ nhà ở xã hội")
    factories.make_deadline(plan, text="Gửi báo cáo sơ kết")
    entries = history_entries(
        Records(Target.history.filter(plan_id=plan.pk)),
        Records(plan.deadlines.model.history.filter(plan_id=plan.pk), subject=lambda record: record.text),
    )
    assert [entry.subject for entry in entries] == ["Gửi báo cáo sơ kết", "chỉ tiêu: Số căn hộ nhà ở xã hội"]


def test_references_cost_one_query_per_kind_of_row_not_one_per_entry(cast, django_assert_num_queries):
    plan = factories.make_plan(cast.org)
    target = factories.make_target(plan, lead_unit=cast.unit)
    for unit in [factories.make_unit(cast.org, f"Phòng {i}") for i in range(5)]:
        target.lead_unit = unit
        save_audited(target, user=cast.office, reason="Đổi đơn vị chủ trì")
    with django_assert_num_queries(2):  # the records, then the units they point to
        entries = history_entries(Target.history.filter(id=target.pk))
    with django_assert_num_queries(1):  # the units selected with the records
        history_entries(Target.history.filter(id=target.pk).select_related("lead_unit"))
    assert [entry.changes[0].new for entry in entries[:2]] == ["Phòng 4", "Phòng 3"]


def test_a_stored_code_is_shown_by_its_name_and_people_fields_are_named_in_vietnamese(cast):
    plan = factories.make_plan(cast.org)
    target = factories.make_target(plan)
    target.measurement, target.indicator = Target.Measurement.COMPUTED, "tasks.handed_down_on_time"
    save_audited(target, user=cast.office, reason="Đo từ sổ theo dõi nhiệm vụ")
    shown = {
        change.field: change.new for change in history_entries(Target.history.filter(id=target.pk))[0].changes
    }
    assert (
        shown["chỉ số tự động"]
        == indicators.label("tasks.handed_down_on_time")
        != "tasks.handed_down_on_time"
    )
    for model in (Report, Task, TaskReport):  # who sent, reviewed, gave, reported: never "submitted by"
        for name in ("submitted_by", "reviewed_by", "created_by", "reported_by"):
            if hasattr(model, name):
                assert str(model._meta.get_field(name).verbose_name) != name.replace("_", " ")

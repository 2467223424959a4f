"""Each existing plan's sơ kết and tổng kết deadlines ask the units for their own report (as
`tracking.unit_reports.sync_plan_requests` does, through a signal, for deadlines saved from now on)."""

from django.db import migrations

KINDS = ("interim", "final")


def forward(apps, schema_editor):
    Deadline = apps.get_model("plans", "Deadline")
    ReportRequest = apps.get_model("tracking", "ReportRequest")
    by_plan: dict = {}
    for deadline in Deadline.objects.filter(kind__in=KINDS).select_related("plan").order_by("due_on", "pk"):
        by_plan.setdefault((deadline.plan, deadline.kind), []).append(deadline)
    for (plan, kind), deadlines in by_plan.items():
        sent = [d for d in deadlines if "gửi" in d.text.casefold()]
        chosen = (sent or deadlines)[0]
        if ReportRequest.objects.filter(plan=plan, kind=kind).exists():
            continue
        word = "sơ kết" if kind == "interim" else "tổng kết"
        ReportRequest.objects.create(
            organization_id=plan.organization_id,
            plan=plan,
            deadline=chosen,
            kind=kind,
            subject=f"Báo cáo {word} của đơn vị",
            details=chosen.text,
            due_on=chosen.due_on,
            bound=chosen.bound,
            all_units=True,
        )


class Migration(migrations.Migration):
    dependencies = [("tracking", "0004_unit_reports"), ("plans", "0003_deadline_completed_on")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]

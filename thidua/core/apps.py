from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

from thidua.core.search import register_sqlite_fold


class CoreConfig(AppConfig):
    name = "thidua.core"
    verbose_name = _("Nền tảng")

    def ready(self):
        # Any row of an organization saved or deleted makes its cached pages stale (core.pagecache).
        post_save.connect(_row_changed, dispatch_uid="core.pagecache.saved")
        post_delete.connect(_row_changed, dispatch_uid="core.pagecache.deleted")
        # Vietnamese search folds accents the same way on SQLite as on PostgreSQL (core.search).
        connection_created.connect(register_sqlite_fold, dispatch_uid="thidua_fold")


def _row_changed(sender, instance, **kwargs):
    from thidua.core import pagecache, personcache

    if sender.__name__.startswith("Historical"):  # django-simple-history's copy: the row itself counted
        return
    personcache.row_changed(instance)  # the person's row, roles or notifications (core.personcache)
    if instance._meta.label == "org.Organization":
        pagecache.changed(instance.pk)
        return
    if kwargs.get("update_fields") == frozenset({"last_login"}):  # a login: no page shows it
        return
    organization_id = getattr(instance, "organization_id", None)
    if organization_id is None and getattr(instance, "plan_id", None) is not None:
        # Targets, deadlines, phases, sections: the organization is their plan's.
        plan = instance.plan if kwargs.get("signal") is post_save else None
        organization_id = getattr(plan, "organization_id", None) or _plan_organization(instance)
    if instance._meta.label == "tracking.Report":
        pagecache.unit_reports_changed(organization_id, _report_unit(instance))
        return
    pagecache.changed(organization_id, pagecache.topic_of(instance._meta.label))


def _report_unit(report) -> int | None:
    """The unit a report is of: its assignment's (already loaded when the services save it)."""
    if type(report).assignment.is_cached(report):
        return report.assignment.unit_id
    assignment_model = report._meta.get_field("assignment").related_model
    return assignment_model.objects.filter(pk=report.assignment_id).values_list("unit_id", flat=True).first()


def _plan_organization(instance) -> int | None:
    plan_model = instance._meta.get_field("plan").related_model
    return plan_model.objects.filter(pk=instance.plan_id).values_list("organization_id", flat=True).first()

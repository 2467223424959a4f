"""Per-unit targets reach units created later; a plan's sơ kết / tổng kết deadlines ask the units for
their reports. Signals, because org and plans must not know tracking exists."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from thidua.org.models import Unit
from thidua.plans.models import Deadline


@receiver(post_save, sender=Unit, dispatch_uid="tracking.expand_per_unit_targets")
def give_per_unit_targets_to_new_units(sender, instance: Unit, created: bool, raw: bool = False, **kwargs):
    if created and not raw:
        from thidua.tracking.services import expand_per_unit_targets_to

        expand_per_unit_targets_to(instance)


@receiver(post_save, sender=Deadline, dispatch_uid="tracking.units_report_for_deadline")
def units_report_for_deadline(sender, instance: Deadline, created: bool, raw: bool = False, **kwargs):
    """A sơ kết / tổng kết deadline of a plan asks every unit for its own report by that date."""
    if not raw:
        from thidua.tracking.unit_reports import sync_plan_requests

        sync_plan_requests(instance.plan)

"""Per-unit targets reach units created later. A signal, because org must not know tracking exists."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from thidua.org.models import Unit


@receiver(post_save, sender=Unit, dispatch_uid="tracking.expand_per_unit_targets")
def give_per_unit_targets_to_new_units(sender, instance: Unit, created: bool, raw: bool = False, **kwargs):
    if created and not raw:
        from thidua.tracking.services import expand_per_unit_targets_to

        expand_per_unit_targets_to(instance)

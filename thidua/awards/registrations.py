"""A unit's registration (đăng ký thi đua) drafted on the pages: the unit's head (or the office on the
unit's behalf) starts it for a year, chooses the collective title, adds and removes the unit's people
with the titles they aim at; sending, returning and approving are in `thidua.awards.services`. Each
change is audited."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.awards.models import Person, Registration, RegistrationEntry
from thidua.core.audit import delete_audited, save_audited
from thidua.org.models import Unit
from thidua.org.roles import Capability

ALREADY_REGISTERED = _("Đơn vị “%(unit)s” đã có bản đăng ký thi đua năm %(year)s.")
ALREADY_REGISTERED_MOVEMENT = _("Đơn vị “%(unit)s” đã đăng ký thi đua cho phong trào này năm %(year)s.")
NOT_EDITABLE = _("Bản đăng ký đã gửi hoặc đã duyệt: không sửa được nữa.")
NOT_OWN_PERSON = _(
    "“%(person)s” không phải người của đơn vị “%(unit)s”: chỉ đăng ký cho người của đơn vị mình."
)
ALREADY_IN = _("“%(person)s” đã có trong bản đăng ký.")
NOT_ACTIVE = _("“%(person)s” không còn trong danh sách cán bộ đang công tác.")


def registers_for(user, unit: Unit) -> bool:
    """The unit's head registers the unit; the office may do it for any unit of the agency."""
    return user.acts_for_unit(Capability.REGISTER_AWARDS, unit) or user.can(
        Capability.MANAGE_AWARDS, unit.organization
    )


def _check_editable(registration: Registration, user) -> None:
    if not registration.submittable_by(user):
        raise PermissionDenied
    if not registration.is_editable:
        raise ValidationError(NOT_EDITABLE)


@transaction.atomic
def registration_start(
    *, unit: Unit, user, year: int, collective_title: str = "", movement=None
) -> Registration:
    """Start the unit's registration for `year` (and `movement`, if any) as a draft: once a year per
    unit, once more per movement."""
    if not registers_for(user, unit):
        raise PermissionDenied
    same = Registration.objects.filter(unit=unit, year=year)
    same = same.filter(movement=movement) if movement else same.filter(movement__isnull=True)
    if same.exists():
        message = ALREADY_REGISTERED_MOVEMENT if movement else ALREADY_REGISTERED
        raise ValidationError({"year": message % {"unit": unit.name, "year": year}})
    registration = Registration(
        organization=unit.organization,
        unit=unit,
        year=year,
        movement=movement,
        collective_title=collective_title,
    )
    return save_audited(registration, user=user, reason=_("Lập đăng ký thi đua"))


@transaction.atomic
def registration_set_title(*, registration: Registration, user, collective_title: str) -> Registration:
    """Change the collective title the unit aims at (empty: the unit registers only its people)."""
    _check_editable(registration, user)
    registration.collective_title = collective_title
    return save_audited(registration, user=user, reason=_("Sửa danh hiệu tập thể đăng ký"))


@transaction.atomic
def registration_entry_add(
    *, registration: Registration, user, person: Person, title: str
) -> RegistrationEntry:
    """Add one of the unit's own people, with the individual title they aim at."""
    _check_editable(registration, user)
    names = {"person": person.full_name, "unit": registration.unit.name}
    if person.unit_id != registration.unit_id or person.organization_id != registration.organization_id:
        raise ValidationError({"person": NOT_OWN_PERSON % names})
    if not person.is_active:
        raise ValidationError({"person": NOT_ACTIVE % names})
    if registration.entries.filter(person=person).exists():
        raise ValidationError({"person": ALREADY_IN % names})
    entry = RegistrationEntry(registration=registration, person=person, title=title)
    return save_audited(entry, user=user, reason=_("Thêm cá nhân đăng ký thi đua"))


@transaction.atomic
def registration_entry_remove(*, entry: RegistrationEntry, user) -> None:
    """Take a person off the unit's registration while it is still the unit's to change."""
    _check_editable(entry.registration, user)
    delete_audited(entry, user=user, reason=_("Bỏ cá nhân khỏi đăng ký thi đua"))

"""The staff register kept by the office: a person (and the login account linked to them), their
disciplinary measures and their leave. Each write is the office's, audited with why."""

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.awards.models import Discipline, HoldFlag, Leave, Person
from thidua.core.audit import save_audited
from thidua.org.access import require
from thidua.org.roles import Capability


@transaction.atomic
def person_save(*, person: Person, user) -> Person:
    require(user, Capability.MANAGE_AWARDS, person.organization)
    reason = _("Sửa thông tin cán bộ") if person.pk else _("Thêm cán bộ vào danh sách")
    return save_audited(person, user=user, reason=reason)


@transaction.atomic
def discipline_save(*, discipline: Discipline, user) -> Discipline:
    require(user, Capability.MANAGE_AWARDS, discipline.organization)
    reason = _("Sửa kỷ luật") if discipline.pk else _("Ghi kỷ luật")
    return save_audited(discipline, user=user, reason=reason)


@transaction.atomic
def leave_save(*, leave: Leave, user) -> Leave:
    require(user, Capability.MANAGE_AWARDS, leave.organization)
    reason = _("Sửa thời gian nghỉ") if leave.pk else _("Ghi thời gian nghỉ")
    return save_audited(leave, user=user, reason=reason)


@transaction.atomic
def hold_save(*, hold: HoldFlag, user) -> HoldFlag:
    """Open a hold on a person's or a unit's rewards, or change it (closing it is writing its end date)."""
    require(user, Capability.MANAGE_AWARDS, hold.organization)
    if not hold.pk:
        reason = _("Tạm dừng xét khen thưởng")
    elif hold.closed_on:
        reason = _("Kết thúc tạm dừng xét khen thưởng")
    else:
        reason = _("Sửa tạm dừng xét khen thưởng")
    return save_audited(hold, user=user, reason=reason)

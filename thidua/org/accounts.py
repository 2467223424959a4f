"""Accounts: the office resets the password of a person of its agency, by e-mail link or by hand.

Every reset is written in the person's history with who did it (the password itself never is)."""

from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from thidua.core.audit import save_audited
from thidua.org.models import User
from thidua.org.roles import Capability


def resettable_by(office_user, organization):
    """The people whose password `office_user` may reset: their agency's own, never a superuser or
    themselves (they change their own password with the old one)."""
    if not office_user.can(Capability.MANAGE_ORGANIZATION, organization):
        return User.objects.none()
    return (
        User.objects.filter(organization=organization, is_superuser=False, is_active=True)
        .exclude(pk=office_user.pk)
        .select_related("unit")
    )


def send_reset_link(target: User, *, by: User, request) -> None:
    """E-mail the person the same one-time link as "Quên mật khẩu"."""
    if not target.email:
        raise ValidationError(_("Người dùng này chưa có địa chỉ e-mail: hãy đặt mật khẩu mới."))
    form = _ResetFormFor(target)
    form.is_valid()
    form.save(
        request=request,
        use_https=request.is_secure(),
        subject_template_name="registration/password_reset_subject.txt",
        email_template_name="registration/password_reset_email.txt",
    )
    _record(target, by, _("Văn phòng gửi liên kết đặt lại mật khẩu"))


class _ResetFormFor(PasswordResetForm):
    """Django's reset e-mail, to one chosen person (not to every account that shares the address)."""

    def __init__(self, target: User):
        super().__init__({"email": target.email})
        self.target = target

    def get_users(self, email):
        return [self.target]


def set_password(target: User, *, by: User, password: str) -> None:
    target.set_password(password)
    _record(target, by, _("Văn phòng đặt mật khẩu mới"))


def _record(target: User, by: User, reason: str) -> None:
    save_audited(target, user=by, reason=reason)

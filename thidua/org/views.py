"""Account pages: change one's own password, and the office's list of its agency's people with the
password reset. Forgotten passwords use Django's own views (thidua/urls.py)."""

from django.contrib import messages
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from thidua.core.forms import BootstrapFormMixin
from thidua.org import accounts
from thidua.org.access import organization_for, require
from thidua.org.models import User
from thidua.org.roles import Capability

PAGE_SIZE = 50


class PasswordChangeForm(BootstrapFormMixin, auth_forms.PasswordChangeForm):
    pass


class SetPasswordForm(BootstrapFormMixin, auth_forms.SetPasswordForm):
    pass


class PasswordResetForm(BootstrapFormMixin, auth_forms.PasswordResetForm):
    pass


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = PasswordChangeForm
    template_name = "org/password_change.html"
    success_url = reverse_lazy("home")

    def form_valid(self, form):
        messages.success(self.request, gettext_lazy("Đã đổi mật khẩu."))
        return super().form_valid(form)


# Forgotten password: Django's views, with the project's forms and Vietnamese e-mail.
password_reset = auth_views.PasswordResetView.as_view(
    form_class=PasswordResetForm,
    email_template_name="registration/password_reset_email.txt",
    subject_template_name="registration/password_reset_subject.txt",
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(form_class=SetPasswordForm)


@login_required
def people(request):
    organization = organization_for(request)
    require(request.user, Capability.MANAGE_ORGANIZATION, organization)
    people = accounts.resettable_by(request.user, organization)
    query = request.GET.get("q", "").strip()
    if query:
        people = people.filter(
            Q(full_name__icontains=query) | Q(username__icontains=query) | Q(unit__name__icontains=query)
        )
    page = Paginator(people.order_by("unit__name", "full_name", "username"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "org/people.html", {"organization": organization, "page": page, "query": query})


def _target(request, pk):
    """A person of the user's agencies (404 for anyone else's), whose password the user may reset."""
    target = get_object_or_404(User.objects.visible_to(request.user), pk=pk, organization__isnull=False)
    require(request.user, Capability.MANAGE_ORGANIZATION, target.organization)
    if not accounts.resettable_by(request.user, target.organization).filter(pk=target.pk).exists():
        raise PermissionDenied
    return target


@login_required
def person_password(request, pk):
    target = _target(request, pk)
    form = SetPasswordForm(target, request.POST or None)
    if request.method == "POST" and form.is_valid():
        accounts.set_password(target, by=request.user, password=form.cleaned_data["new_password1"])
        messages.success(request, _("Đã đặt mật khẩu mới cho %(name)s.") % {"name": target})
        return redirect("org:people")
    return render(request, "org/person_password.html", {"target": target, "form": form})


@require_POST
@login_required
def person_reset_link(request, pk):
    target = _target(request, pk)
    try:
        accounts.send_reset_link(target, by=request.user, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("org:person_password", pk=target.pk)
    messages.success(request, _("Đã gửi liên kết đặt lại mật khẩu tới %(email)s.") % {"email": target.email})
    return redirect("org:people")

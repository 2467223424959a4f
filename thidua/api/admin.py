from django.contrib import admin, messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.api import services
from thidua.api.models import ApiToken
from thidua.core.admin import WorkflowWrittenAdmin


@admin.register(ApiToken)
class ApiTokenAdmin(WorkflowWrittenAdmin):
    """Which systems hold a token, and since when. Tokens are made on the page Kết nối API (the secret is
    shown there once; only its hash is kept, never shown here) and revoked there or by the action below."""

    list_display = ["name", "organization", "scope", "unit", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["organization", "scope"]
    search_fields = ["name", "prefix"]
    fields = ["organization", "name", "scope", "unit", "prefix", "created_by", "created_at", "last_used_at"]
    fields += ["revoked_at"]
    readonly_fields = fields
    actions = ["revoke"]

    @admin.action(description=gettext_lazy("Thu hồi các mã đã chọn"))
    def revoke(self, request, queryset):
        revoked = 0
        for token in queryset.filter(revoked_at__isnull=True):
            services.token_revoke(token=token, user=request.user)
            revoked += 1
        self.message_user(
            request, _("Đã thu hồi %(count)s mã truy cập.") % {"count": revoked}, messages.SUCCESS
        )

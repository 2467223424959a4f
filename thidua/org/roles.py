"""Roles and what each may do: data, not scattered `if role == ...` checks.

A capability names one thing a person may do inside one organization. Views and
services ask `user.can(capability, organization)`; only this table changes when the
agency's practice does.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    OFFICE = "office", _("Văn phòng Sở (cán bộ thi đua)")
    LEADER = "leader", _("Lãnh đạo Sở")
    UNIT_HEAD = "unit_head", _("Trưởng phòng, thủ trưởng đơn vị")
    STAFF = "staff", _("Công chức, viên chức, người lao động")
    ENTERPRISE = "enterprise", _("Doanh nghiệp")
    OBSERVER = "observer", _("Cơ quan theo dõi")


class Capability(models.TextChoices):
    VIEW_DRAFT_PLANS = "plans.view_draft", _("Xem kế hoạch dự thảo")
    IMPORT_PLANS = "plans.import", _("Nhập kế hoạch từ văn bản")
    EDIT_PLANS = "plans.edit", _("Sửa kế hoạch")
    PUBLISH_PLANS = "plans.publish", _("Ban hành kế hoạch")
    CLOSE_PLANS = "plans.close", _("Kết thúc kế hoạch")
    MANAGE_ORGANIZATION = "org.manage", _("Quản lý đơn vị, người dùng, doanh nghiệp")
    ASSIGN_TARGETS = "tracking.assign", _("Giao chỉ tiêu cho phòng, đơn vị")
    VIEW_ALL_REPORTS = "tracking.view_all", _("Xem báo cáo của mọi phòng, đơn vị")
    ENTER_REPORTS = "tracking.enter", _("Nhập số liệu báo cáo của đơn vị mình")
    SUBMIT_REPORTS = "tracking.submit", _("Gửi báo cáo của đơn vị mình")
    REVIEW_REPORTS = "tracking.review", _("Duyệt hoặc trả lại báo cáo")
    VIEW_AUDIT = "core.view_audit", _("Xem lịch sử thay đổi")
    MANAGE_AWARDS = "awards.manage", _("Quản lý thi đua, khen thưởng")


ROLE_CAPABILITIES: dict[str, frozenset[str]] = {
    Role.OFFICE: frozenset(
        {
            Capability.VIEW_DRAFT_PLANS,
            Capability.IMPORT_PLANS,
            Capability.EDIT_PLANS,
            Capability.PUBLISH_PLANS,
            Capability.CLOSE_PLANS,
            Capability.MANAGE_ORGANIZATION,
            Capability.VIEW_AUDIT,
            Capability.ASSIGN_TARGETS,
            Capability.VIEW_ALL_REPORTS,
            Capability.REVIEW_REPORTS,
            Capability.MANAGE_AWARDS,
        }
    ),
    Role.LEADER: frozenset(
        {
            Capability.VIEW_DRAFT_PLANS,
            Capability.EDIT_PLANS,
            Capability.PUBLISH_PLANS,
            Capability.CLOSE_PLANS,
            Capability.VIEW_AUDIT,
            Capability.ASSIGN_TARGETS,
            Capability.VIEW_ALL_REPORTS,
            Capability.REVIEW_REPORTS,
        }
    ),
    Role.UNIT_HEAD: frozenset({Capability.VIEW_AUDIT, Capability.ENTER_REPORTS, Capability.SUBMIT_REPORTS}),
    Role.STAFF: frozenset({Capability.ENTER_REPORTS}),
    Role.ENTERPRISE: frozenset(),
    Role.OBSERVER: frozenset({Capability.VIEW_AUDIT, Capability.VIEW_ALL_REPORTS}),
}


def capabilities_of(roles: set[str]) -> frozenset[str]:
    return frozenset().union(*(ROLE_CAPABILITIES.get(role, frozenset()) for role in roles))

"""Roles and what each may do: data, not scattered `if role == ...` checks.

A capability names one thing a person may do inside one organization. Views, services and
querysets ask `user.can(capability, organization)` (or `user.acts_for_unit(capability, unit)` for
what a person does for their own unit); only this table changes when the agency's practice does.
No code outside this module and the demo names a role.

Who reads what inside an agency (the rows each `visible_to(user)` returns; the README's Security
section copies this table):

| reads | office, leader | unit head, staff | enterprise | observer |
| --- | --- | --- | --- | --- |
| plans, targets, deadlines, dashboards | the agency's | the agency's | — | agencies it oversees |
| draft plans | the agency's | — | — | — |
| assignments, reports, evidence, unit plans, workbooks | every unit's | their unit's | — | every unit's |
| history of a row (who changed what, why) | yes | unit head: yes; staff: no | — | yes |
| initiatives, councils | all but drafts | theirs, their unit's sent, their council's | — | all but drafts |
| enterprises, dialogues | the agency's | the agency's | itself, dialogues it attends¹ | the agency's |
| feedback and petitions | all | those given to their unit | its own | all |
| enterprise criteria and results | all | — | its own results | all |
| tasks, their reports and evidence | every unit's | those their unit leads or joins | — | every unit's |
| activities, good examples | the agency's | the agency's | — | the agency's |
| unit scoring (chấm điểm thi đua) | all | unit head: their unit's sheet | — | all |
| published answers (/cong-khai/) | everyone, without logging in | | | |

¹ and, to sign up, the title, date and place of those still to come (its portal).

Dashboards are the Theo dõi overview, the target and unit pages and Toàn tỉnh; a unit head or staff
member reads every unit's dashboard but not another unit's reports.

Reading is never writing: a unit head or staff member writes only for their own unit
(`acts_for_unit`), an enterprise only for itself, an observer never. A person of another agency
is not told a row exists (404).
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
    # Plans and dashboards
    VIEW_DASHBOARDS = "tracking.view_dashboards", _("Xem kế hoạch và tình hình thực hiện của cơ quan")
    OVERSEE_AGENCIES = "tracking.oversee", _("Theo dõi các cơ quan trong tỉnh")
    VIEW_DRAFT_PLANS = "plans.view_draft", _("Xem kế hoạch dự thảo")
    IMPORT_PLANS = "plans.import", _("Nhập kế hoạch từ văn bản")
    EDIT_PLANS = "plans.edit", _("Sửa kế hoạch")
    PUBLISH_PLANS = "plans.publish", _("Ban hành kế hoạch")
    CLOSE_PLANS = "plans.close", _("Kết thúc kế hoạch")
    MANAGE_ORGANIZATION = "org.manage", _("Quản lý đơn vị, người dùng")
    # Tracking: assignments, reports, unit plans
    ASSIGN_TARGETS = "tracking.assign", _("Giao chỉ tiêu cho phòng, đơn vị")
    VIEW_ALL_REPORTS = "tracking.view_all", _("Xem báo cáo của mọi phòng, đơn vị")
    ENTER_REPORTS = "tracking.enter", _("Nhập số liệu báo cáo của đơn vị mình")
    SUBMIT_REPORTS = "tracking.submit", _("Gửi báo cáo của đơn vị mình")
    SUBMIT_UNIT_PLANS = "tracking.submit_unit_plan", _("Gửi kế hoạch thực hiện của đơn vị mình")
    REVIEW_REPORTS = "tracking.review", _("Duyệt hoặc trả lại báo cáo")
    SEND_UNIT_REPORTS = (
        "tracking.send_unit_report",
        _("Gửi báo cáo sơ kết, tổng kết, đột xuất và vướng mắc của đơn vị mình"),
    )
    REQUEST_UNIT_REPORTS = (
        "tracking.request_unit_reports",
        _("Yêu cầu, tiếp nhận báo cáo của đơn vị; trả lời vướng mắc"),
    )
    VIEW_AUDIT = "core.view_audit", _("Xem lịch sử thay đổi")
    # Initiatives
    REGISTER_INITIATIVES = "initiatives.register", _("Đăng ký sáng kiến cho đơn vị mình")
    ENDORSE_INITIATIVES = "initiatives.endorse", _("Xác nhận sáng kiến của đơn vị mình")
    VIEW_ALL_INITIATIVES = "initiatives.view_all", _("Xem sáng kiến, hội đồng sáng kiến của cơ quan")
    RECEIVE_INITIATIVES = "initiatives.receive", _("Tiếp nhận đơn sáng kiến")
    DECIDE_INITIATIVES = "initiatives.decide", _("Ghi quyết định công nhận sáng kiến")
    MANAGE_COUNCILS = "initiatives.manage_councils", _("Quản lý hội đồng sáng kiến")
    # Enterprises
    VIEW_ENTERPRISES = "engagement.view_enterprises", _("Xem doanh nghiệp, đối thoại doanh nghiệp")
    MANAGE_ENTERPRISES = "engagement.manage_enterprises", _("Quản lý danh sách doanh nghiệp")
    MANAGE_DIALOGUES = "engagement.manage_dialogues", _("Tổ chức đối thoại doanh nghiệp")
    VIEW_ALL_FEEDBACK = "engagement.view_feedback", _("Xem mọi phản ánh, kiến nghị")
    SEND_FEEDBACK = "engagement.send_feedback", _("Gửi phản ánh, kiến nghị của doanh nghiệp mình")
    REGISTER_DIALOGUES = "engagement.register_dialogues", _("Đăng ký cho doanh nghiệp mình dự đối thoại")
    MANAGE_FEEDBACK = "engagement.manage_feedback", _("Tiếp nhận, giao, kết thúc, công khai phản ánh")
    ANSWER_FEEDBACK = "engagement.answer_feedback", _("Trả lời phản ánh giao cho đơn vị mình")
    MANAGE_CRITERIA = "engagement.manage_criteria", _("Quản lý bộ tiêu chí thi đua doanh nghiệp")
    VIEW_ASSESSMENTS = "engagement.view_assessments", _("Xem kết quả thi đua của mọi doanh nghiệp")
    SELF_ASSESS = "engagement.self_assess", _("Tự chấm điểm thi đua của doanh nghiệp mình")
    VERIFY_ASSESSMENTS = "engagement.verify", _("Thẩm định kết quả tự chấm của doanh nghiệp")
    # Reminders
    FOLLOW_UP_PLANS = "notifications.follow_up", _("Đôn đốc thực hiện kế hoạch, nhận nhắc việc của cơ quan")
    RECEIVE_DIGEST = "notifications.digest", _("Nhận bản tin tuần của lãnh đạo")
    # Documents
    VIEW_DOCUMENTS = "documents.view", _("Xem báo cáo sơ kết, tổng kết của cơ quan")
    MANAGE_DOCUMENTS = "documents.manage", _("Soạn, sửa và ban hành báo cáo sơ kết, tổng kết")
    # Tasks: the plan's work and the tasks the province hands down, activities, good examples
    VIEW_ALL_TASKS = "tasks.view_all", _("Xem nhiệm vụ của mọi phòng, đơn vị")
    MANAGE_TASKS = "tasks.manage", _("Giao nhiệm vụ, vào sổ nhiệm vụ được giao, xác nhận hoàn thành")
    REPORT_TASKS = "tasks.report", _("Báo cáo kết quả nhiệm vụ của đơn vị mình")
    RECORD_ACTIVITIES = "tasks.record_activities", _("Ghi hoạt động tuyên truyền, điển hình tiên tiến")
    # Rewards
    REGISTER_AWARDS = "awards.register", _("Đăng ký thi đua của đơn vị mình")
    MANAGE_AWARDS = "awards.manage", _("Quản lý thi đua, khen thưởng")
    VIEW_AWARDS = "awards.view", _("Xem quyết định, tờ trình và sổ khen thưởng của cơ quan")
    VIEW_UNIT_SCORES = "awards.view_unit_scores", _("Xem kết quả chấm điểm thi đua của mọi đơn vị")
    SCORE_OWN_UNIT = "awards.score_own_unit", _("Tự chấm điểm thi đua của đơn vị mình")
    VERIFY_UNIT_SCORES = "awards.verify_unit_scores", _("Thẩm định điểm thi đua, xếp hạng các đơn vị")
    # Integrations (the REST API)
    MANAGE_INTEGRATIONS = "api.manage_tokens", _("Cấp, thu hồi mã truy cập API cho hệ thống khác")


C = Capability
# What every civil servant of the agency may do, whatever their place in it.
_AGENCY_PEOPLE = {C.VIEW_DASHBOARDS, C.VIEW_ENTERPRISES, C.REGISTER_INITIATIVES}
# What the office and the leaders share: they follow every unit and run the workflows.
_MANAGEMENT = _AGENCY_PEOPLE | {
    C.VIEW_DRAFT_PLANS,
    C.EDIT_PLANS,
    C.PUBLISH_PLANS,
    C.CLOSE_PLANS,
    C.VIEW_AUDIT,
    C.ASSIGN_TARGETS,
    C.VIEW_ALL_REPORTS,
    C.REVIEW_REPORTS,
    C.VIEW_ALL_INITIATIVES,
    C.DECIDE_INITIATIVES,
    C.MANAGE_DIALOGUES,
    C.VIEW_ALL_FEEDBACK,
    C.MANAGE_FEEDBACK,
    C.MANAGE_CRITERIA,
    C.VIEW_ASSESSMENTS,
    C.VERIFY_ASSESSMENTS,
    C.VIEW_AWARDS,
    C.VIEW_UNIT_SCORES,
    C.VIEW_DOCUMENTS,
    C.VIEW_ALL_TASKS,
}

ROLE_CAPABILITIES: dict[str, frozenset[str]] = {
    Role.OFFICE: frozenset(
        _MANAGEMENT
        | {
            C.IMPORT_PLANS,
            C.MANAGE_ORGANIZATION,
            C.RECEIVE_INITIATIVES,
            C.MANAGE_COUNCILS,
            C.MANAGE_ENTERPRISES,
            C.MANAGE_AWARDS,
            C.VERIFY_UNIT_SCORES,
            C.FOLLOW_UP_PLANS,
            C.MANAGE_DOCUMENTS,
            C.REQUEST_UNIT_REPORTS,
            C.MANAGE_TASKS,
            C.RECORD_ACTIVITIES,
            C.MANAGE_INTEGRATIONS,
        }
    ),
    Role.LEADER: frozenset(_MANAGEMENT | {C.RECEIVE_DIGEST}),
    Role.UNIT_HEAD: frozenset(
        _AGENCY_PEOPLE
        | {
            C.VIEW_AUDIT,
            C.ENTER_REPORTS,
            C.SUBMIT_REPORTS,
            C.SUBMIT_UNIT_PLANS,
            C.SEND_UNIT_REPORTS,
            C.ENDORSE_INITIATIVES,
            C.ANSWER_FEEDBACK,
            C.REGISTER_AWARDS,
            C.REPORT_TASKS,
            C.SCORE_OWN_UNIT,
        }
    ),
    Role.STAFF: frozenset(_AGENCY_PEOPLE | {C.ENTER_REPORTS, C.ANSWER_FEEDBACK, C.REPORT_TASKS}),
    Role.ENTERPRISE: frozenset({C.SEND_FEEDBACK, C.SELF_ASSESS, C.REGISTER_DIALOGUES}),
    Role.OBSERVER: frozenset(
        {
            C.VIEW_DASHBOARDS,
            C.OVERSEE_AGENCIES,
            C.VIEW_AUDIT,
            C.VIEW_ALL_REPORTS,
            C.VIEW_ALL_INITIATIVES,
            C.VIEW_ENTERPRISES,
            C.VIEW_ALL_FEEDBACK,
            C.VIEW_ASSESSMENTS,
            C.VIEW_UNIT_SCORES,
            C.VIEW_DOCUMENTS,
            C.VIEW_ALL_TASKS,
        }
    ),
}
# What another system may do with an API token of one agency (thidua.api): read like an observer of that
# agency (the public part of feedback only, no history), and with a read-write token also enter and send
# the figures of the one unit the token is given for, as that unit's own people do on the pages.
_INTEGRATION_READ = frozenset({C.VIEW_DASHBOARDS, C.VIEW_ALL_REPORTS, C.VIEW_ALL_INITIATIVES})
INTEGRATION_CAPABILITIES: dict[str, frozenset[str]] = {
    "read": _INTEGRATION_READ,
    "read_write": _INTEGRATION_READ | {C.ENTER_REPORTS, C.SUBMIT_REPORTS},
}
del C


def capabilities_of(roles: set[str]) -> frozenset[str]:
    return frozenset().union(*(ROLE_CAPABILITIES.get(role, frozenset()) for role in roles))


def roles_with(capability: str) -> list[str]:
    """The roles that carry `capability`: for queries over memberships (who is reminded of what)."""
    return [role for role, capabilities in ROLE_CAPABILITIES.items() if capability in capabilities]

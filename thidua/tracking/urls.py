from django.urls import path

from thidua.tracking.views import excel, reports, unit_plans, unit_reports

app_name = "tracking"

urlpatterns = [
    path("", reports.overview, name="overview"),
    path("tinh/", reports.province, name="province"),
    path("cho-duyet/", reports.review_queue, name="review_queue"),
    path("chi-tieu/<int:pk>/", reports.target_detail, name="target"),
    path("chi-tieu/<int:pk>/cach-do/", reports.target_measurement, name="target_measurement"),
    path("chi-tieu/<int:pk>/lo-trinh/", reports.target_milestones, name="target_milestones"),
    path("ke-hoach/<int:pk>/giao/", reports.plan_assign, name="plan_assign"),
    path("don-vi/<int:pk>/", reports.unit_detail, name="unit"),
    path("giao/<int:pk>/", reports.assignment_detail, name="assignment"),
    path("giao/<int:pk>/ky/<str:period>/", reports.report_open, name="report_open"),
    path("bao-cao/<int:pk>/", reports.report_detail, name="report"),
    path("bao-cao/<int:pk>/gui/", reports.report_submit, name="report_submit"),
    path("bao-cao/<int:pk>/duyet/", reports.report_review, name="report_review"),
    path("bao-cao/<int:pk>/dinh-chinh/", reports.report_correct, name="report_correct"),
    path("minh-chung/<int:pk>/", reports.evidence_download, name="evidence"),
    path("minh-chung/<int:pk>/xoa/", reports.evidence_delete, name="evidence_delete"),
    path("ke-hoach/<int:pk>/ke-hoach-don-vi/", unit_plans.unit_plans, name="unit_plans"),
    path("ke-hoach-don-vi/<int:pk>/", unit_plans.unit_plan_detail, name="unit_plan"),
    path("ke-hoach-don-vi/<int:pk>/tep/", unit_plans.unit_plan_file, name="unit_plan_file"),
    path("bao-cao-don-vi/", unit_reports.request_list, name="unit_report_requests"),
    path("bao-cao-don-vi/yeu-cau/<int:pk>/", unit_reports.request_detail, name="unit_report_request"),
    path("bao-cao-don-vi/yeu-cau/<int:pk>/lap/", unit_reports.unit_report_open, name="unit_report_open"),
    path("bao-cao-don-vi/<int:pk>/", unit_reports.unit_report_detail, name="unit_report"),
    path("bao-cao-don-vi/<int:pk>/gui/", unit_reports.unit_report_submit, name="unit_report_submit"),
    path("bao-cao-don-vi/<int:pk>/xu-ly/", unit_reports.unit_report_review, name="unit_report_review"),
    path("bao-cao-don-vi/tep/<int:pk>/", unit_reports.unit_report_file, name="unit_report_file"),
    path("vuong-mac/", unit_reports.difficulty_list, name="difficulties"),
    path("vuong-mac/thoi-han/", unit_reports.difficulty_rule, name="difficulty_rule"),
    path("vuong-mac/<int:pk>/", unit_reports.difficulty_detail, name="difficulty"),
    path("don-vi/<int:pk>/excel/nhap/", excel.unit_workbook_upload, name="unit_workbook_upload"),
    path("don-vi/<int:pk>/excel/<str:period>/", excel.unit_workbook, name="unit_workbook"),
]

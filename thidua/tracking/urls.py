from django.urls import include, path

from thidua.tracking import unit_plan_views, views

app_name = "tracking"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("tinh/", views.province, name="province"),
    path("cho-duyet/", views.review_queue, name="review_queue"),
    path("chi-tieu/<int:pk>/", views.target_detail, name="target"),
    path("chi-tieu/<int:pk>/cach-do/", views.target_measurement, name="target_measurement"),
    path("ke-hoach/<int:pk>/giao/", views.plan_assign, name="plan_assign"),
    path("don-vi/<int:pk>/", views.unit_detail, name="unit"),
    path("giao/<int:pk>/", views.assignment_detail, name="assignment"),
    path("giao/<int:pk>/ky/<str:period>/", views.report_open, name="report_open"),
    path("bao-cao/<int:pk>/", views.report_detail, name="report"),
    path("bao-cao/<int:pk>/gui/", views.report_submit, name="report_submit"),
    path("bao-cao/<int:pk>/duyet/", views.report_review, name="report_review"),
    path("bao-cao/<int:pk>/dinh-chinh/", views.report_correct, name="report_correct"),
    path("minh-chung/<int:pk>/", views.evidence_download, name="evidence"),
    path("minh-chung/<int:pk>/xoa/", views.evidence_delete, name="evidence_delete"),
    path("ke-hoach/<int:pk>/ke-hoach-don-vi/", unit_plan_views.unit_plans, name="unit_plans"),
    path("ke-hoach-don-vi/<int:pk>/", unit_plan_views.unit_plan_detail, name="unit_plan"),
    path("ke-hoach-don-vi/<int:pk>/tep/", unit_plan_views.unit_plan_file, name="unit_plan_file"),
    path("", include("thidua.tracking.excel_urls")),
]

"""The Excel round-trip; included by tracking/urls.py, so the names are used as `tracking:<name>`."""

from django.urls import path

from thidua.tracking import excel_views

urlpatterns = [
    path("don-vi/<int:pk>/excel/nhap/", excel_views.unit_workbook_upload, name="unit_workbook_upload"),
    path("don-vi/<int:pk>/excel/<str:period>/", excel_views.unit_workbook, name="unit_workbook"),
]

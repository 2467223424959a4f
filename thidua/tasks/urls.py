from django.urls import path

from thidua.tasks import views

app_name = "tasks"

urlpatterns = [
    path("", views.board, name="board"),
    path("xuat-excel/", views.board_export, name="board_export"),
    path("moi/", views.task_new, name="new"),
    path("<int:pk>/", views.task_detail, name="detail"),
    path("<int:pk>/bao-cao/", views.task_report, name="report"),
    path("<int:pk>/nhiem-vu-don-vi/", views.unit_task_new, name="unit_task_new"),
    path("<int:pk>/xac-nhan/", views.task_confirm, name="confirm"),
    path("<int:pk>/tra-lai/", views.task_return, name="return"),
    path("minh-chung/<int:pk>/", views.evidence, name="evidence"),
    path("duoc-giao/", views.handed_down, name="handed_down"),
    path("duoc-giao/moi/", views.handed_down_new, name="handed_down_new"),
    path("duoc-giao/nhap/", views.handed_down_import, name="handed_down_import"),
    path("ke-hoach/<int:pk>/giao/", views.from_plan, name="from_plan"),
    path("tuyen-truyen/", views.activities, name="activities"),
    path("tuyen-truyen/moi/", views.activity_new, name="activity_new"),
    path("dien-hinh/", views.good_examples, name="good_examples"),
    path("dien-hinh/moi/", views.good_example_new, name="good_example_new"),
    path("tuyen-truyen/<int:pk>/tep/", views.activity_file, name="activity_file"),
    path("dien-hinh/<int:pk>/tep/", views.good_example_file, name="good_example_file"),
]

from django.urls import path

from thidua.initiatives import views

app_name = "initiatives"

urlpatterns = [
    path("", views.initiative_list, name="list"),
    path("dang-ky/", views.initiative_create, name="create"),
    path("<int:pk>/", views.initiative_detail, name="detail"),
    path("<int:pk>/sua/", views.initiative_edit, name="edit"),
    path("<int:pk>/gui/", views.initiative_submit, name="submit"),
    path("<int:pk>/xac-nhan/", views.initiative_endorse, name="endorse"),
    path("<int:pk>/tiep-nhan/", views.initiative_receive, name="receive"),
    path("<int:pk>/hoi-dong/", views.council_review, name="council_review"),
    path("<int:pk>/quyet-dinh/", views.initiative_decide, name="decide"),
    path("<int:pk>/cap-tinh/", views.initiative_provincial, name="provincial"),
    path("tep/<int:pk>/", views.attachment_download, name="attachment"),
]

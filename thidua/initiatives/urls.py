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
    path("hoi-dong/", views.council_list, name="councils"),
    path("hoi-dong/lap/", views.council_create, name="council_create"),
    path("hoi-dong/<int:pk>/", views.council_detail, name="council_detail"),
    path("hoi-dong/<int:pk>/sua/", views.council_edit, name="council_edit"),
    path("hoi-dong/<int:pk>/thanh-vien/", views.council_member_add, name="council_member_add"),
    path("hoi-dong/thanh-vien/<int:pk>/sua/", views.council_member_edit, name="council_member_edit"),
    path("hoi-dong/thanh-vien/<int:pk>/bo/", views.council_member_remove, name="council_member_remove"),
    path("hoi-dong/<int:pk>/tieu-chi/", views.criterion_add, name="criterion_add"),
    path("hoi-dong/tieu-chi/<int:pk>/sua/", views.criterion_edit, name="criterion_edit"),
    path("hoi-dong/tieu-chi/<int:pk>/bo/", views.criterion_remove, name="criterion_remove"),
]

from django.urls import path

from thidua.awards import views

app_name = "awards"

urlpatterns = [
    path("can-bo/", views.person_list, name="people"),
    path("can-bo/<int:pk>/", views.person_detail, name="person"),
    path("xet-danh-hieu/", views.eligibility, name="eligibility"),
    path("dang-ky/", views.registration_list, name="registrations"),
    path("dang-ky/<int:pk>/", views.registration_detail, name="registration"),
    path("dang-ky/<int:pk>/gui/", views.registration_action, {"action": "gui"}, name="registration_submit"),
    path(
        "dang-ky/<int:pk>/tra-lai/",
        views.registration_action,
        {"action": "tra-lai"},
        name="registration_return",
    ),
    path(
        "dang-ky/<int:pk>/duyet/", views.registration_action, {"action": "duyet"}, name="registration_approve"
    ),
]

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

urlpatterns += [
    path("binh-xet/", views.nomination_list, name="nominations"),
    path("binh-xet/moi/", views.nomination_new, name="nomination_new"),
    path("binh-xet/<int:pk>/tra-lai/", views.nomination_return, name="nomination_return"),
    path("hoi-dong/", views.council, name="council"),
    path("hoi-dong/hop/<int:pk>/", views.meeting_detail, name="meeting"),
    path("hoi-dong/hop/<int:pk>/bo-phieu/", views.meeting_vote, name="meeting_vote"),
    path("hoi-dong/hop/<int:pk>/ket-thuc/", views.meeting_close, name="meeting_close"),
]

from django.urls import path

from thidua.awards.views import council, nominations, people, registrations

app_name = "awards"

urlpatterns = [
    path("can-bo/", people.person_list, name="people"),
    path("can-bo/<int:pk>/", people.person_detail, name="person"),
    path("xet-danh-hieu/", people.eligibility, name="eligibility"),
    path("dang-ky/", registrations.registration_list, name="registrations"),
    path("dang-ky/<int:pk>/", registrations.registration_detail, name="registration"),
    path(
        "dang-ky/<int:pk>/gui/",
        registrations.registration_action,
        {"action": "gui"},
        name="registration_submit",
    ),
    path(
        "dang-ky/<int:pk>/tra-lai/",
        registrations.registration_action,
        {"action": "tra-lai"},
        name="registration_return",
    ),
    path(
        "dang-ky/<int:pk>/duyet/",
        registrations.registration_action,
        {"action": "duyet"},
        name="registration_approve",
    ),
]

urlpatterns += [
    path("binh-xet/", nominations.nomination_list, name="nominations"),
    path("binh-xet/moi/", nominations.nomination_new, name="nomination_new"),
    path("binh-xet/<int:pk>/tra-lai/", nominations.nomination_return, name="nomination_return"),
    path("hoi-dong/", council.council_list, name="council"),
    path("hoi-dong/<int:year>/", council.council, name="council_year"),
    path("hoi-dong/hop/<int:pk>/", council.meeting_detail, name="meeting"),
    path("hoi-dong/hop/<int:pk>/bo-phieu/", council.meeting_vote, name="meeting_vote"),
    path("hoi-dong/hop/<int:pk>/ket-thuc/", council.meeting_close, name="meeting_close"),
    path("hoi-dong/hop/<int:pk>/bien-ban/", council.meeting_minutes, name="meeting_minutes"),
]

from django.urls import path

from thidua.awards.views import council, movement, nominations, people, registrations, scoring

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
    path("hoi-dong/", council.council, name="council"),
    path("hoi-dong/hop/<int:pk>/", council.meeting_detail, name="meeting"),
    path("hoi-dong/hop/<int:pk>/bo-phieu/", council.meeting_vote, name="meeting_vote"),
    path("hoi-dong/hop/<int:pk>/ket-thuc/", council.meeting_close, name="meeting_close"),
]

urlpatterns += [
    path("cham-diem/", scoring.scoring_overview, name="scoring"),
    path("cham-diem/bang/moi/", scoring.scoring_table_new, name="scoring_table_new"),
    path("cham-diem/bang/<int:pk>/", scoring.scoring_table, name="scoring_table"),
    path("cham-diem/bang/<int:pk>/them/", scoring.scoring_criterion_add, name="scoring_criterion_add"),
    path("cham-diem/bang/<int:pk>/tu-cham/", scoring.unit_score_start, name="unit_score_start"),
    path(
        "cham-diem/tieu-chi/<int:pk>/xoa/", scoring.scoring_criterion_remove, name="scoring_criterion_remove"
    ),
    path("cham-diem/<int:pk>/", scoring.unit_score, name="unit_score"),
    path("cham-diem/diem/<int:pk>/minh-chung/", scoring.unit_score_evidence, name="unit_score_evidence"),
    path("phong-trao/", movement.movement_list, name="movement_rewards"),
    path("phong-trao/<int:pk>/", movement.movement_detail, name="movement_reward"),
    path("phong-trao/<int:pk>/de-xuat/", movement.movement_propose, name="movement_propose"),
    path("phong-trao/de-xuat/<int:pk>/xac-nhan/", movement.proposal_confirm, name="proposal_confirm"),
    path("phong-trao/de-xuat/<int:pk>/bo-qua/", movement.proposal_discard, name="proposal_discard"),
]

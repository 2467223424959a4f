from django.urls import path

from thidua.awards.views import (
    book,
    council,
    decisions,
    dossier,
    holds,
    movement,
    nominations,
    people,
    ratings,
    registrations,
    scoring,
)

app_name = "awards"

urlpatterns = [
    path("can-bo/", people.person_list, name="people"),
    path("can-bo/<int:pk>/", people.person_detail, name="person"),
    path("xet-danh-hieu/", people.eligibility, name="eligibility"),
    path("dang-ky/", registrations.registration_list, name="registrations"),
    path("dang-ky/moi/", registrations.registration_new, name="registration_new"),
    path("dang-ky/<int:pk>/", registrations.registration_detail, name="registration"),
    path("dang-ky/<int:pk>/danh-hieu/", registrations.registration_title, name="registration_title"),
    path("dang-ky/<int:pk>/them/", registrations.registration_entry_add, name="registration_entry_add"),
    path(
        "dang-ky/ca-nhan/<int:pk>/xoa/",
        registrations.registration_entry_remove,
        name="registration_entry_remove",
    ),
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

urlpatterns += [
    path("quyet-dinh/", decisions.decision_list, name="decisions"),
    path("quyet-dinh/lap-tu-hoi-dong/", decisions.decisions_draft, name="decisions_draft"),
    path("quyet-dinh/moi/", decisions.paper_new, {"which": "quyet-dinh"}, name="decision_new"),
    path("quyet-dinh/<int:pk>/", decisions.decision_detail, name="decision"),
    path("quyet-dinh/<int:pk>/them/", decisions.decision_line_add, name="decision_line_add"),
    path("quyet-dinh/<int:pk>/ban-hanh/", decisions.decision_issue, name="decision_issue"),
    path("quyet-dinh/dong/<int:pk>/xoa/", decisions.decision_line_remove, name="decision_line_remove"),
    path("to-trinh/moi/", decisions.paper_new, {"which": "to-trinh"}, name="proposal_new"),
    path("to-trinh/<int:pk>/", decisions.proposal_detail, name="proposal"),
    path("to-trinh/<int:pk>/them/", decisions.proposal_line_add, name="proposal_line_add"),
    path("to-trinh/<int:pk>/trinh/", decisions.proposal_send, name="proposal_send"),
    path("to-trinh/<int:pk>/ket-qua/", decisions.proposal_outcome, name="proposal_outcome"),
    path("to-trinh/dong/<int:pk>/xoa/", decisions.proposal_line_remove, name="proposal_line_remove"),
    path("to-trinh/<int:pk>/ho-so/them/", dossier.proposal_file_add, name="proposal_file_add"),
    path("to-trinh/ho-so/<int:pk>/", dossier.proposal_file, name="proposal_file"),
    path("to-trinh/ho-so/<int:pk>/xoa/", dossier.proposal_file_remove, name="proposal_file_remove"),
    path("so-khen-thuong/", book.book, name="book"),
    path("so-khen-thuong/thong-ke/", book.book_stats, name="book_stats"),
    path("so-khen-thuong/don-vi/<int:pk>/", book.book_unit, name="book_unit"),
    path("so-khen-thuong/don-vi/<int:pk>/tam-dung/moi/", holds.unit_hold_new, name="unit_hold_new"),
    path("so-khen-thuong/don-vi/tam-dung/<int:pk>/sua/", holds.unit_hold_edit, name="unit_hold_edit"),
    path("so-khen-thuong/nhap/", book.book_import, name="book_import"),
    path("so-khen-thuong/mau-nhap/", book.book_template, name="book_template"),
]

# The staff register kept by the office, and the units' yearly ratings.
urlpatterns += [
    path("can-bo/moi/", ratings.person_new, name="person_new"),
    path("can-bo/<int:pk>/sua/", ratings.person_edit, name="person_edit"),
    path("can-bo/xuat-excel/", ratings.register_export, name="register_export"),
    path("can-bo/nhap-excel/", ratings.register_import, name="register_import"),
    path("can-bo/<int:pk>/ky-luat/moi/", ratings.discipline_new, name="discipline_new"),
    path("can-bo/ky-luat/<int:pk>/sua/", ratings.discipline_edit, name="discipline_edit"),
    path("can-bo/<int:pk>/tam-dung/moi/", ratings.hold_new, name="hold_new"),
    path("can-bo/tam-dung/<int:pk>/sua/", ratings.hold_edit, name="hold_edit"),
    path("can-bo/<int:pk>/nghi/moi/", ratings.leave_new, name="leave_new"),
    path("can-bo/nghi/<int:pk>/sua/", ratings.leave_edit, name="leave_edit"),
    path("xep-loai/", ratings.rating_overview, name="ratings"),
    path("xep-loai/<int:year>/don-vi/<int:pk>/", ratings.rating_unit, name="rating_unit"),
    path("xep-loai/<int:year>/don-vi/<int:pk>/mau-excel/", ratings.rating_template, name="rating_template"),
    path("xep-loai/<int:year>/don-vi/<int:pk>/nhap-excel/", ratings.rating_import, name="rating_import"),
    path(
        "xep-loai/<int:year>/don-vi/<int:pk>/gui/",
        ratings.rating_action,
        {"action": "gui"},
        name="rating_submit",
    ),
    path(
        "xep-loai/<int:year>/don-vi/<int:pk>/xac-nhan/",
        ratings.rating_action,
        {"action": "xac-nhan"},
        name="rating_confirm",
    ),
    path(
        "xep-loai/<int:year>/don-vi/<int:pk>/tra-lai/",
        ratings.rating_action,
        {"action": "tra-lai"},
        name="rating_return",
    ),
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

from django.urls import path

from thidua.engagement import views

app_name = "engagement"

urlpatterns = [
    path("phan-anh/", views.feedback_list, name="feedback_list"),
    path("phan-anh/gui/", views.feedback_new, name="feedback_new"),
    path("phan-anh/<int:pk>/", views.feedback_detail, name="feedback"),
    path("phan-anh/<int:pk>/giao/", views.feedback_assign, name="feedback_assign"),
    path("phan-anh/<int:pk>/tra-loi/", views.feedback_answer, name="feedback_answer"),
    path("phan-anh/<int:pk>/chuyen/", views.feedback_forward, name="feedback_forward"),
    path("phan-anh/<int:pk>/ket-thuc/", views.feedback_close, name="feedback_close"),
    path("phan-anh/<int:pk>/cong-khai/", views.feedback_publish, name="feedback_publish"),
    path("doi-thoai/", views.dialogue_list, name="dialogues"),
    path("doi-thoai/moi/", views.dialogue_new, name="dialogue_new"),
    path("doi-thoai/<int:pk>/", views.dialogue_detail, name="dialogue"),
    path("tep/<int:pk>/", views.attachment_download, name="attachment"),
    path("danh-sach/", views.enterprise_list, name="enterprises"),
    path("danh-sach/nhap/", views.enterprise_import, name="enterprise_import"),
    path("ket-qua/", views.assessment_list, name="assessments"),
    path("ket-qua/<int:pk>/", views.assessment_detail, name="assessment"),
    path("tieu-chi/", views.criterion_set_list, name="criterion_sets"),
    path("tieu-chi/moi/", views.criterion_set_new, name="criterion_set_new"),
    path("tieu-chi/<int:pk>/", views.criterion_set_detail, name="criterion_set"),
    path("tieu-chi/<int:pk>/them/", views.criterion_add, name="criterion_add"),
    path("tieu-chi/<int:pk>/sao-chep/", views.criterion_set_copy, name="criterion_set_copy"),
    path("tieu-chi/<int:pk>/tu-cham/", views.assessment_start, name="assessment_start"),
    path("tieu-chi/muc/<int:pk>/sua/", views.criterion_edit, name="criterion_edit"),
    path("tieu-chi/muc/<int:pk>/xoa/", views.criterion_remove, name="criterion_remove"),
    path("diem/<int:pk>/minh-chung/", views.score_evidence, name="score_evidence"),
]

from django.urls import path

from thidua.engagement.views import internal, portal

app_name = "engagement"

urlpatterns = [
    path("cua-toi/", portal.portal, name="portal"),
    path("phan-anh/", internal.feedback_list, name="feedback_list"),
    path("phan-anh/gui/", internal.feedback_new, name="feedback_new"),
    path("phan-anh/<int:pk>/", internal.feedback_detail, name="feedback"),
    path("phan-anh/<int:pk>/giao/", internal.feedback_assign, name="feedback_assign"),
    path("phan-anh/<int:pk>/tra-loi/", internal.feedback_answer, name="feedback_answer"),
    path("phan-anh/<int:pk>/chuyen/", internal.feedback_forward, name="feedback_forward"),
    path("phan-anh/<int:pk>/ket-thuc/", internal.feedback_close, name="feedback_close"),
    path("phan-anh/<int:pk>/cong-khai/", internal.feedback_publish, name="feedback_publish"),
    path("doi-thoai/", internal.dialogue_list, name="dialogues"),
    path("doi-thoai/moi/", internal.dialogue_new, name="dialogue_new"),
    path("doi-thoai/<int:pk>/", internal.dialogue_detail, name="dialogue"),
    path("doi-thoai/<int:pk>/dang-ky/", portal.dialogue_register, name="dialogue_register"),
    path("tep/<int:pk>/", internal.attachment_download, name="attachment"),
    path("danh-sach/", internal.enterprise_list, name="enterprises"),
    path("danh-sach/nhap/", internal.enterprise_import, name="enterprise_import"),
    path("ket-qua/", internal.assessment_list, name="assessments"),
    path("ket-qua/<int:pk>/", internal.assessment_detail, name="assessment"),
    path("tieu-chi/", internal.criterion_set_list, name="criterion_sets"),
    path("tieu-chi/moi/", internal.criterion_set_new, name="criterion_set_new"),
    path("tieu-chi/<int:pk>/", internal.criterion_set_detail, name="criterion_set"),
    path("tieu-chi/<int:pk>/them/", internal.criterion_add, name="criterion_add"),
    path("tieu-chi/<int:pk>/sao-chep/", internal.criterion_set_copy, name="criterion_set_copy"),
    path("tieu-chi/<int:pk>/tu-cham/", internal.assessment_start, name="assessment_start"),
    path("tieu-chi/muc/<int:pk>/sua/", internal.criterion_edit, name="criterion_edit"),
    path("tieu-chi/muc/<int:pk>/xoa/", internal.criterion_remove, name="criterion_remove"),
    path("diem/<int:pk>/minh-chung/", internal.score_evidence, name="score_evidence"),
]

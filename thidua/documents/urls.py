from django.urls import path

from thidua.documents import views

app_name = "documents"

urlpatterns = [
    path("", views.document_list, name="list"),
    path("tao/", views.document_generate, name="generate"),
    path("tao/<slug:kind>/<int:pk>/", views.document_generate_for, name="generate_for"),
    path("mau/", views.template_list, name="templates"),
    path("mau/<slug:kind>/tai-len/", views.template_upload, name="template_upload"),
    path("mau/<slug:kind>/mac-dinh/", views.template_reset, name="template_reset"),
    path("<int:pk>/", views.document_detail, name="document"),
    path("<int:pk>/sua/", views.document_edit, name="edit"),
    path("<int:pk>/ban-hanh/", views.document_issue, name="issue"),
    path("<int:pk>/tai/<str:fmt>/", views.document_download, name="download"),
]

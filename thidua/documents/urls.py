from django.urls import path

from thidua.documents import views

app_name = "documents"

urlpatterns = [
    path("", views.document_list, name="list"),
    path("tao/", views.document_generate, name="generate"),
    path("<int:pk>/", views.document_detail, name="document"),
    path("<int:pk>/sua/", views.document_edit, name="edit"),
    path("<int:pk>/ban-hanh/", views.document_issue, name="issue"),
    path("<int:pk>/tai/<str:fmt>/", views.document_download, name="download"),
]

from django.urls import path

from thidua.plans import views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("nhap-van-ban/", views.plan_import, name="import"),
    path("thoi-han/<int:pk>/hoan-thanh/", views.deadline_complete, name="deadline_complete"),
    path("ban-nhap/<int:pk>/", views.draft_review, name="draft"),
    path("ban-nhap/<int:pk>/huy/", views.draft_discard, name="draft_discard"),
]

"""Public pages, no login: include under "cong-khai/" in thidua/urls.py."""

from django.urls import path

from thidua.engagement import public_views

app_name = "engagement_public"

urlpatterns = [
    path("phan-anh-kien-nghi/", public_views.published_answers, name="answers"),
    path("phan-anh-kien-nghi/<int:pk>/", public_views.published_answer, name="answer"),
]

"""Public pages, no login, the second urlconf of the app: thidua/urls.py includes it under
"cong-khai/" (the prefix of every public page) rather than the app's "doanh-nghiep/", and in
its own namespace `engagement_public`."""

from django.urls import path

from thidua.engagement.views import public

app_name = "engagement_public"

urlpatterns = [
    path("phan-anh-kien-nghi/", public.published_answers, name="answers"),
    path("phan-anh-kien-nghi/<int:pk>/", public.published_answer, name="answer"),
]

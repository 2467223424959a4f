from django.urls import path

from thidua.api import views

app_name = "integrations"

urlpatterns = [
    path("", views.tokens, name="tokens"),
    path("<int:pk>/thu-hoi/", views.token_revoke, name="token_revoke"),
]

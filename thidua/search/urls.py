from django.urls import path

from thidua.search import views

app_name = "search"

urlpatterns = [
    path("", views.results, name="results"),
]

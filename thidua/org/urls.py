from django.urls import path

from thidua.org import views

app_name = "org"

urlpatterns = [
    path("doi-mat-khau/", views.PasswordChangeView.as_view(), name="password_change"),
    path("nguoi-dung/", views.people, name="people"),
    path("nguoi-dung/<int:pk>/mat-khau/", views.person_password, name="person_password"),
    path("nguoi-dung/<int:pk>/gui-lien-ket/", views.person_reset_link, name="person_reset_link"),
]

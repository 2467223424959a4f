from django.urls import include, path

from thidua.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.calendar_list, name="calendar"),
    path("thang/", views.calendar_month, name="month"),
    path("", include("thidua.notifications.inbox_urls")),
    path("", include("thidua.notifications.feed_urls")),
]

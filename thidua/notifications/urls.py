from django.urls import path

from thidua.notifications.views import calendar, feeds, inbox

app_name = "notifications"

urlpatterns = [
    path("", calendar.calendar_list, name="calendar"),
    path("thang/", calendar.calendar_month, name="month"),
    path("thong-bao/", inbox.inbox, name="inbox"),
    path("thong-bao/<int:pk>/", inbox.notification, name="notification"),
    path("ics/<str:token>.ics", feeds.feed, name="feed"),
    path("lich-cua-toi/", feeds.feed_settings, name="feed_settings"),
]

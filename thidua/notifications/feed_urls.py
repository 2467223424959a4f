from django.urls import path

from thidua.notifications import feed_views

# Included inside the `notifications` namespace (thidua/notifications/urls.py): no app_name here.
urlpatterns = [
    path("ics/<str:token>.ics", feed_views.feed, name="feed"),
    path("lich-cua-toi/", feed_views.feed_settings, name="feed_settings"),
]

from django.urls import path

from thidua.notifications import inbox_views

# Included inside the `notifications` namespace (thidua/notifications/urls.py): no app_name here.
urlpatterns = [
    path("thong-bao/", inbox_views.inbox, name="inbox"),
    path("thong-bao/<int:pk>/", inbox_views.notification, name="notification"),
]

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from thidua import views
from thidua.api.api import api
from thidua.core.health import health
from thidua.org import views as org_views

urlpatterns = [
    path("", views.home, name="home"),
    path("suc-khoe/", health, name="health"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("dang-nhap/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("tai-khoan/", include("thidua.org.urls")),
    path("quen-mat-khau/", org_views.password_reset, name="password_reset"),
    path("quen-mat-khau/da-gui/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "dat-lai-mat-khau/<uidb64>/<token>/",
        org_views.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path(
        "dat-lai-mat-khau/xong/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path("ke-hoach/", include("thidua.plans.urls")),
    path("theo-doi/", include("thidua.tracking.urls")),
    path("nhiem-vu/", include("thidua.tasks.urls")),
    path("lich/", include("thidua.notifications.urls")),
    path("sang-kien/", include("thidua.initiatives.urls")),
    path("doanh-nghiep/", include("thidua.engagement.urls")),
    path("thi-dua/", include("thidua.awards.urls")),
    path("van-ban/", include("thidua.documents.urls")),
    path("tim-kiem/", include("thidua.search.urls")),
    path("cong-khai/", include("thidua.engagement.public_urls")),
    path("ket-noi-api/", include("thidua.api.urls")),
    path("api/", api.urls),
    path("quan-tri/", admin.site.urls),
]

admin.site.site_header = "Thi Đua — Quản trị"
admin.site.site_title = "Thi Đua"

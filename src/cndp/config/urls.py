from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from cndp.accounts import views as account_views
from cndp.core import views as core_views
from cndp.core.api.tokens import ObtainExpiringAuthToken

api_patterns = [
    path("", core_views.api_root, name="api-root"),
    path("places/", include("cndp.places.api.urls")),
    path("accounts/", include("cndp.accounts.api.urls")),
    path("party/", include("cndp.party.api.urls")),
    path("congress/", include("cndp.congress.api.urls")),
    path("elections/", include("cndp.elections.api.urls")),
    path("extension/", include("cndp.extension.api.urls")),
    path("obligations/", include("cndp.obligations.api.urls")),
    path("indicators/", include("cndp.indicators.api.urls")),
    path("clusters/", include("cndp.clusters.api.urls")),
    path("followup/", include("cndp.followup.api.urls")),
    path("token/", ObtainExpiringAuthToken.as_view(), name="api-token"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # Signed-in users only (the schema answers 401 / 403); the split view serves Swagger UI's start-up
    # script as a file, so the page needs no inline script under the Content-Security-Policy.
    path(
        "docs/",
        login_required(SpectacularSwaggerSplitView.as_view(url_name="api-schema")),
        name="api-docs",
    ),
]

urlpatterns = [
    path("", core_views.home, name="home"),
    path("search/", core_views.search, name="search"),
    path("jobs/", include("cndp.core.jobs.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("login/", account_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/change/", account_views.PasswordChangeView.as_view(), name="password_change"),
    path("password/change/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("password/reset/", account_views.PasswordResetView.as_view(), name="password_reset"),
    path("password/reset/done/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        account_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("places/", include("cndp.places.urls")),
    path("accounts/", include("cndp.accounts.urls")),
    path("party/", include("cndp.party.urls")),
    path("congress/", include("cndp.congress.urls")),
    path("elections/", include("cndp.elections.urls")),
    path("extension/", include("cndp.extension.urls")),
    path("obligations/", include("cndp.obligations.urls")),
    path("indicators/", include("cndp.indicators.urls")),
    path("followup/", include("cndp.followup.urls")),
    path("clusters/", include("cndp.clusters.urls")),
    path("api/", include(api_patterns)),
    path("admin/", admin.site.urls),
]

handler404 = "cndp.core.api.errors.page_not_found"

admin.site.site_header = "CNĐP — Quản trị"
admin.site.site_title = "CNĐP"
admin.site.index_title = "Quản trị hệ thống"

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

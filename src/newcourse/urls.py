from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from newcourse.accounts import views as accounts_views
from newcourse.accounts.forms import OperatorLogin
from newcourse.api import problems
from newcourse.web import refusals

# The operator's login counts wrong passwords with the members' (`accounts.throttle`).
admin.site.login_form = OperatorLogin

urlpatterns = [
    path("accounts/login/", accounts_views.Login.as_view(), name="login"),
    path(
        "accounts/password_reset/",
        accounts_views.ResetRequestPage.as_view(),
        name="password_reset",
    ),
    path(
        "accounts/password_change/",
        accounts_views.PasswordChangePage.as_view(),
        name="password_change",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("operator/", admin.site.urls),
    path("", include("newcourse.web.urls")),
    path("", include("newcourse.record.urls")),
    path("", include("newcourse.offices.urls")),
    path("", include("newcourse.rules.urls")),
    path("", include("newcourse.conferences.urls")),
    path("", include("newcourse.floor.urls")),
    path("", include("newcourse.tendencies.urls")),
    path("", include("newcourse.notices.urls")),
    path("", include("newcourse.discipline.urls")),
    path("", include("newcourse.actions.urls")),
    path("", include("newcourse.elections.urls")),
    path("api/v1/", include("newcourse.api.urls")),
    path("", include("newcourse.organisation.urls")),
]


def handler500(request: HttpRequest) -> HttpResponse:
    """What escaped every view and middleware: problem details under /api/, a page elsewhere;
    the database down is 503 either way (`newcourse.outage`)."""
    if request.path.startswith("/api/"):
        return problems.server_error(request)
    return refusals.server_error(request)

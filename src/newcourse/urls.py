from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("operator/", admin.site.urls),
    path("", include("newcourse.web.urls")),
    path("", include("newcourse.record.urls")),
    path("", include("newcourse.offices.urls")),
    path("", include("newcourse.elections.urls")),
    path("api/v1/", include("newcourse.api.urls")),
    path("", include("newcourse.organisation.urls")),
]

from django.urls import path

from . import health, live, views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("bodies/<slug:slug>/", views.body_detail, name="body"),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    # Streams of server-sent events: `newcourse.asgi` serves this prefix without a thread each.
    path("live/<str:channel>/", live.stream, name="live"),
]

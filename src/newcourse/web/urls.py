from django.urls import path

from . import live, views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("bodies/<slug:slug>/", views.body_detail, name="body"),
    # Streams of server-sent events: `newcourse.asgi` serves this prefix without a thread each.
    path("live/<str:channel>/", live.stream, name="live"),
]

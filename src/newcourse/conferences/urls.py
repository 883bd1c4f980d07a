from django.urls import path

from . import views

urlpatterns = [
    path("conferences/<int:pk>/", views.conference_page, name="conference"),
    path("conferences/<int:pk>/motions/submit/", views.motion_submit, name="motion_submit"),
    path("motions/<int:pk>/", views.motion_page, name="motion"),
    path("bodies/<slug:slug>/conferences/call/", views.call, name="conference_call"),
]

from django.urls import path

from . import views

urlpatterns = [
    path("conferences/<int:pk>/", views.conference_page, name="conference"),
    path("bodies/<slug:slug>/conferences/call/", views.call, name="conference_call"),
]

from django.urls import path

from . import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("bodies/<slug:slug>/", views.body_detail, name="body"),
]

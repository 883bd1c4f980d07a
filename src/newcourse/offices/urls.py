from django.urls import path

from . import views

urlpatterns = [
    path("bodies/<slug:slug>/offices/new/", views.office_new, name="office_new"),
]

from django.urls import path

from . import views

urlpatterns = [
    path("bodies/<slug:slug>/actions/", views.action_list, name="actions"),
    path("bodies/<slug:slug>/actions/new/", views.action_create, name="action_create"),
    path("bodies/<slug:slug>/actions/report/", views.action_report, name="action_report"),
    path("actions/<int:pk>/", views.action_detail, name="action"),
    path("actions/<int:pk>/update/", views.action_update, name="action_update"),
    path("actions/<int:pk>/drop/", views.action_drop, name="action_drop"),
]

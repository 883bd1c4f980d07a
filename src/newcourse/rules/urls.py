from django.urls import path

from . import views

urlpatterns = [
    path("bodies/<slug:slug>/rules/", views.rules_page, name="rules"),
    path("bodies/<slug:slug>/rules/propose/", views.propose, name="rules_propose"),
    path("bodies/<slug:slug>/rules/<int:number>/", views.version_page, name="rules_version"),
    path("rule-changes/<int:pk>/", views.change_page, name="rule_change"),
]

from django.urls import path

from . import views

urlpatterns = [
    path("bodies/<slug:slug>/tendencies/", views.tendency_list, name="tendencies"),
    path(
        "bodies/<slug:slug>/tendencies/propose/",
        views.tendency_propose,
        name="tendency_propose",
    ),
    path("tendencies/<int:pk>/", views.tendency_detail, name="tendency"),
    path("tendencies/<int:pk>/sign/", views.tendency_sign, name="tendency_sign"),
    path("tendencies/<int:pk>/withdraw/", views.tendency_withdraw, name="tendency_withdraw"),
    path("tendencies/<int:pk>/dissolve/", views.tendency_dissolve, name="tendency_dissolve"),
]

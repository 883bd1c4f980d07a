from django.urls import path

from . import views

urlpatterns = [
    path("notices/", views.preferences, name="notice_preferences"),
    path("notices/stop/<str:token>/", views.unsubscribe, name="notice_unsubscribe"),
]

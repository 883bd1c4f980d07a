from django.urls import path

from . import views

urlpatterns = [
    path("conferences/<int:pk>/", views.conference_page, name="conference"),
    path("conferences/<int:pk>/motions/submit/", views.motion_submit, name="motion_submit"),
    path("motions/<int:pk>/", views.motion_page, name="motion"),
    path("motions/<int:pk>/amend/", views.amendment_submit, name="amendment_submit"),
    path("amendments/<int:pk>/accept/", views.amendment_accept, name="amendment_accept"),
    path("bodies/<slug:slug>/conferences/call/", views.call, name="conference_call"),
]

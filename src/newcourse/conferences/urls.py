from django.urls import path

from . import views, views_committees

urlpatterns = [
    path("conferences/<int:pk>/", views.conference_page, name="conference"),
    path("conferences/<int:pk>/motions/submit/", views.motion_submit, name="motion_submit"),
    path(
        "conferences/<int:pk>/committees/name/",
        views_committees.committee_name,
        name="committee_name",
    ),
    path("conferences/<int:pk>/rulings/new/", views_committees.ruling_make, name="ruling_make"),
    path(
        "conferences/<int:pk>/composites/new/",
        views_committees.composite_draft,
        name="composite_draft",
    ),
    path("composites/<int:pk>/", views_committees.composite_page, name="composite"),
    path(
        "composites/<int:pk>/motions/<int:motion>/answer/",
        views_committees.composite_answer,
        name="composite_answer",
    ),
    path("motions/<int:pk>/", views.motion_page, name="motion"),
    path("motions/<int:pk>/amend/", views.amendment_submit, name="amendment_submit"),
    path("amendments/<int:pk>/accept/", views.amendment_accept, name="amendment_accept"),
    path("bodies/<slug:slug>/conferences/call/", views.call, name="conference_call"),
]

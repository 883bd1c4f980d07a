from django.urls import path

from . import views, views_minutes, views_speakers

urlpatterns = [
    path("conferences/<int:pk>/floor/", views.floor_page, name="floor"),
    path("conferences/<int:pk>/floor/projector/", views.floor_projector, name="floor_projector"),
    path("conferences/<int:pk>/floor/open/", views.floor_open, name="floor_open"),
    path("conferences/<int:pk>/floor/take-up/", views.floor_take_up, name="floor_take_up"),
    path("conferences/<int:pk>/floor/check-in/", views.delegate_check_in, name="floor_check_in"),
    path(
        "conferences/<int:pk>/floor/check-out/<int:credential>/",
        views.delegate_check_out,
        name="floor_check_out",
    ),
    path("conferences/<int:pk>/floor/votes/", views.floor_vote_open, name="floor_vote_open"),
    path(
        "conferences/<int:pk>/floor/votes/<int:vote>/cast/",
        views.floor_vote_cast,
        name="floor_vote_cast",
    ),
    path(
        "conferences/<int:pk>/floor/votes/<int:vote>/demand/",
        views.floor_demand,
        name="floor_demand",
    ),
    path("conferences/<int:pk>/floor/declare/", views.delegate_declare, name="floor_declare"),
    path(
        "conferences/<int:pk>/floor/speakers/ask/", views_speakers.speaker_ask, name="speaker_ask"
    ),
    path(
        "conferences/<int:pk>/floor/speakers/next/",
        views_speakers.speaker_next,
        name="speaker_next",
    ),
    path(
        "conferences/<int:pk>/floor/speakers/end/", views_speakers.speaker_end, name="speaker_end"
    ),
    path(
        "conferences/<int:pk>/floor/speakers/rules/",
        views_speakers.speakers_list_set,
        name="speakers_list_set",
    ),
    path(
        "conferences/<int:pk>/floor/speakers/<int:speaker>/withdraw/",
        views_speakers.speaker_withdraw,
        name="speaker_withdraw",
    ),
    path(
        "conferences/<int:pk>/floor/speakers/<int:speaker>/place/",
        views_speakers.speaker_place,
        name="speaker_place",
    ),
    path(
        "conferences/<int:pk>/floor/speakers/<int:speaker>/remove/",
        views_speakers.speaker_remove,
        name="speaker_remove",
    ),
    path(
        "conferences/<int:pk>/floor/votes/<int:vote>/close/",
        views.floor_vote_close,
        name="floor_vote_close",
    ),
]

# The minutes: pages that only read.
urlpatterns += [
    path("conferences/<int:pk>/minutes/", views_minutes.minutes_page, name="floor_minutes"),
    path("conferences/<int:pk>/minutes.md", views_minutes.minutes_md, name="floor_minutes_md"),
    path("conferences/<int:pk>/minutes.pdf", views_minutes.minutes_pdf, name="floor_minutes_pdf"),
]

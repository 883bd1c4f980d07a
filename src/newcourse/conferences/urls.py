from django.urls import path

from . import (
    views,
    views_agenda,
    views_committees,
    views_credentials,
    views_mandates,
    views_priorities,
    views_programme,
)

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
    path("conferences/<int:pk>/agenda/", views_agenda.agenda_page, name="conference_agenda"),
    path(
        "conferences/<int:pk>/agenda/publish/",
        views_agenda.agenda_publish,
        name="agenda_publish",
    ),
    path(
        "conferences/<int:pk>/agenda/<int:position>/decide/",
        views_agenda.decision_record,
        name="decision_record",
    ),
    path("conferences/<int:pk>/papers/", views_agenda.papers_page, name="conference_papers"),
    path(
        "conferences/<int:pk>/papers.pdf",
        views_agenda.papers_pdf,
        name="conference_papers_pdf",
    ),
    path(
        "conferences/<int:pk>/priorities/",
        views_priorities.priorities_page,
        name="conference_priorities",
    ),
    path(
        "conferences/<int:pk>/priorities/open/",
        views_priorities.priorities_open,
        name="priorities_open",
    ),
    path(
        "conferences/<int:pk>/priorities/vote/",
        views_priorities.priorities_vote,
        name="priorities_vote",
    ),
    path("motions/<int:pk>/", views.motion_page, name="motion"),
    path("motions/<int:pk>/amend/", views.amendment_submit, name="amendment_submit"),
    path("amendments/<int:pk>/accept/", views.amendment_accept, name="amendment_accept"),
    path("bodies/<slug:slug>/conferences/call/", views.call, name="conference_call"),
    path("bodies/<slug:slug>/programme/", views_programme.programme_page, name="programme"),
    path(
        "bodies/<slug:slug>/programme/found/",
        views_programme.programme_found,
        name="programme_found",
    ),
]

# Credentials: the report, the committee's review, a challenge, standing down, the card.
urlpatterns += [
    path(
        "conferences/<int:pk>/credentials/",
        views_credentials.credentials_report,
        name="conference_credentials",
    ),
    path(
        "conferences/credentials/<int:pk>/review/",
        views_credentials.credential_review,
        name="credential_review",
    ),
    path(
        "conferences/credentials/<int:pk>/challenge/",
        views_credentials.credential_challenge,
        name="credential_challenge",
    ),
    path(
        "conferences/credentials/<int:pk>/stand-down/",
        views_credentials.credential_stand_down,
        name="credential_stand_down",
    ),
    path("credentials/<str:token>/", views_credentials.credential_card, name="credential_card"),
]

# Mandates: a unit's instructions to its delegation.
urlpatterns += [
    path(
        "conferences/<int:pk>/instructions/<slug:slug>/",
        views_mandates.instructions_page,
        name="conference_instructions",
    ),
]

from django.urls import path

from . import views, views_credentials, views_verifiable

urlpatterns = [
    path("offices/<int:pk>/", views.office_detail, name="office"),
    path("elections/<int:pk>/", views.election_detail, name="election"),
    path("elections/<int:pk>/nominate/", views.nominate, name="nominate"),
    path("elections/<int:pk>/vote/", views.vote, name="vote"),
    path("elections/<int:pk>/ballots/", views.ballots, name="ballots"),
    path("elections/<int:pk>/ballots.blt", views.ballots_blt, name="ballots_blt"),
    path("elections/<int:pk>/board/", views_verifiable.board, name="board"),
    path("elections/<int:pk>/board/cast/", views_verifiable.board_cast, name="board_cast"),
    path("elections/<int:pk>/board/audit/", views_verifiable.board_audit, name="board_audit"),
    path("elections/<int:pk>/tellers/", views_verifiable.tellers, name="tellers"),
    path(
        "elections/<int:pk>/tellers/for-tellers.zip",
        views_verifiable.tellers_zip,
        name="tellers_zip",
    ),
    path(
        "elections/<int:pk>/tellers/<slug:name>.json",
        views_verifiable.teller_bundle,
        name="teller_bundle",
    ),
    path("elections/<int:pk>/record.zip", views_verifiable.record_zip, name="election_record"),
    path(
        "elections/<int:pk>/credentials.json",
        views_verifiable.credentials_json,
        name="election_credentials",
    ),
    path(
        "elections/<int:pk>/credentials/",
        views_credentials.credentials,
        name="election_credentials_authority",
    ),
    path(
        "elections/<int:pk>/credentials/electors.json",
        views_credentials.electors_json,
        name="election_electors",
    ),
    path("candidates/<int:pk>/second/", views.candidate_second, name="candidate_second"),
    path("candidates/<int:pk>/accept/", views.candidate_accept, name="candidate_accept"),
    path("candidates/<int:pk>/withdraw/", views.candidate_withdraw, name="candidate_withdraw"),
    path("terms/<int:term_pk>/recall/", views.recall_open, name="recall_open"),
    path("recall/<int:pk>/", views.petition_detail, name="recall"),
]

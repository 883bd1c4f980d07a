from django.urls import path

from . import views

urlpatterns = [
    path("offices/<int:pk>/", views.office_detail, name="office"),
    path("elections/<int:pk>/", views.election_detail, name="election"),
    path("elections/<int:pk>/nominate/", views.nominate, name="nominate"),
    path("elections/<int:pk>/vote/", views.vote, name="vote"),
    path("elections/<int:pk>/ballots/", views.ballots, name="ballots"),
    path("elections/<int:pk>/ballots.blt", views.ballots_blt, name="ballots_blt"),
    path("candidates/<int:pk>/second/", views.candidate_second, name="candidate_second"),
    path("candidates/<int:pk>/accept/", views.candidate_accept, name="candidate_accept"),
    path("candidates/<int:pk>/withdraw/", views.candidate_withdraw, name="candidate_withdraw"),
    path("terms/<int:term_pk>/recall/", views.recall_open, name="recall_open"),
    path("recall/<int:pk>/", views.petition_detail, name="recall"),
]

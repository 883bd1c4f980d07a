"""/api/v1/: every endpoint is described in `openapi.py` (a test checks none is missing)."""

from django.urls import path, re_path

from . import (
    actions,
    committees,
    conferences,
    floor,
    mandates,
    minutes,
    priorities,
    rules,
    tendencies,
    views,
)

urlpatterns = [
    path("openapi.json", views.openapi, name="api_openapi"),
    path("record/head", views.record_head, name="api_record_head"),
    path("record/key", views.record_key, name="api_record_key"),
    path("bodies/", views.bodies, name="api_bodies"),
    path("bodies/<slug:slug>/", views.body_detail, name="api_body"),
    path("bodies/<slug:slug>/record/", views.body_record, name="api_body_record"),
    path("bodies/<slug:slug>/rules/", rules.rules_in_force, name="api_rules"),
    path("bodies/<slug:slug>/rules/versions/", rules.rules_versions, name="api_rules_versions"),
    path(
        "bodies/<slug:slug>/rules/versions/<int:number>/",
        rules.rules_version,
        name="api_rules_version",
    ),
    path("bodies/<slug:slug>/rules/diff/", rules.rules_diff, name="api_rules_diff"),
    path("bodies/<slug:slug>/rules/changes/", rules.rule_changes, name="api_rule_changes"),
    path("rule-changes/<int:change_id>/", rules.rule_change_detail, name="api_rule_change"),
    path("rule-changes/<int:change_id>/vote/", rules.rule_change_vote, name="api_rule_change_vote"),
    path(
        "bodies/<slug:slug>/conferences/",
        conferences.body_conferences,
        name="api_body_conferences",
    ),
    path(
        "bodies/<slug:slug>/programme/",
        conferences.body_programme,
        name="api_body_programme",
    ),
    path(
        "conferences/<int:conference_id>/",
        conferences.conference_detail,
        name="api_conference",
    ),
    path(
        "conferences/<int:conference_id>/motions/",
        conferences.conference_motions,
        name="api_conference_motions",
    ),
    path("motions/<int:motion_id>/", conferences.motion_detail, name="api_motion"),
    path(
        "motions/<int:motion_id>/amendments/",
        conferences.motion_amendments,
        name="api_motion_amendments",
    ),
    path(
        "amendments/<int:amendment_id>/accept/",
        conferences.amendment_accept,
        name="api_amendment_accept",
    ),
    path(
        "conferences/<int:conference_id>/committees/",
        committees.conference_committees,
        name="api_conference_committees",
    ),
    path(
        "conferences/<int:conference_id>/rulings/",
        committees.conference_rulings,
        name="api_conference_rulings",
    ),
    path(
        "conferences/<int:conference_id>/composites/",
        committees.conference_composites,
        name="api_conference_composites",
    ),
    path(
        "conferences/<int:conference_id>/agenda/",
        committees.conference_agenda,
        name="api_conference_agenda",
    ),
    path(
        "conferences/<int:conference_id>/decisions/",
        committees.conference_decisions,
        name="api_conference_decisions",
    ),
    path(
        "conferences/<int:conference_id>/instructions/<slug:slug>/",
        mandates.conference_instructions,
        name="api_conference_instructions",
    ),
    path(
        "conferences/<int:conference_id>/priorities/",
        priorities.conference_priorities,
        name="api_conference_priorities",
    ),
    path(
        "conferences/<int:conference_id>/priorities/vote/",
        priorities.priorities_vote,
        name="api_priorities_vote",
    ),
    path(
        "conferences/<int:conference_id>/floor/",
        floor.conference_floor,
        name="api_conference_floor",
    ),
    path(
        "conferences/<int:conference_id>/floor/take-up/",
        floor.floor_take_up,
        name="api_floor_take_up",
    ),
    path(
        "conferences/<int:conference_id>/floor/check-in/",
        floor.floor_check_in,
        name="api_floor_check_in",
    ),
    path(
        "conferences/<int:conference_id>/floor/check-out/",
        floor.floor_check_out,
        name="api_floor_check_out",
    ),
    path(
        "conferences/<int:conference_id>/floor/votes/",
        floor.floor_votes,
        name="api_floor_votes",
    ),
    path(
        "conferences/<int:conference_id>/floor/votes/<int:vote_id>/cast/",
        floor.floor_vote_cast,
        name="api_floor_vote_cast",
    ),
    path(
        "conferences/<int:conference_id>/floor/votes/<int:vote_id>/demand/",
        floor.floor_vote_demand,
        name="api_floor_vote_demand",
    ),
    path(
        "conferences/<int:conference_id>/floor/speakers/",
        floor.floor_speakers,
        name="api_floor_speakers",
    ),
    path(
        "conferences/<int:conference_id>/floor/speakers/next/",
        floor.floor_speakers_next,
        name="api_floor_speakers_next",
    ),
    path(
        "conferences/<int:conference_id>/floor/speakers/end/",
        floor.floor_speakers_end,
        name="api_floor_speakers_end",
    ),
    path(
        "conferences/<int:conference_id>/floor/speakers/rules/",
        floor.floor_speakers_rules,
        name="api_floor_speakers_rules",
    ),
    path(
        "conferences/<int:conference_id>/floor/speakers/<int:speaker_id>/<str:act>/",
        floor.floor_speaker_act,
        name="api_floor_speaker_act",
    ),
    path(
        "conferences/<int:conference_id>/floor/declare/",
        floor.floor_declare,
        name="api_floor_declare",
    ),
    path(
        "conferences/<int:conference_id>/floor/votes/<int:vote_id>/close/",
        floor.floor_vote_close,
        name="api_floor_vote_close",
    ),
    path(
        "conferences/<int:conference_id>/minutes/",
        minutes.conference_minutes,
        name="api_conference_minutes",
    ),
    path("composites/<int:composite_id>/", committees.composite_detail, name="api_composite"),
    path(
        "composites/<int:composite_id>/answer/",
        committees.composite_answer,
        name="api_composite_answer",
    ),
    path(
        "conferences/<int:conference_id>/credentials/",
        conferences.conference_credentials,
        name="api_conference_credentials",
    ),
    path(
        "credentials/<int:credential_id>/review/",
        conferences.credential_review,
        name="api_credential_review",
    ),
    path(
        "credentials/<int:credential_id>/challenge/",
        conferences.credential_challenge,
        name="api_credential_challenge",
    ),
    path(
        "credentials/<int:credential_id>/stand-down/",
        conferences.credential_stand_down,
        name="api_credential_stand_down",
    ),
    path("offices/<int:office_id>/", views.office_detail, name="api_office"),
    path("elections/", views.elections, name="api_elections"),
    path("elections/<int:election_id>/", views.election_detail, name="api_election"),
    path("elections/<int:election_id>/nominations/", views.nominate, name="api_nominate"),
    path("elections/<int:election_id>/ballots/", views.cast, name="api_cast"),
    path("elections/<int:election_id>/result/", views.result, name="api_result"),
    path("elections/<int:election_id>/ballots.blt", views.ballots_blt, name="api_ballots_blt"),
    path("elections/<int:election_id>/ballots.json", views.ballots_json, name="api_ballots_json"),
    path(
        "elections/<int:election_id>/verifiable/",
        views.election_verifiable,
        name="api_verifiable",
    ),
    path("elections/<int:election_id>/board/", views.board, name="api_board"),
    path("elections/<int:election_id>/electors/", views.electors, name="api_electors"),
    path(
        "elections/<int:election_id>/credentials/",
        views.credentials_upload,
        name="api_credentials_upload",
    ),
    path("elections/<int:election_id>/tellers/", views.teller_submit, name="api_teller_submit"),
    path(
        "elections/<int:election_id>/tellers/<str:kind>/",
        views.teller_files,
        name="api_teller_files",
    ),
    path(
        "elections/<int:election_id>/for-tellers.zip",
        views.for_tellers_zip,
        name="api_for_tellers_zip",
    ),
    path("elections/<int:election_id>/record.zip", views.record_zip, name="api_record_zip"),
    path("candidates/<int:candidate_id>/second/", views.second, name="api_second"),
    path("candidates/<int:candidate_id>/accept/", views.accept, name="api_accept"),
    path("candidates/<int:candidate_id>/withdraw/", views.withdraw, name="api_withdraw"),
    path("terms/<int:term_id>/recall/", views.recall_open, name="api_recall_open"),
    path("petitions/<int:petition_id>/", views.petition_detail, name="api_petition"),
    path("petitions/<int:petition_id>/sign/", views.sign, name="api_sign"),
    path(
        "bodies/<slug:slug>/tendencies/",
        tendencies.body_tendencies,
        name="api_body_tendencies",
    ),
    path("tendencies/<int:tendency_id>/", tendencies.tendency_detail, name="api_tendency"),
    path(
        "tendencies/<int:tendency_id>/sign/",
        tendencies.tendency_sign,
        name="api_tendency_sign",
    ),
    path(
        "tendencies/<int:tendency_id>/withdraw/",
        tendencies.tendency_withdraw,
        name="api_tendency_withdraw",
    ),
    path(
        "tendencies/<int:tendency_id>/dissolve/",
        tendencies.tendency_dissolve,
        name="api_tendency_dissolve",
    ),
    path("bodies/<slug:slug>/actions/", actions.body_actions, name="api_body_actions"),
    path("actions/<int:action_id>/", actions.action_detail, name="api_action"),
    path(
        "actions/<int:action_id>/updates/",
        actions.action_update,
        name="api_action_update",
    ),
    # Anything else under /api/v1/ answers as problem details too, not with the pages' HTML
    # 404; `[\s\S]` because `.` would leave out a path with a newline (%0A) in it.
    re_path(r"^(?P<rest>[\s\S]*)$", views.not_found, name="api_not_found"),
]

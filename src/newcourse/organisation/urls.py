from django.urls import path

from . import views

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("record.jsonl", views.record_download, name="record_download"),
    path("bodies/<slug:slug>/record/", views.body_record, name="body_record"),
    path(
        "bodies/<slug:slug>/record/private.jsonl",
        views.body_record_openings,
        name="body_record_openings",
    ),
    path("bodies/<slug:slug>/members/", views.member_directory, name="directory"),
    path("bodies/<slug:slug>/members/admit/", views.member_admit, name="member_admit"),
    path("bodies/<slug:slug>/members/import/", views.members_import, name="members_import"),
    path("bodies/<slug:slug>/members/export.csv", views.members_export, name="members_export"),
    path("bodies/<slug:slug>/members/<str:number>/", views.member_detail, name="member"),
]

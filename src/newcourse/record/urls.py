from django.urls import path

from . import views

urlpatterns = [
    path("record/", views.record_page, name="record"),
    path("record/subscription/", views.record_subscription, name="record_subscription"),
    path("record/head.json", views.head_json, name="record_head"),
    path("record/key.json", views.key_json, name="record_key"),
]

from django.urls import path

from . import views

urlpatterns = [
    path("bodies/<slug:slug>/cases/", views.case_list, name="cases"),
    path("bodies/<slug:slug>/cases/file/", views.case_file, name="case_file"),
    path("cases/<int:pk>/", views.case_detail, name="case"),
    path("cases/<int:pk>/<slug:action>/", views.case_act, name="case_act"),
]

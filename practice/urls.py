from django.urls import path

from . import views

app_name = "practice"

urlpatterns = [
    path("routines/<slug:slug>/favourite/", views.favourite, name="favourite"),
    path("routines/<slug:slug>/start/", views.session_start, name="session-start"),
    path("routines/<slug:slug>/record-finish/", views.session_finish, name="record-finish"),
    path("routines/<slug:slug>/record-pain/", views.finished_pain, name="record-pain"),
    path(
        "routines/<slug:slug>/play/<int:number>/record-stop/",
        views.session_stop,
        name="record-stop",
    ),
    # The old paths, for a page rendered before the rename (a POST cannot follow a 301).
    path("routines/<slug:slug>/finish/", views.session_finish),
    path("routines/<slug:slug>/play/<int:number>/end/", views.session_stop),
    path("my/routines/", views.my_routines, name="my-routines"),
    path("my/history/", views.history, name="history"),
    path("my/history.csv", views.history_csv, name="history-csv"),
    path("my/history.json", views.history_json, name="history-json"),
    path("my/sessions/<int:pk>/", views.session_detail, name="session-detail"),
    path("my/sessions/<int:pk>/pain/", views.session_pain, name="session-pain"),
    path("my/time-zone/", views.time_zone, name="time-zone"),
]

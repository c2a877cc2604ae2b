from django.urls import path
from django.views.generic.base import RedirectView

from . import views

app_name = "player"

urlpatterns = [
    path("routines/<slug:slug>/before-you-start/", views.check_first, name="check-first"),
    path("routines/<slug:slug>/play/<int:number>/", views.play_step, name="play-step"),
    path("routines/<slug:slug>/play/<int:number>/this-hurts/", views.this_hurts, name="this-hurts"),
    path("routines/<slug:slug>/well-done/", views.well_done, name="well-done"),
    path("my/health/", views.health_profile, name="health-profile"),
    # The old paths, for bookmarks and open tabs (query string kept).
    path(
        "routines/<slug:slug>/play/<int:number>/stop/",
        RedirectView.as_view(pattern_name="player:this-hurts", permanent=True, query_string=True),
    ),
    path(
        "routines/<slug:slug>/done/",
        RedirectView.as_view(pattern_name="player:well-done", permanent=True, query_string=True),
    ),
]

from django.urls import path

from . import views

app_name = "stretches"

urlpatterns = [
    path("", views.routine_list, name="routine-list"),
    path("routines/<slug:slug>/", views.routine_detail, name="routine-detail"),
    path("shared/<str:token>/", views.routine_shared, name="routine-shared"),
    path("routines/<slug:slug>/before-you-start/", views.check_first, name="check-first"),
    path("routines/<slug:slug>/play/<int:number>/", views.play_step, name="play-step"),
    path("routines/<slug:slug>/play/<int:number>/stop/", views.play_stop, name="play-stop"),
    path("routines/<slug:slug>/done/", views.routine_finish, name="routine-finish"),
    path("exercises/<slug:slug>/", views.exercise_detail, name="exercise-detail"),
    path("urgent-signs/", views.urgent_signs, name="urgent-signs"),
    path("my/health/", views.health_profile, name="health-profile"),
]

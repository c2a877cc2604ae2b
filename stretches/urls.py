from django.urls import path

from . import views

app_name = "stretches"

urlpatterns = [
    path("", views.routine_list, name="routine-list"),
    path("routines/<slug:slug>/", views.routine_detail, name="routine-detail"),
    path("shared/<str:token>/", views.routine_shared, name="routine-shared"),
    path("exercises/<slug:slug>/", views.exercise_detail, name="exercise-detail"),
    path("urgent-signs/", views.urgent_signs, name="urgent-signs"),
]

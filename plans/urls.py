from django.urls import path

from . import views

app_name = "plans"

urlpatterns = [
    path("my/plan/", views.plan, name="plan"),
    path("my/plan/edit/", views.plan_edit, name="plan-edit"),
    path("my/plan/suggested/", views.plan_default, name="plan-default"),
    path("my/plan/ladder/<int:exercise_id>/", views.ladder_answer, name="ladder-answer"),
    path("my/plan/calendar/", views.feed_settings, name="feed-settings"),
    path("plan/calendar/<str:token>.ics", views.feed, name="feed"),
    path("my/sessions/<int:pk>/morning/", views.morning, name="morning"),
    path("my/goals/", views.goals, name="goals"),
    path("my/goals/<int:pk>/rate/", views.goal_rate, name="goal-rate"),
    path("my/goals/<int:pk>/delete/", views.goal_delete, name="goal-delete"),
    path("my/goals.csv", views.goals_csv, name="goals-csv"),
    path("my/goals.json", views.goals_json, name="goals-json"),
    path("my/plan.json", views.download, name="download"),
]

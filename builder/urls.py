from django.urls import path

from . import views

app_name = "builder"

urlpatterns = [
    path("my/routines/new/", views.new_routine, name="new"),
    path("my/routines/import/", views.import_routine, name="import"),
    path("my/routines/copy/<slug:slug>/", views.copy_routine, name="copy"),
    path("my/routines/<slug:slug>/edit/", views.edit_routine, name="edit"),
    path("my/routines/<slug:slug>/delete/", views.delete_routine, name="delete"),
    path("my/routines/<slug:slug>/share/", views.share_routine, name="share"),
    path("my/routines/<slug:slug>/export.json", views.export_routine, name="export"),
    path("my/routines/<slug:slug>/steps/add/", views.step_add, name="step-add"),
    path("my/routines/<slug:slug>/steps/<int:pk>/", views.step_save, name="step-save"),
    path("my/routines/<slug:slug>/steps/<int:pk>/move/", views.step_move, name="step-move"),
    path("my/routines/<slug:slug>/steps/<int:pk>/delete/", views.step_delete, name="step-delete"),
]

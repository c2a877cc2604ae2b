from django.urls import path

from . import views

app_name = "clinic"

urlpatterns = [
    path("clinic/", views.my_patients, name="my-patients"),
    path("clinic/invite/", views.invite, name="invite"),
    path("clinic/patients/<int:patient_id>/", views.patient, name="patient"),
    path("clinic/patients/<int:patient_id>/goals/", views.patient_goals, name="patient-goals"),
    path("clinic/patients/<int:patient_id>/summary/", views.summary, name="summary"),
    path("clinic/patients/<int:patient_id>/prescribe/", views.prescribe, name="prescribe"),
    path("my/physio/link/", views.link, name="link"),
    path("my/physio/shares/<int:pk>/revoke/", views.revoke, name="revoke"),
    path("my/physio/prescriptions/<int:pk>/", views.answer, name="answer"),
    path("my/summary/", views.my_summary, name="my-summary"),
    path("my/physio.json", views.download, name="download"),
]

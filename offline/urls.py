from django.urls import path

from . import views

app_name = "offline"

urlpatterns = [
    path("manifest.webmanifest", views.manifest, name="manifest"),
    # From the site root: a worker controls only the pages under the folder it is served from.
    path("service-worker.js", views.service_worker, name="service-worker"),
]

from django.conf import settings
from django.contrib import admin
from django.templatetags.static import static as static_url
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic.base import RedirectView

from . import views

handler404 = "backlog.views.page_not_found"

urlpatterns = [
    # The public pages first: Django tries patterns in order, and a player step is the
    # busiest request (no pattern of the other apps matches any of these paths).
    path("", include("stretches.urls")),
    path("", include("player.urls")),
    path("", include("practice.urls")),
    path("", include("builder.urls")),
    path("", include("plans.urls")),
    path("", include("clinic.urls")),
    path("", include("offline.urls")),
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("healthz", views.healthz, name="healthz"),
    # Browsers ask for /favicon.ico on pages that do not name an icon, such as the admin.
    # Lazily, so the hashed name is looked up only once collectstatic has run.
    path("favicon.ico", RedirectView.as_view(url=lazy(static_url, str)("img/favicon.svg"))),
]

if settings.SERVE_MEDIA:
    # Pictures only, in development and in production alike (README: "Uploaded pictures"),
    # unless the web server in front serves them. Not django.conf.urls.static: its view is
    # not for production, and it would be left out whenever DEBUG is off.
    prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns.append(path(f"{prefix}<path:path>", views.media, name="media"))

from django.conf import settings
from django.conf.urls.static import static as serve_uploads
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic.base import RedirectView

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    # Browsers ask for /favicon.ico on pages that do not name an icon, such as the admin.
    # Lazily, so the hashed name is looked up only once collectstatic has run.
    path("favicon.ico", RedirectView.as_view(url=lazy(static, str)("img/favicon.svg"))),
    path("", include("practice.urls")),
    path("", include("stretches.urls")),
]

# Uploaded pictures, while developing (DEBUG); production serves MEDIA_ROOT itself.
urlpatterns += serve_uploads(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

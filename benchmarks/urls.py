"""The project's URLs plus the bench baseline: a bare view rendering a tiny template."""

from django.shortcuts import render
from django.urls import include, path


def baseline(request):
    return render(request, "bench/tiny.html", {"name": "baseline"})


urlpatterns = [
    path("bench/baseline/", baseline),
    path("", include("backlog.urls")),
]

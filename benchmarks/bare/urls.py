"""One URL: a tiny template, as the in-stack baseline renders it."""

from django.shortcuts import render
from django.urls import path


def tiny(request):
    return render(request, "tiny.html", {"name": "bare Django"})


urlpatterns = [path("", tiny)]

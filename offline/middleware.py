"""Signing out (or deleting one's account, which signs out) removes what this device kept
for the person: the saved routines and routine pages (Cache API), the queue of presses not
yet sent (IndexedDB), what the queue remembers of them (localStorage), and the service
worker, by the browser's own Clear-Site-Data; nothing of theirs is left for whoever uses
the phone next."""

from django.urls import reverse

CLEAR = '"cache", "storage"'


class ClearSiteDataOnSignOut:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.method == "POST"
            and response.status_code < 400
            and request.path in (reverse("logout"), reverse("delete-account"))
            and not request.user.is_authenticated  # signed out by it: not a refused form
        ):
            response["Clear-Site-Data"] = CLEAR
        return response

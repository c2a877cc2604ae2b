"""A 404 whose message is written for the person, shown on the 404 page.

Django's own 404s carry internal text ("Resolver404", "No Routine matches the given
query."); the page never shows those, only the message of a `NotFound`.
"""

from django.conf import settings
from django.http import Http404


class NotFound(Http404):
    """Raise with a sentence for the person, e.g. “Evening” has 3 steps; there is no step 4."""


def may_be_signed_in(request):
    """False only when the request cannot come from someone signed in: it carries no
    session cookie. Reads no session and no user (no query), so a response that is the
    same for everyone can be answered without them; never False for someone signed in."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES

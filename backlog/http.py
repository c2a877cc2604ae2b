"""A 404 whose message is written for the person, shown on the 404 page.

Django's own 404s carry internal text ("Resolver404", "No Routine matches the given
query."); the page never shows those, only the message of a `NotFound`.
"""

from django.http import Http404


class NotFound(Http404):
    """Raise with a sentence for the person, e.g. “Evening” has 3 steps; there is no step 4."""

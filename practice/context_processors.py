"""Practice's part of every page: the ids of the person's bookmarked routines, for the
bookmark button (templates/practice/favourite.html). Lazy: a page without a bookmark
button never queries."""

from django.utils.functional import SimpleLazyObject

from .models import Favourite


def favourite_ids(request):
    return {"favourite_ids": SimpleLazyObject(lambda: Favourite.objects.routine_ids(request.user))}

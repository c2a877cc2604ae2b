"""Who may see a routine is one rule in two spellings: `RoutineQuerySet.visible_to` (for
queries) and `Routine.is_visible_to` (for a routine already loaded, as the cache gives it).
They must agree for every kind of routine, every kind of visitor and every token."""

import itertools

import pytest
from django.contrib.auth.models import AnonymousUser

from stretches.models import Routine

from .conftest import make_routine

KINDS = ["library", "draft", "own", "someone else's", "shared", "revoked"]
VISITORS = ["anonymous", "owner", "someone else", "staff"]
TOKENS = ["none", "the routine's", "a revoked one", "another routine's"]
EVERY_CASE = list(itertools.product(KINDS, VISITORS, TOKENS))


@pytest.fixture
def people(django_user_model):
    owner = django_user_model.objects.create_user("owner", password="x")
    return {
        "anonymous": AnonymousUser(),
        "owner": owner,
        "someone else": django_user_model.objects.create_user("else", password="x"),
        "staff": django_user_model.objects.create_user("staff", password="x", is_staff=True),
    }


def make_kind(kind, owner):
    """A routine of `kind`, and the token it had when it was shared (None if never)."""
    if kind == "library":
        return make_routine(), None
    if kind == "draft":
        return make_routine(is_published=False), None
    routine = make_routine(owner=owner, is_published=False)
    if kind in ("own", "someone else's"):
        return routine, None
    token = routine.share()
    if kind == "revoked":
        routine.unshare()
    return routine, token


@pytest.mark.django_db
@pytest.mark.parametrize(("kind", "visitor", "token"), EVERY_CASE)
def test_the_queryset_and_the_instance_agree(people, kind, visitor, token):
    owner = people["owner"] if kind != "someone else's" else people["someone else"]
    routine, shared_token = make_kind(kind, owner)
    other = make_routine(owner=people["someone else"], is_published=False)
    tokens = {
        "none": None,
        "the routine's": routine.share_token,
        "a revoked one": shared_token if kind == "revoked" else None,
        "another routine's": other.share(),
    }
    user, given = people[visitor], tokens[token]
    in_query = Routine.objects.visible_to(user, share_token=given).filter(pk=routine.pk).exists()
    routine.refresh_from_db()
    assert routine.is_visible_to(user, share_token=given) == in_query


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "visitor", "token", "visible"),
    [
        ("library", "anonymous", "none", True),
        ("draft", "anonymous", "none", False),
        ("draft", "staff", "none", True),
        ("own", "owner", "none", True),
        ("own", "staff", "none", False),  # staff do not see people's own routines
        ("shared", "anonymous", "the routine's", True),
        ("shared", "someone else", "none", False),
        ("revoked", "anonymous", "the revoked one", False),
        ("revoked", "owner", "none", True),
    ],
)
def test_the_rule_itself(people, kind, visitor, token, visible):
    # The agreement above could hold for a wrong rule: these pin what the rule says.
    routine, shared_token = make_kind(kind, people["owner"])
    given = {"none": None, "the routine's": routine.share_token, "the revoked one": shared_token}
    user = people[visitor]
    in_query = Routine.objects.visible_to(user, share_token=given[token]).filter(pk=routine.pk)
    assert in_query.exists() == visible
    assert routine.is_visible_to(user, share_token=given[token]) == visible

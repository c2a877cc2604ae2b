"""The account and the group a `make editor` / `make clinician` command works on: one lookup,
one wording of what is missing, for every app that grants a role by a group."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import CommandError


def account_and_group(username, group_name):
    """(the user called `username`, the group `group_name`), or a CommandError that says
    what to do first (sign up, or migrate)."""
    User = get_user_model()
    try:
        user = User.objects.get(username=username)
    except User.DoesNotExist:
        raise CommandError(
            f"No account called “{username}”: sign up at /accounts/signup/ first."
        ) from None
    try:
        group = Group.objects.get(name=group_name)
    except Group.DoesNotExist:
        raise CommandError(f"The {group_name} group is missing: run manage.py migrate.") from None
    return user, group

"""Small factories for the clinic tests: clinicians, invitations and shares."""

import datetime
import importlib
import io

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from clinic.models import Share


def make_clinician(username="physio"):
    # Made by a migration; a test that flushed the database made it go away.
    importlib.import_module("clinic.migrations.0002_clinicians_group").create_clinicians(apps, None)
    user = get_user_model().objects.create_user(username, password=f"a-long-{username}-password")
    call_command("make_clinician", username, stdout=io.StringIO())
    return user


def make_share(patient, clinician, days_ago=28, ends_in=None, **fields):
    today = timezone.localdate()
    return Share.objects.create(
        patient=patient,
        clinician=clinician,
        starts_on=today - datetime.timedelta(days=days_ago),
        ends_on=None if ends_in is None else today + datetime.timedelta(days=ends_in),
        **fields,
    )

"""A backup made with dumpdata restores into an empty database with identical content,
as the README's "Backup and restore" says (the portable way, e.g. SQLite to PostgreSQL)."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management import call_command

from practice.models import Favourite, PracticeSession
from stretches.models import Exercise, Routine

from .conftest import make_session

pytestmark = pytest.mark.django_db

# The README's command: content types and permissions are recreated by migrate, and
# natural foreign keys point at them whatever their numbers in the new database; every
# other row keeps its primary key.
# XML, because Django's JSON encoder cuts times to milliseconds.
DUMP_OPTIONS = {
    "format": "xml",
    "natural_foreign": True,
    "exclude": ["contenttypes", "auth.Permission"],
}


def snapshot():
    """Every row of every model, in primary-key order; permissions by name (migrate makes
    them afresh, under new numbers)."""
    skip = {ContentType, Permission}
    return {
        model._meta.label: serializers.serialize(
            "python", model.objects.order_by("pk"), use_natural_foreign_keys=True
        )
        for model in apps.get_models()
        if model not in skip
    }


@pytest.fixture
def populated(starter_library, user, other_user, staff_user):
    routines = list(Routine.objects.order_by("pk"))
    Favourite.objects.create(user=user, routine=routines[0])
    Favourite.objects.create(user=other_user, routine=routines[1])
    for days_ago, routine in enumerate(routines[:3]):
        make_session(user, routine, days_ago=days_ago, pain_before=6, pain_after=3)
    PracticeSession.start(other_user, routines[0], pain_before=4)
    PracticeSession.record_without_start(
        user, routines[1], PracticeSession.Status.STOPPED, reached_step=2
    )
    make_session(user, None, routine_title="A routine since deleted")
    user.user_permissions.add(Permission.objects.get(codename="view_exercise"))


def test_json_would_lose_the_microseconds_of_every_time(populated):
    # Why the README says --format xml.
    session = PracticeSession.objects.exclude(finished_at=None).first()
    session.finished_at = session.finished_at.replace(microsecond=123456)
    as_json = serializers.serialize("json", [session])
    restored = next(serializers.deserialize("json", as_json)).object
    assert restored.finished_at != session.finished_at
    as_xml = serializers.serialize("xml", [session])
    assert next(serializers.deserialize("xml", as_xml)).object.finished_at == session.finished_at


# Transactional: PostgreSQL cannot TRUNCATE inside the test's transaction.
@pytest.mark.django_db(transaction=True)
def test_dumpdata_restores_identical_content_into_an_empty_database(populated, tmp_path):
    before = snapshot()
    assert Exercise.objects.exists()
    assert PracticeSession.objects.count() == 6
    backup = tmp_path / "backup.xml"

    call_command("dumpdata", output=str(backup), verbosity=0, **DUMP_OPTIONS)
    call_command("flush", interactive=False, verbosity=0)
    assert not Exercise.objects.exists()
    assert not PracticeSession.objects.exists()
    call_command("loaddata", str(backup), verbosity=0)

    after = snapshot()
    assert after == before
    restored = PracticeSession.objects.filter(user__username="walker").order_by("pk")
    assert [s.pain_after for s in restored][:3] == [3, 3, 3]
    walker = restored[0].user
    assert walker.has_perm("stretches.view_exercise")
    assert walker.check_password("a-long-walker-password")

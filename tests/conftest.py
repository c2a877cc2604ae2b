"""Fixtures and small factories shared by the whole suite."""

import copy
import importlib
import io
import itertools
import uuid

import pytest
from django.apps import apps

from stretches import starter_library as library
from stretches.models import Exercise, Routine, RoutineStep, Side, Variation

_counter = itertools.count(1)


def make_exercise(**fields):
    n = next(_counter)
    fields.setdefault("name", f"Exercise {n}")
    fields.setdefault("slug", f"exercise-{n}")
    fields.setdefault("summary", "A gentle stretch.")
    fields.setdefault("instructions", "Lie down.\nBreathe.")
    fields.setdefault("safety_notes", "Stop if it hurts.")
    fields.setdefault("avoid_if", "Skip it after recent back surgery.")
    return Exercise.objects.create(**fields)


def make_variation(exercise, **fields):
    fields.setdefault("name", f"Variation {next(_counter)}")
    fields.setdefault("changes", "Something changes.")
    fields.setdefault("ladder", -1)
    return Variation.objects.create(exercise=exercise, **fields)


def make_routine(steps=0, exercise=None, **fields):
    """A published routine with `steps` steps of 30 s each (one shared exercise)."""
    n = next(_counter)
    fields.setdefault("title", f"Routine {n}")
    fields.setdefault("slug", f"routine-{n}")
    fields.setdefault("is_published", True)
    routine = Routine.objects.create(**fields)
    if steps:
        exercise = exercise or make_exercise()
        RoutineStep.objects.bulk_create(
            RoutineStep(routine=routine, order=i, exercise=exercise, hold_seconds=30)
            for i in range(1, steps + 1)
        )
    return routine


def add_step(routine, exercise, **fields):
    fields.setdefault("hold_seconds", 30)
    fields.setdefault("side", Side.NONE)
    fields.setdefault("order", routine.steps.count() + 1)
    return RoutineStep.objects.create(routine=routine, exercise=exercise, **fields)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite, test in a file rather than in memory, as production does.

    pytest-django hands the live server the test thread's own in-memory connection, so two
    requests at once (the player prefetching the next step while the page loads one, say)
    shared one sqlite3 connection across threads and failed with "bad parameter or other API
    misuse". With a file each thread opens its own connection, and WAL with IMMEDIATE
    transactions (backlog/settings.py) serialise writers the way they do for real visitors.
    Under pytest-xdist tmp_path_factory is already one folder per worker.
    """
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        folder = tmp_path_factory.mktemp("database")
        database.setdefault("TEST", {})["NAME"] = str(folder / "test.sqlite3")


@pytest.fixture(autouse=True, scope="session")
def fast_password_hasher():
    """Users made in tests hash their password with MD5: the production hasher (PBKDF2,
    deliberately slow) would dominate the suite. Production keeps the strong default."""
    from django.conf import settings
    from django.contrib.auth.hashers import get_hashers, get_hashers_by_algorithm

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    get_hashers.cache_clear()
    get_hashers_by_algorithm.cache_clear()


@pytest.fixture(autouse=True)
def fresh_cache(settings, tmp_path_factory):
    """Each test its own cache namespace: rolled-back rows never leave entries behind, and
    parallel workers sharing one Redis never see (or flush) each other's. The file-based
    default (production's on one machine) gets a folder of its own per test."""
    caches = copy.deepcopy(settings.CACHES)
    caches["default"]["KEY_PREFIX"] = f"test-{uuid.uuid4().hex}"
    if caches["default"]["BACKEND"].endswith("FileCache"):
        caches["default"]["LOCATION"] = str(tmp_path_factory.mktemp("cache"))
    settings.CACHES = caches
    return caches["default"]["KEY_PREFIX"]


@pytest.fixture
def starter_library(db):
    """The starter library, loaded again if a transactional test flushed it."""
    library.load(apps.get_model)
    return Routine.objects


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_user(
        "editor", password="a-long-editor-password", is_staff=True, is_superuser=True
    )


@pytest.fixture
def editor(django_user_model):
    """A physiotherapist who edits the content: staff in the Editors group, not a superuser."""
    from django.core.management import call_command

    # Made by a migration; a test that flushed the database made it go away.
    importlib.import_module("accounts.migrations.0001_editors_group").create_editors(apps, None)
    user = django_user_model.objects.create_user("physio", password="a-long-physio-password")
    call_command("make_editor", "physio", stdout=io.StringIO())
    user.refresh_from_db()
    return user


@pytest.fixture
def session_queries(settings):
    """Queries a signed-in request spends reading its session: none when the sessions are
    served from the Redis cache (`cached_db`, with REDIS_URL), one from the database."""
    return 0 if settings.SESSION_ENGINE.endswith("cached_db") else 1


@pytest.fixture
def signed_in(client, user):
    """The test client, signed in as `user`."""
    client.force_login(user)
    return client


@pytest.fixture
def user(django_user_model):
    return django_user_model.objects.create_user("walker", password="a-long-walker-password")


@pytest.fixture
def without_starter_routines(db):
    """An empty routine list, for tests that count what a page lists."""
    Routine.objects.all().delete()


# --- Practice: a second person, and practice sessions with dates set explicitly. ---


@pytest.fixture
def other_user(django_user_model):
    """Someone else, for proving that one person cannot see or change another's data."""
    return django_user_model.objects.create_user("stroller", password="a-long-stroller-password")


def make_session(user, routine, days_ago=0, **fields):
    """A completed practice session of `routine`, started and finished `days_ago` days ago."""
    import datetime

    from django.utils import timezone

    from practice.models import PracticeSession

    when = timezone.now() - datetime.timedelta(days=days_ago)
    fields.setdefault("routine_title", routine.title if routine else "Deleted routine")
    fields.setdefault("status", PracticeSession.Status.COMPLETED)
    fields.setdefault("started_at", when)
    fields.setdefault("finished_at", when)
    fields.setdefault("created", when)
    fields.setdefault("step_count", 3)
    fields.setdefault("reached_step", fields["step_count"])
    return PracticeSession.objects.create(user=user, routine=routine, **fields)


# --- Urgent signs: the text of the tiers and of the footer, without markup. ---

# The emergency tier's signs, as the pages name them (issue 8).
EMERGENCY_SIGNS = [
    "numbness around your genitals or your bottom",
    "difficulty peeing, or not feeling when your bladder is full",
    "losing control of your bladder or your bowels",
    "both",  # pain, tingling, numbness or weakness in both legs
    "changes in your sexual function",
    "chest pain",
    "back pain after a serious accident",
]


def text_of(html, start, end):
    """The visible text between the markers `start` and `end` of `html`, tags removed."""
    import re

    chunk = html[html.index(start) : html.index(end, html.index(start))]
    return " ".join(re.sub(r"<[^>]+>", " ", chunk).split())


def urgent_signs_text(html):
    return text_of(html, '<div class="urgent-signs">', "</div>")


def footer_text(html):
    return text_of(html, '<footer class="site-footer">', "</footer>")


def numbers_in(text):
    """Every run of digits in `text`: a phone number would show up here."""
    import re

    return set(re.findall(r"\d+", text))

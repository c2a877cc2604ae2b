"""The published-routine cache: what the player needs, shared by every app server.

Django's cache framework holds it (files every process on the machine reads by default,
Redis when REDIS_URL is set, so every app server sees the same entries). Keys, all under
``stretches:<release>:``:

- ``library``: the library generation, a fresh random token whenever any exercise or
  variation is saved or deleted (many routines share them);
- ``routine:<slug>``: the routine's *pointer*: its pk, version (`Routine.version`) and
  whether it is published, or GONE once no routine has that slug;
- ``data:<pk>:<version>:<generation>``: the routine with its steps, their exercises and
  every variation of those exercises, and its timeline, all loaded;
- ``panel:<pk>:<version>:<generation>:<number>:<use>:<c>[:session]``: a step's htmx panel
  as everyone gets it, rendered from content alone (no request, no user); with
  ``:session``, split where a signed-in player's session id goes (`stretches.views`).

Only the pointer and the generation are ever overwritten. Data and panel keys name one
state of the content, so a save never has to find them: it changes the version or the
generation, and the next request on any server reads new keys (old ones expire).
`stretches.signals` rewrites pointers and generations twice: at once (so the saving process
sees its change even inside a transaction) and again after commit (so a request that read
the old rows just before the commit cannot leave them cached). Readers only `add` pointers,
so they never overwrite the writer's.

``<release>`` is the deploy's id (`release`: RELEASE_ID, or a hash of every template, every
Python file of the project's apps and the static manifest), so a deploy never serves panels
rendered by the previous release.

QuerySet.update(), bulk_create() and raw SQL send no signals: they reach the cache only when
the pointer expires (POINTER_TTL) or the next save.
"""

import hashlib
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models import Prefetch, prefetch_related_objects

from .models import CautionRule, Routine, RoutineStep

POINTER_TTL = 10 * 60
CONTENT_TTL = 24 * 60 * 60
GONE = "gone"


def release(root=None, environ=None):
    """This deploy's id: `RELEASE_ID` from the environment when the deploy sets one, else a
    hash of what is deployed that a panel could depend on: every file under templates/,
    every .py file of the project's own packages (views, template tags, forms, models, in
    every app) and the static manifest. Paths are hashed with contents, relative to `root`.
    """
    environ = os.environ if environ is None else environ
    if deploy := environ.get("RELEASE_ID", "").strip():
        return hashlib.blake2b(deploy.encode(), digest_size=6).hexdigest()
    root = Path(settings.BASE_DIR if root is None else root)
    files = sorted(path for path in (root / "templates").rglob("*") if path.is_file())
    for package in _own_packages():
        files += sorted((root / package).rglob("*.py"))
    files.append(Path(settings.STATIC_ROOT) / "staticfiles.json")
    digest = hashlib.blake2b(digest_size=6)
    for path in files:
        if path.exists():
            name = str(path.relative_to(root)) if path.is_relative_to(root) else path.name
            digest.update(f"{name}\0{path.stat().st_size}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _own_packages():
    """The project's own top-level packages: each app in BASE_DIR, and the project's."""
    base = Path(settings.BASE_DIR)
    own = {Path(app.path).name for app in apps.get_app_configs() if Path(app.path).parent == base}
    return sorted(own | {"backlog"})


RELEASE = release()
PREFIX = f"stretches:{RELEASE}:"
LIBRARY_KEY = PREFIX + "library"


def pointer_key(slug):
    return f"{PREFIX}routine:{slug}"


@dataclass(frozen=True)
class Pointer:
    """Which state of a routine is current, as every server sees it."""

    pk: int
    version: str
    published: bool  # public: a published library routine, the only kind cached

    @classmethod
    def of(cls, routine):
        return cls(routine.pk, routine.version, routine.is_public)


@dataclass(frozen=True)
class Entry:
    """A routine's pointer with the library generation it was read with."""

    pointer: Pointer
    generation: str

    def key(self, kind, *parts):
        return ":".join(
            [f"{PREFIX}{kind}", str(self.pointer.pk), self.pointer.version, self.generation]
            + [str(part) for part in parts]
        )

    def etag(self, *parts):
        """A strong validator for a response made from this state and `parts`."""
        digest = hashlib.blake2b(self.key("etag", *parts).encode(), digest_size=12)
        return f'"{digest.hexdigest()}"'


# --- Content keys, kept in this process too. ---

KEPT_MOST = 500  # entries per process: a few kilobytes each
_panels_kept = {}  # {the cache's own key: (monotonic expiry, value)}


def get_content(key):
    """The shared cache's value under a content key (``panel:``), kept in this process's
    memory after the first read. Such a key names one state of the content (see the
    module), so a save never leaves a kept copy stale: it names new keys, and the pointer
    and generation that name the key are still read from the shared cache on every
    request. A write that sends no signal (`QuerySet.update()`, raw SQL) changes no key,
    so a kept copy lives `POINTER_TTL` only, as the pages' kept parts do
    (`stretches.fragments`). At most `KEPT_MOST` entries, dropped all at once when full."""
    name = cache.make_key(key)  # with the cache's prefix: tests give each its own
    kept = _panels_kept.get(name)
    if kept is not None and kept[0] > time.monotonic():
        return kept[1]
    value = cache.get(key)
    if value is not None:
        _keep(name, value)
    return value


def set_content(key, value):
    """Put `value` under the content key `key`, in the shared cache and in this process."""
    cache.set(key, value, CONTENT_TTL)
    _keep(cache.make_key(key), value)


def _keep(name, value):
    if len(_panels_kept) >= KEPT_MOST:
        _panels_kept.clear()
    _panels_kept[name] = (time.monotonic() + POINTER_TTL, value)


# --- Writers: called by stretches.signals. ---


def new_library_generation():
    cache.set(LIBRARY_KEY, secrets.token_hex(6), timeout=None)


def refresh_pointer(slug):
    """Set the slug's pointer from the database (one query): the routine's state, or GONE."""
    routine = (
        Routine.objects.only("pk", "updated", "is_published", "owner").filter(slug=slug).first()
    )
    cache.set(pointer_key(slug), Pointer.of(routine) if routine else GONE, POINTER_TTL)


def forget_pointer(slug):
    cache.delete(pointer_key(slug))


# --- Readers. ---


def _library_generation(cached):
    generation = cached.get(LIBRARY_KEY)
    if generation is None:
        # First request after a cache flush: agree on one token across servers.
        cache.add(LIBRARY_KEY, secrets.token_hex(6), timeout=None)
        generation = cache.get(LIBRARY_KEY)
    # None only while the cache keeps nothing (Redis down): keys no one will read again.
    return generation or secrets.token_hex(6)


def lookup(slug):
    """(entry, routine) for `slug`: (None, None) when there is no such routine.

    Warm, this reads two cache keys and queries nothing; `routine` is then None (fetch it
    with `routine_for(entry)` when needed). Cold, it loads the routine from the database
    in two queries, caches it (published only) and returns it too.
    """
    cached = cache.get_many([LIBRARY_KEY, pointer_key(slug)])
    generation = _library_generation(cached)
    pointer = cached.get(pointer_key(slug))
    if pointer == GONE:
        return None, None
    if pointer is not None:
        return Entry(pointer, generation), None
    routine = load_routine(slug)
    if routine is None:
        return None, None
    entry = Entry(Pointer.of(routine), generation)
    cache.add(pointer_key(slug), entry.pointer, POINTER_TTL)
    if routine.is_public:
        cache.set(entry.key("data"), routine, CONTENT_TTL)
    return entry, routine


def routine_for(entry, slug):
    """The published routine `entry` points at, from the cache, else the database."""
    routine = cache.get(entry.key("data"))
    if routine is None:
        routine = load_routine(slug)
        if routine is not None and routine.is_public:
            cache.set(Entry(Pointer.of(routine), entry.generation).key("data"), routine)
    return routine


def load_routine(slug):
    """The routine with everything the public pages show, in four queries (None if absent).

    The routine; its steps with their exercise and variation (`prefetch_related`, each
    exercise one instance however many steps use it); every variation of those exercises
    (for the easier rung and `?use=`); their caution rules (for the check first and the
    routine adjusted for a person's conditions).
    """
    steps = RoutineStep.objects.select_related("exercise", "variation").order_by("order", "pk")
    routine = (
        Routine.objects.filter(slug=slug)
        .prefetch_related(Prefetch("steps", queryset=steps))
        .first()
    )
    if routine is None:
        return None
    exercises = {}
    for step in routine.steps.all():
        step.exercise = exercises.setdefault(step.exercise_id, step.exercise)
    prefetch_related_objects(list(exercises.values()), "variations")
    variations = {v.pk: v for e in exercises.values() for v in e.variations.all()}
    for step in routine.steps.all():
        if step.variation_id:
            step.variation = variations[step.variation_id]
    routine._caution_rules = _caution_rules(exercises, variations)
    if routine.is_public:
        # Cached with its timeline; anyone else's is expanded only once they may see it.
        routine.timeline()
    return routine


def _caution_rules(exercises, variations):
    """The caution rules of `exercises`, with their variations taken from `variations`."""
    if not exercises:
        return []
    rules = list(CautionRule.objects.filter(exercise_id__in=exercises).select_related("condition"))
    for rule in rules:
        rule.exercise = exercises[rule.exercise_id]
        for field in ("variation", "instead"):
            pk = getattr(rule, f"{field}_id")
            if pk in variations:
                setattr(rule, field, variations[pk])
    return rules

"""The Redis cache, forgiving an outage: with Redis down the site serves without a cache.

Every read misses, every write is dropped, and sessions (`cached_db`) come from the
database, instead of each request failing with a 500. The outage is logged once, and its
end once. After a failed call Redis is left alone for RETRY_SECONDS, so a Redis that hangs
costs one request its socket timeout, not every request. `/healthz` still says it is down
(`ping`).

While it is down, writes that keep the published-routine cache current (stretches.signals)
are lost: an edit made then reaches the public pages when its pointer expires
(stretches.caching.POINTER_TTL, 10 minutes) or the routine is saved again.
"""

import fcntl
import logging
import os
import threading
import time
from contextlib import contextmanager

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

log = logging.getLogger(__name__)

RETRY_SECONDS = 5
UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)


def _forgiving(name, fallback):
    method = getattr(RedisCache, name)

    def call(self, *args, **kwargs):
        if self._is_resting():
            return fallback(*args, **kwargs)
        try:
            result = method(self, *args, **kwargs)
        except UNREACHABLE as error:
            self._went_down(error)
            return fallback(*args, **kwargs)
        self._came_back()
        return result

    call.__name__ = name
    call.__doc__ = method.__doc__
    return call


def _get(key, default=None, version=None):
    return default


def _incr(*args, **kwargs):
    # Django's "no such key": callers that count start again, and the write is dropped.
    raise ValueError("The cache is not answering.")


class ForgivingRedisCache(RedisCache):
    """Django's RedisCache that degrades to "no cache" while Redis does not answer."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._lock = threading.Lock()
        self._down_since = None
        self._retry_at = 0.0

    def _is_resting(self):
        return self._down_since is not None and time.monotonic() < self._retry_at

    def _went_down(self, error):
        with self._lock:
            self._retry_at = time.monotonic() + RETRY_SECONDS
            if self._down_since is None:
                self._down_since = time.monotonic()
                log.error(
                    "The cache (Redis) is not answering (%s): serving without it, sessions "
                    "from the database, until it answers again.",
                    error,
                )

    def _came_back(self):
        if self._down_since is None:
            return
        with self._lock:
            if self._down_since is not None:
                log.warning(
                    "The cache (Redis) answers again after %d s.",
                    time.monotonic() - self._down_since,
                )
                self._down_since = None

    def ping(self):
        """Raise when Redis does not answer (for /healthz), whatever the fallback does."""
        self._cache.get_client().ping()

    get = _forgiving("get", _get)
    get_many = _forgiving("get_many", lambda *a, **k: {})
    has_key = _forgiving("has_key", lambda *a, **k: False)
    add = _forgiving("add", lambda *a, **k: False)
    set = _forgiving("set", lambda *a, **k: None)
    set_many = _forgiving("set_many", lambda data, *a, **k: list(data))
    touch = _forgiving("touch", lambda *a, **k: False)
    delete = _forgiving("delete", lambda *a, **k: False)
    delete_many = _forgiving("delete_many", lambda *a, **k: None)
    incr = _forgiving("incr", _incr)
    clear = _forgiving("clear", lambda *a, **k: None)


class FileCache(FileBasedCache):
    """Django's file-based cache, shared by every worker on one machine, with `add`, `set`,
    `delete` and `incr` taking one lock file in turn (`fcntl.flock`).

    Django's own `add` checks, then writes: a reader adding a routine's pointer it read just
    before an edit committed could overwrite the pointer the editor's save had just set, and
    serve the old version until the pointer expired. Under the lock, whichever comes second
    sees the other: `add` keeps the editor's pointer, or the editor's `set` replaces the
    reader's. `incr` (the rate limits' counters) counts every call.
    """

    @contextmanager
    def _locked(self):
        os.makedirs(self._dir, exist_ok=True)
        fd = os.open(os.path.join(self._dir, "lock"), os.O_CREAT | os.O_RDWR, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # closing the descriptor releases the lock

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        with self._locked():
            if self.has_key(key, version):
                return False
            FileBasedCache.set(self, key, value, timeout, version)
            return True

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        with self._locked():
            FileBasedCache.set(self, key, value, timeout, version)

    def delete(self, key, version=None):
        with self._locked():
            return FileBasedCache.delete(self, key, version)

    def incr(self, key, delta=1, version=None):
        with self._locked():
            value = self.get(key, version=version)
            if value is None:
                raise ValueError(f"Key '{key}' not found")
            FileBasedCache.set(self, key, value + delta, version=version)
            return value + delta

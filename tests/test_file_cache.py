"""The file-based cache every worker on one machine shares: `add` and `incr` are atomic
across processes, so a reader's late `add` never overwrites an editor's `set`."""

import multiprocessing

import pytest
from django.core.cache.backends.base import DEFAULT_TIMEOUT

from backlog.cache import FileCache


def cache_in(folder):
    return FileCache(str(folder), {"TIMEOUT": DEFAULT_TIMEOUT})


def test_add_keeps_what_is_there_and_set_replaces_it(tmp_path):
    cache = cache_in(tmp_path)
    assert cache.add("pointer", "new")
    assert not cache.add("pointer", "old")
    assert cache.get("pointer") == "new"
    cache.set("pointer", "newer")
    assert cache.get("pointer") == "newer"
    assert cache.delete("pointer")
    assert cache.get("pointer") is None


def _count(folder, times):
    cache = cache_in(folder)
    for _ in range(times):
        cache.incr("failures")


def test_incr_from_several_processes_counts_every_call(tmp_path):
    cache = cache_in(tmp_path)
    cache.set("failures", 0)
    context = multiprocessing.get_context("spawn")  # not fork: the test process has threads
    workers = [context.Process(target=_count, args=(tmp_path, 50)) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(30)
    assert [worker.exitcode for worker in workers] == [0, 0, 0, 0]
    assert cache.get("failures") == 200


def test_incr_of_a_missing_key_is_refused_as_django_does(tmp_path):
    with pytest.raises(ValueError, match="not found"):
        cache_in(tmp_path).incr("nothing")

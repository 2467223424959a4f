"""The default cache (thidua.core.filecache): Django's file cache, culled at most once a minute."""

import os

from thidua.core import filecache
from thidua.core.filecache import FileCache


def make(tmp_path, entries=5):
    return FileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": entries, "CULL_FREQUENCY": 2}})


def test_values_come_back_as_they_were_stored(tmp_path):
    cache = make(tmp_path)
    cache.set("rows", [("chỉ tiêu", 1, None)], timeout=60)
    assert cache.get("rows") == [("chỉ tiêu", 1, None)]
    assert cache.get("missing", "none") == "none"
    cache.set("gone", 1, timeout=-1)
    assert cache.get("gone") is None


def test_the_folder_is_culled_once_a_minute_not_on_every_write(tmp_path, monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(filecache.time, "monotonic", lambda: clock[0])
    cache = make(tmp_path)
    for n in range(12):
        cache.set(f"key-{n}", n, timeout=60)
    assert len(list(tmp_path.glob("*.tdcache"))) == 12  # the first write looked, when it was empty
    clock[0] += filecache.CULL_EVERY_SECONDS + 1
    cache.set("one-more", 0, timeout=60)
    assert len(list(tmp_path.glob("*.tdcache"))) < 12


def test_a_cull_removes_the_entries_used_longest_ago(tmp_path, monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(filecache.time, "monotonic", lambda: clock[0])
    cache = make(tmp_path, entries=6)  # CULL_FREQUENCY 2: half of them go
    for n in range(6):
        cache.set(f"key-{n}", n, timeout=60)
        path = cache._key_to_file(f"key-{n}")
        os.utime(path, (1_000_000 + n, 1_000_000 + n))  # key-0 written first
    clock[0] += filecache.CULL_EVERY_SECONDS + 1
    cache.set("newest", "kept", timeout=60)
    assert [cache.get(f"key-{n}") for n in range(6)] == [None, None, None, 3, 4, 5]
    assert cache.get("newest") == "kept"


def test_an_entry_read_since_is_kept_however_long_ago_it_was_written(tmp_path, monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(filecache.time, "monotonic", lambda: clock[0])
    cache = make(tmp_path, entries=4)
    for n in range(4):
        cache.set(f"key-{n}", n, timeout=60)
        os.utime(cache._key_to_file(f"key-{n}"), (1_000_000 + n, 1_000_000 + n))
    assert cache.get("key-0") == 0  # written first, read last
    clock[0] += filecache.CULL_EVERY_SECONDS + 1
    cache.set("newest", "kept", timeout=60)
    assert [cache.get(f"key-{n}") for n in range(4)] == [0, None, None, 3]

"""The default cache (thidua.core.filecache): Django's file cache, culled at most once a minute."""

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

"""The default cache (one folder shared by the workers of one server), made cheap enough for every page.

Django's FileBasedCache lists the whole folder on every write to see whether it must cull (with
thousands of entries, a few milliseconds each time, and the pages write versions, fragments and
sessions all day long), culls a random sample, and compresses every value. This one looks at most
once a minute per process, culls the entries used longest ago (a read marks its file as used: on
deadline day the folder stays at its limit, and a random cull threw away the pages being read, while
the least used are mostly versions already replaced), and stores values as they are pickled: a page's
rows are read back without decompressing them.
"""

import contextlib
import os
import pickle
import time

from django.core.cache.backends.filebased import FileBasedCache

CULL_EVERY_SECONDS = 60


class FileCache(FileBasedCache):
    cache_suffix = ".tdcache"  # not Django's format: entries it wrote are not read as these

    def __init__(self, dir, params):
        super().__init__(dir, params)
        self._next_cull = 0.0

    def get(self, key, default=None, version=None):
        fname = self._key_to_file(key, version)
        try:
            with open(fname, "rb") as f:
                if not self._is_expired(f):
                    value = pickle.loads(f.read())
                    with contextlib.suppress(OSError):  # read now: the cull keeps what is read
                        os.utime(f.fileno())
                    return value
        except FileNotFoundError:
            pass
        return default

    def _write_content(self, file, timeout, value):
        expiry = self.get_backend_timeout(timeout)
        file.write(pickle.dumps(expiry, self.pickle_protocol))
        file.write(pickle.dumps(value, self.pickle_protocol))

    def _cull(self):
        now = time.monotonic()
        if now < self._next_cull:
            return
        self._next_cull = now + CULL_EVERY_SECONDS
        with os.scandir(self._dir) as entries:
            files = [entry for entry in entries if entry.name.endswith(self.cache_suffix)]
        if len(files) < self._max_entries:
            return
        if self._cull_frequency == 0:
            self.clear()
            return
        used = sorted((self._used_at(entry), entry.path) for entry in files)
        for _used, path in used[: len(used) // self._cull_frequency]:
            self._delete(path)

    @staticmethod
    def _used_at(entry: os.DirEntry) -> float:
        try:
            return entry.stat().st_mtime
        except FileNotFoundError:  # another worker culled it meanwhile
            return 0.0

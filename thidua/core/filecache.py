"""The default cache (one folder shared by the workers of one server), made cheap enough for every page.

Django's FileBasedCache lists the whole folder on every write to see whether it must cull (with
thousands of entries, a few milliseconds each time, and the pages write versions, fragments and
sessions all day long), and compresses every value. This one looks at most once a minute per process,
and stores values as they are pickled: a page's rows are read back without decompressing them.
"""

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
                    return pickle.loads(f.read())
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
            count = sum(1 for entry in entries if entry.name.endswith(self.cache_suffix))
        if count >= self._max_entries:
            super()._cull()

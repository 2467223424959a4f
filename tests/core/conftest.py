import pytest
from django.core.cache import cache


@pytest.fixture
def page_cache_on(settings):
    """The page cache and the person's cache on (the tests' settings switch them off), from empty."""
    settings.PAGE_CACHE_SECONDS = 3600
    cache.clear()
    yield
    cache.clear()

"""No page answers 500 to odd input: every GET page of the permission matrix, asked by the office and by
two other roles, with malformed values in every query parameter the page reads and in the parts of its
path (dates, periods, years, huge ids). A page may ignore the value (with a notice), answer 400 or 404;
it never fails.

Which parameters a page reads is found by asking it once and recording every key its view looks up in
`request.GET` (django-filter's FilterSets read through the same QueryDict); the parameters the project
uses anywhere (`KNOWN_PARAMETERS`) are sent too, so a new filter is fuzzed without editing this file.
"""

import contextlib
import re
from urllib.parse import urlencode

import pytest
from django.http import QueryDict
from django.urls import NoReverseMatch, reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.test_permission_matrix import ENTERPRISE, OFFICE, POST_ONLY, REDIRECT, STAFF, _ask, _url, all_rows
from tests.test_permission_matrix import worlds as worlds  # the fixture: both demo agencies, built once

pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("ignore")]

# Every name read from a query string somewhere in the project (grep `request.GET`), and the common
# ones of pagination, search and export.
KNOWN_PARAMETERS = (
    "page", "q", "co-quan", "ke-hoach", "don-vi", "trang-thai", "tu", "den", "thang", "nam", "year",
    "plan", "ca_nhan", "don_vi", "nhip", "xuat", "status", "unit", "kind", "loai", "items",
)  # fmt: skip
ODD_VALUES = (
    "abc",
    "²",  # a digit to str.isdigit(), not to int()
    "-1",
    "99999999999999999999999999",
    "9999-12",
    "0001-01-01",
    "9999-12-31",
    "2026-13-45",
    "đại hội\u0000",
)
MORE_ODD_VALUES = ("0", "1.5", "1e99", "٣", "0001-01", "2026-02-30", "' OR 1=1 --", "%", "x" * 3000)
# Pages whose answer is a file made on request take a second each: fewer values for them.
SLOW = re.compile(r"(workbook|template|export|download|book_stats|openapi|_file$)")
ROLES = (OFFICE, STAFF, ENTERPRISE)
IGNORED_KEYS = {"csrfmiddlewaretoken"}


def _gets(role: str) -> list[str]:
    """The URL names `role` may GET (the admin's pages are Django's own and left out)."""
    return [
        name
        for name, row in sorted(all_rows().items())
        if not name.startswith("admin:") and row.get not in (POST_ONLY, REDIRECT) and role in row.get
    ]


@contextlib.contextmanager
def _reads():
    """Record every key looked up in a QueryDict while the block runs (the page's own reads)."""
    seen: set[str] = set()
    originals = {name: getattr(QueryDict, name) for name in ("get", "getlist", "__getitem__", "__contains__")}

    def spy(name):
        def method(self, key, *args, **kwargs):
            if isinstance(key, str):
                seen.add(key)
            return originals[name](self, key, *args, **kwargs)

        return method

    for name in originals:
        setattr(QueryDict, name, spy(name))
    try:
        yield seen
    finally:
        for name, original in originals.items():
            setattr(QueryDict, name, original)


def _parameters(client, url: str, row) -> list[str]:
    """The query parameters the page looks up when asked plainly."""
    with _reads() as seen:
        _ask(client, "GET", url, row, None)
    return sorted(seen - IGNORED_KEYS)


def _failure(client, url: str, row, query: dict) -> str | None:
    """None, or what failed: the error first, then the request (shortened)."""
    full = f"{url}?{urlencode(query)}" if query else url
    response, _unchanged = _ask(client, "GET", full, row, None)
    if response.status_code < 500:
        return None
    return f"{response.status_code} {response.content.decode()[:160]} ← GET {full[:160]}"


def _report(failures: list) -> str:
    found = sorted({failure for failure in failures if failure})
    return f"{len(found)} failing requests:\n" + "\n".join(found[:40])


@pytest.mark.parametrize("role", ROLES)
def test_odd_query_values_never_fail(worlds, role):
    """Each odd value in every parameter at once; then, for the office, each parameter the page reads
    alone (a value that makes the page 404 early must not hide another parameter's 500)."""
    built, clients = worlds
    client, w = clients[(built[0].organization.pk, role)], built[0]
    failures = []
    for name in _gets(role):
        row = all_rows()[name]
        url = _url(name, row, w)
        read = _parameters(client, url, row)
        values = ODD_VALUES if read and not SLOW.search(name) else ODD_VALUES[1:3]
        for value in values:
            failures.append(_failure(client, url, row, dict.fromkeys([*read, *KNOWN_PARAMETERS], value)))
        if role == OFFICE and not SLOW.search(name):
            for parameter in read:
                for value in ("²", "99999999999999999999999999"):
                    failures.append(_failure(client, url, row, {parameter: value}))
    assert not any(failures), _report(failures)


def _odd_paths(name: str, row, w) -> list[str]:
    """The URL with each of its parts replaced by odd values the URL's converter lets through."""
    kwargs = row.kwargs(w) if row.kwargs else {}
    if row.obj is not None:
        kwargs = {"pk": getattr(w, row.obj).pk} | kwargs
    paths = []
    for key, value in kwargs.items():
        odd = ("99999999999999999999999999", "0") if isinstance(value, int) else (
            "abc", "9999-12-31", "0001-01-01", "2026-13-45", "9999-Q4", "9999-12", "0001", "99999", "²"
        )  # fmt: skip
        for replacement in odd:
            with contextlib.suppress(NoReverseMatch):  # a value the converter refuses: no such URL
                paths.append(reverse(name, kwargs=kwargs | {key: replacement}))
    return paths


def test_odd_path_values_never_fail(worlds):
    """Dates, periods, years and ids in the path: out of range or malformed gives 404, never 500."""
    built, clients = worlds
    client = clients[(built[0].organization.pk, OFFICE)]
    failures = []
    for name in sorted(set(_gets(OFFICE)) | set(_gets(STAFF))):
        row = all_rows()[name]
        for url in _odd_paths(name, row, built[0]):
            failures.append(_failure(client, url, row, {}))
    assert not any(failures), _report(failures)


LIST_PAGES = [name for name in _gets(OFFICE) if all_rows()[name].obj is None and not SLOW.search(name)]
VALUES = st.one_of(
    st.sampled_from(ODD_VALUES + MORE_ODD_VALUES), st.text(max_size=12), st.integers().map(str)
)


@settings(max_examples=60)
@given(name=st.sampled_from(LIST_PAGES), query=st.dictionaries(st.sampled_from(KNOWN_PARAMETERS), VALUES))
def test_random_queries_on_list_pages_never_fail(worlds, name, query):
    built, clients = worlds
    client, row = clients[(built[0].organization.pk, OFFICE)], all_rows()[name]
    assert _failure(client, _url(name, row, built[0]), row, query) is None

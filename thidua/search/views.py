"""One search box for the whole product: the results page, grouped by kind."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from thidua.search.kinds import BY_KEY, KINDS

FIRST = 5  # results shown per kind on the grouped page; "Xem tất cả" pages through one kind
PAGE_SIZE = 20
MAX_QUERY = 100


@login_required
def results(request):
    query = request.GET.get("q", "").replace("\x00", "").strip()[:MAX_QUERY]
    chosen = BY_KEY.get(request.GET.get("loai", ""))
    context: dict = {"query": query, "kinds": KINDS, "chosen": chosen}
    if not query:
        return render(request, "search/results.html", context)
    if chosen is not None:
        page = Paginator(chosen.search(request.user, query), PAGE_SIZE).get_page(request.GET.get("page"))
        context["page"] = page
        context["rows"] = [chosen.result(row) for row in page]
        return render(request, "search/results.html", context)
    groups = []
    for kind in KINDS:
        found = kind.search(request.user, query)
        first = list(found[: FIRST + 1])
        if first:
            rows = [kind.result(row) for row in first[:FIRST]]
            groups.append((kind, rows, found.count() if len(first) > FIRST else len(first)))
    context["groups"] = groups
    return render(request, "search/results.html", context)

"""Benchmark of the tracking dashboards on a synthetic province (bench/scale.py).

    python bench/bench_pages.py [--quick] [--requests N]

On PostgreSQL when DATABASE_URL is set, otherwise on its own SQLite file (var/bench.sqlite3, never
the development database). Makes sure the province exists (200 agencies × 10 units × 30 targets ×
60 months ≈ 3,6 million reports; --quick: 4 agencies × 12 months, a smoke run), then for each page
— overview and one target and one unit of an agency (as its office user), province (as the
observer of all agencies) — measures, after 3 warm-up requests, N ≥ 30 requests through the test
client: median and p95 server time, the SQL queries of one request, and the floor: the bare SQL
the page needs, run with a raw cursor and timed the same way. Query counts are also taken on a
set 100 times smaller (2 agencies) and must be the same. Writes bench/results.json and prints a table.

Budget (PostgreSQL, full size): p95 ≤ 300 ms, ≤ 15 queries, p95 ≤ 2 × floor, same queries at 1× and 100×.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.util
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results.json"

BUDGET = {"p95_ms": 300, "queries": 15, "p95_over_floor": 2}
FULL = {"organizations": 200, "units": 10, "targets": 30, "months": 60}
QUICK = {"organizations": 4, "units": 10, "targets": 30, "months": 12}
SMALL_FACTOR = 0.01  # the "1×" set: 2 agencies against 200
WARM_UP = 3


def configure() -> None:
    """Production-like settings (DEBUG off) that the test client can talk to."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "thidua.settings"
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret-" + "x" * 40)
    os.environ["REQUEST_LOG"] = "false"  # thousands of timed requests: no log line each on stdout
    os.environ["ALLOWED_HOSTS"] = "testserver,localhost,127.0.0.1"
    os.environ["STATICFILES_STORAGE"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
    os.environ["SECURE_SSL_REDIRECT"] = "false"
    os.environ["SECURE_COOKIES"] = "false"
    if not os.environ.get("DATABASE_URL"):
        (ROOT / "var").mkdir(exist_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}"
    import django

    django.setup()


BASELINE_URL = "/__bench__/empty/"
BARE_URL = "/__bench__/bare/"


def install_baseline_page() -> None:
    """Two baselines: an empty logged-in page (session, user, menu, base.html), what every page costs
    before its data; and a bare logged-in response (session and user, no template), what any
    authenticated Django response costs before it does anything.

    Served from a urlconf made here that also includes the real one, so page URLs do not change.
    """
    import types

    from django.conf import settings
    from django.contrib.auth.decorators import login_required
    from django.http import HttpResponse
    from django.shortcuts import render
    from django.urls import include, path

    @login_required
    def empty(request):
        return render(request, "base.html", {})

    @login_required
    def bare(request):
        return HttpResponse("ok")

    module = types.ModuleType("bench_pages_urls")
    module.urlpatterns = [
        path(BASELINE_URL.strip("/") + "/", empty),
        path(BARE_URL.strip("/") + "/", bare),
        path("", include(settings.ROOT_URLCONF)),
    ]
    sys.modules[module.__name__] = module
    settings.ROOT_URLCONF = module.__name__


def require_views() -> None:
    if importlib.util.find_spec("thidua.tracking.views.reports") is None:
        # TODO: nothing to measure until the dashboards exist (thidua/tracking/views/reports.py).
        sys.exit("bench_pages: thidua/tracking/views/reports.py does not exist yet: no dashboard to measure.")


# --- Measuring -------------------------------------------------------------------------------


def percentile(samples: list[float], share: float) -> float:
    """Nearest-rank percentile (p95 of 30 samples is the 29th smallest)."""
    ordered = sorted(samples)
    rank = max(1, -(-len(ordered) * share // 1))
    return ordered[int(rank) - 1]


def timed(function, runs: int) -> list[float]:
    for _ in range(WARM_UP):
        function()
    samples = []
    for _ in range(runs):
        began = time.perf_counter()
        function()
        samples.append((time.perf_counter() - began) * 1000)
    return samples


def fetch(client, url: str):
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"bench_pages: GET {url} answered {response.status_code}, not 200.")
    return response


def count_queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        fetch(client, url)
    return len(context.captured_queries)


def sql_ms(client, url: str) -> float:
    """Time spent executing one request's queries (on SQLite rows are computed while fetched, later)."""
    from django.db import connection

    spent = []

    def timer(execute, sql, params, many, context):
        began = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent.append(time.perf_counter() - began)

    with connection.execute_wrapper(timer):
        fetch(client, url)
    return round(sum(spent) * 1000, 2)


# --- The pages and their floors ----------------------------------------------------------------


class Province:
    """The people, agency, target and unit a set of synthetic data is looked at through."""

    def __init__(self, prefix: str):
        from thidua.org.models import Unit, User
        from thidua.plans.models import Target

        self.prefix = prefix
        self.observer = User.objects.get(username=f"{prefix}.theodoi")
        self.office = User.objects.get(username=f"{prefix}-001.vanphong")
        self.organization = self.office.organization
        self.target = Target.objects.filter(plan__organization=self.organization).order_by("position").first()
        self.unit = Unit.objects.filter(organization=self.organization, kind=Unit.Kind.DIVISION).order_by(
            "position"
        )[0]

    def pages(self) -> dict[str, tuple]:
        """page → (user, url, floor function)."""
        from django.urls import reverse

        return {
            "overview": (self.office, reverse("tracking:overview"), self.overview_floor),
            "target": (self.office, reverse("tracking:target", args=[self.target.pk]), self.target_floor),
            "unit": (self.office, reverse("tracking:unit", args=[self.unit.pk]), self.unit_floor),
            "province": (self.observer, reverse("tracking:province"), self.province_floor),
        }

    # Each floor is the data the view in thidua/tracking/views/reports.py reads, as plain SQL, without the
    # session, the user, permissions or rendering: what no implementation of the page can avoid.

    def overview_floor(self):
        """overview(): the targets of the agency's plans under way, their overall snapshots (the
        counts by status are added up from these), the number of reports waiting for review."""
        return run(
            [
                (
                    "SELECT t.id, t.plan_id, t.position, t.text, t.comparator, t.value, t.value_max, "
                    "t.unit_of_measure FROM plans_target t JOIN plans_plan p ON p.id = t.plan_id "
                    "WHERE p.organization_id = %s AND p.status = 'published' "
                    "ORDER BY t.plan_id, t.position, t.id",
                    [self.organization.pk],
                ),
                (
                    "SELECT target_id, status, actual, reason, series FROM tracking_progresssnapshot "
                    "WHERE organization_id = %s AND unit_id IS NULL",
                    [self.organization.pk],
                ),
                (
                    "SELECT count(*) FROM tracking_report "
                    "WHERE organization_id = %s AND status = 'submitted'",
                    [self.organization.pk],
                ),
            ]
        )

    # What a page would need without the snapshots: the aggregate over the reports themselves.
    # Not the budget's floor (the pages do not run it); recorded to show what the summaries save.
    AGGREGATE = (
        "SELECT {group}, sum(r.value), sum(r.numerator), sum(r.denominator) FROM tracking_report r "
        "JOIN tracking_assignment a ON a.id = r.assignment_id "
        "WHERE r.organization_id IN ({agencies}) AND r.status = 'approved' AND r.superseded_at IS NULL "
        "AND r.period_end <= CURRENT_DATE GROUP BY {group}"
    )

    def overview_aggregate(self):
        return run([(self.AGGREGATE.format(group="a.target_id", agencies="%s"), [self.organization.pk])])

    def target_aggregate(self):
        """The chart and the breakdown by unit: the target's approved values by unit and period end."""
        sql = (
            "SELECT a.unit_id, r.period_end, sum(r.value), sum(r.numerator), sum(r.denominator) "
            "FROM tracking_report r JOIN tracking_assignment a ON a.id = r.assignment_id "
            "WHERE a.target_id = %s AND r.status = 'approved' AND r.superseded_at IS NULL "
            "GROUP BY a.unit_id, r.period_end"
        )
        return run([(sql, [self.target.pk])])

    def unit_aggregate(self):
        sql = (
            "SELECT a.target_id, sum(r.value), sum(r.numerator), sum(r.denominator) FROM tracking_report r "
            "JOIN tracking_assignment a ON a.id = r.assignment_id WHERE a.unit_id = %s "
            "AND r.status = 'approved' AND r.superseded_at IS NULL AND r.period_end <= CURRENT_DATE "
            "GROUP BY a.target_id"
        )
        return run([(sql, [self.unit.pk])])

    def province_aggregate(self):
        agencies = "SELECT m.organization_id FROM org_membership m WHERE m.user_id = %s"
        sql = self.AGGREGATE.format(group="r.organization_id, a.target_id", agencies=agencies)
        return run([(sql, [self.observer.pk])])

    def province_floor(self):
        """province(): the observer's agencies, first page of 50, and their overall snapshots by status."""
        agencies = (
            "FROM org_organization o WHERE o.id IN "
            "(SELECT m.organization_id FROM org_membership m WHERE m.user_id = %s)"
        )
        rows = run(
            [
                (f"SELECT count(*) {agencies}", [self.observer.pk]),
                (
                    f"SELECT o.id, o.name, o.province {agencies} ORDER BY o.province, o.name LIMIT 50",
                    [self.observer.pk],
                ),
            ]
        )
        ids = [row[0] for row in rows[1]] or [0]
        marks = ", ".join(["%s"] * len(ids))
        return run(
            [
                (
                    "SELECT organization_id, status, count(*) FROM tracking_progresssnapshot "
                    f"WHERE unit_id IS NULL AND organization_id IN ({marks}) "
                    "GROUP BY organization_id, status",
                    ids,
                )
            ]
        )

    def target_floor(self):
        """target_detail(): the target and its plan, its snapshots (the overall one holds the chart
        series) with their units, and its assignments with their units."""
        return run(
            [
                (
                    "SELECT t.*, p.starts_on, p.ends_on, p.number, o.name FROM plans_target t "
                    "JOIN plans_plan p ON p.id = t.plan_id "
                    "JOIN org_organization o ON o.id = p.organization_id "
                    "WHERE t.id = %s",
                    [self.target.pk],
                ),
                (
                    "SELECT s.unit_id, s.status, s.actual, s.reason, s.series, u.name "
                    "FROM tracking_progresssnapshot s LEFT JOIN org_unit u ON u.id = s.unit_id "
                    "WHERE s.target_id = %s",
                    [self.target.pk],
                ),
                (
                    "SELECT a.id, a.role, a.share, u.name FROM tracking_assignment a "
                    "JOIN org_unit u ON u.id = a.unit_id WHERE a.target_id = %s ORDER BY a.role, u.position",
                    [self.target.pk],
                ),
            ]
        )

    def unit_floor(self):
        """unit_detail(): the unit's assignments with targets and plans, their snapshots, the state of
        its reports for the periods that can still be open (up to 15 days ahead), its returned reports."""
        from django.utils import timezone

        horizon = timezone.localdate() + datetime.timedelta(days=15)
        return run(
            [
                (
                    "SELECT u.id, u.name, o.name FROM org_unit u "
                    "JOIN org_organization o ON o.id = u.organization_id WHERE u.id = %s",
                    [self.unit.pk],
                ),
                (
                    "SELECT a.id, a.role, a.share, a.due_on, t.id, t.text, t.position, t.period_kind, "
                    "t.unit_of_measure, t.starts_on, t.ends_on, p.starts_on, p.ends_on, p.reporting_rhythm "
                    "FROM tracking_assignment a JOIN plans_target t ON t.id = a.target_id "
                    "JOIN plans_plan p ON p.id = t.plan_id "
                    "WHERE a.unit_id = %s AND p.status = 'published' ORDER BY t.plan_id, t.position",
                    [self.unit.pk],
                ),
                (
                    "SELECT target_id, status FROM tracking_progresssnapshot WHERE unit_id = %s",
                    [self.unit.pk],
                ),
                (
                    "SELECT r.assignment_id, r.period_start, r.status, r.id FROM tracking_report r "
                    "JOIN tracking_assignment a ON a.id = r.assignment_id "
                    "WHERE a.unit_id = %s AND r.superseded_at IS NULL AND r.period_start <= %s",
                    [self.unit.pk, horizon],
                ),
                (
                    "SELECT r.id, r.period_label, r.review_comment, t.text FROM tracking_report r "
                    "JOIN tracking_assignment a ON a.id = r.assignment_id "
                    "JOIN plans_target t ON t.id = a.target_id "
                    "WHERE a.unit_id = %s AND r.status = 'returned'",
                    [self.unit.pk],
                ),
            ]
        )


def run(statements: list[tuple[str, list]]) -> list[list]:
    from django.db import connection

    results = []
    with connection.cursor() as cursor:
        for sql, params in statements:
            cursor.execute(sql, params)
            results.append(cursor.fetchall())
    return results


def measure(province: Province, runs: int) -> dict:
    from django.test import Client

    results = {}
    for page, (user, url, floor) in province.pages().items():
        client = Client()
        client.force_login(user)
        samples = timed(lambda client=client, url=url: fetch(client, url), runs)
        floors = timed(floor, runs)
        results[page] = {
            "p50_ms": round(statistics.median(samples), 2),
            "p95_ms": round(percentile(samples, 0.95), 2),
            "queries": count_queries(client, url),
            "floor_ms": round(statistics.median(floors), 2),
            "_url": url,
            "_floor_p95_ms": round(percentile(floors, 0.95), 2),
            "_sql_ms": sql_ms(client, url),
        }
        aggregate = getattr(province, f"{page}_aggregate", None)
        if aggregate is not None:
            results[page]["_aggregate_without_snapshots_ms"] = round(
                statistics.median(timed(aggregate, 5)), 2
            )
    return results


def measure_small(province: Province, runs: int) -> dict[str, dict]:
    """Queries and times of the same pages on the 1× set, to see what grows with the data."""
    from django.test import Client

    rows = {}
    for page, (user, url, _floor) in province.pages().items():
        client = Client()
        client.force_login(user)
        samples = timed(lambda client=client, url=url: fetch(client, url), runs)
        rows[page] = {
            "queries": count_queries(client, url),
            "p50_ms": round(statistics.median(samples), 2),
            "p95_ms": round(percentile(samples, 0.95), 2),
        }
    return rows


def measure_baseline(user, url: str, runs: int) -> dict:
    from django.test import Client

    client = Client()
    client.force_login(user)
    samples = timed(lambda: fetch(client, url), runs)
    return {
        "p50_ms": round(statistics.median(samples), 2),
        "p95_ms": round(percentile(samples, 0.95), 2),
        "queries": count_queries(client, url),
    }


# --- Report --------------------------------------------------------------------------------------


def judge(pages: dict, same_queries: bool) -> dict:
    failures = []
    for page, row in pages.items():
        if row["p95_ms"] > BUDGET["p95_ms"]:
            failures.append(f"{page}: p95 {row['p95_ms']} ms > {BUDGET['p95_ms']} ms")
        if row["queries"] > BUDGET["queries"]:
            failures.append(f"{page}: {row['queries']} queries > {BUDGET['queries']}")
        if row["p95_ms"] > BUDGET["p95_over_floor"] * row["floor_ms"]:
            failures.append(
                f"{page}: p95 {row['p95_ms']} ms > {BUDGET['p95_over_floor']} × floor {row['floor_ms']} ms"
            )
    if not same_queries:
        failures.append("query counts differ between the 1× and the 100× data sets")
    return {**BUDGET, "queries_same_at_1x_and_100x": same_queries, "met": not failures, "failures": failures}


def table(pages: dict, details: dict, baseline: dict, bare: dict) -> str:
    lines = [
        f"{'page':10} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8} {'floor ms':>9} {'p95/floor':>10} "
        f"{'SQL ms':>7} {'q at 1×':>8} {'p50 at 1×':>10}",
    ]
    for page, row in pages.items():
        ratio = row["p95_ms"] / row["floor_ms"] if row["floor_ms"] else float("inf")
        extra = details[page]
        lines.append(
            f"{page:10} {row['p50_ms']:8.1f} {row['p95_ms']:8.1f} {row['queries']:8d} {row['floor_ms']:9.2f} "
            f"{ratio:10.1f} {extra['sql_ms_in_one_request']:7.1f} {extra['at_1x']['queries']:8d} "
            f"{extra['at_1x']['p50_ms']:10.1f}"
        )
    lines.append(
        f"{'(empty)':10} {baseline['p50_ms']:8.1f} {baseline['p95_ms']:8.1f} {baseline['queries']:8d}"
        "   ← a logged-in page with no data: session, user, menu, base.html"
    )
    lines.append(
        f"{'(bare)':10} {bare['p50_ms']:8.1f} {bare['p95_ms']:8.1f} {bare['queries']:8d}"
        "   ← a logged-in response with nothing in it: session and user, no template"
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="a small province: a smoke run, not a measurement"
    )
    parser.add_argument("--requests", type=int, default=30, help="timed requests per page (at least 30)")
    args = parser.parse_args()
    if args.requests < 30:
        parser.error("--requests must be at least 30 (p95 needs them)")

    configure()
    require_views()
    install_baseline_page()
    from django.core.management import call_command
    from django.db import connection

    from bench.scale import generate_province

    call_command("migrate", verbosity=0)
    size = QUICK if args.quick else FULL
    counts = generate_province(**size, stdout=sys.stdout)
    small_counts = generate_province(
        **size, factor=SMALL_FACTOR, prefix="scale1x", province="Tỉnh Mẫu Nhỏ", stdout=sys.stdout
    )

    big, small = Province("scale"), Province("scale1x")
    print(f"Measuring {args.requests} requests per page on {connection.vendor}…", flush=True)
    pages = measure(big, args.requests)
    at_1x = measure_small(small, args.requests)
    baseline = measure_baseline(big.office, BASELINE_URL, args.requests)
    bare = measure_baseline(big.office, BARE_URL, args.requests)
    same = all(pages[page]["queries"] == at_1x[page]["queries"] for page in pages)
    budget = judge(pages, same)
    details = {
        page: {
            "url": row.pop("_url"),
            "floor_p95_ms": row.pop("_floor_p95_ms"),
            "sql_ms_in_one_request": row.pop("_sql_ms"),
            "aggregate_without_snapshots_ms": row.pop("_aggregate_without_snapshots_ms", None),
            "at_1x": at_1x[page],
        }
        for page, row in pages.items()
    }
    results = {
        "pages": pages,
        "scale": {
            "organizations": counts["organizations"],
            "units": counts["units"],
            "targets": counts["targets"],
            "reports": counts["reports"],
            "database": connection.vendor,
            "snapshots": counts["snapshots"],
            "months": size["months"],
            "quick": args.quick,
            "organizations_at_1x": small_counts["organizations"],
        },
        "budget": budget,
        "queries_same_at_1x_and_100x": same,
        "baseline_empty_page": baseline,
        "baseline_bare_response": bare,
        "details": {"requests": args.requests, "warm_up": WARM_UP, "pages": details},
        "measured_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
    }
    # Other benches keep their own sections of the file (extraction, documents).
    stored = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    results = {**stored, **results}
    RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print()
    print(table(pages, details, baseline, bare))
    print()
    print(
        f"Budget ({'met' if budget['met'] else 'NOT met'}): p95 ≤ {BUDGET['p95_ms']} ms, "
        f"≤ {BUDGET['queries']} queries, p95 ≤ {BUDGET['p95_over_floor']} × floor, "
        f"same queries at 1× and 100×: {same}"
    )
    for failure in budget["failures"]:
        print(f"  ✗ {failure}")
    print(f"Written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

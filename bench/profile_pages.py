"""Where a page's time goes: CPU per page and pyinstrument profiles of the pages of the load run
(bench/load.py), in-process, with the served app's settings.

    LOAD_DATABASE_URL=postgres://… python bench/profile_pages.py [--requests N] [--html DIR] [--top N]

For each page of the load mix, as a unit head and as the office of the first agency (the people
bench/load.py makes): the median CPU time (this process: Django, templates, the database driver; not
PostgreSQL's own) and wall time of N requests through the test client, and the query count, with the
page cache warm ("warm") and right after a report of the agency is saved ("miss": on deadline day that
is what most requests meet). CPU time hardly changes with what else the machine runs; wall time does. Then one
profile of the pages that cost most (text on stdout; --html writes one HTML profile per page as well).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def measure(client, page: str, requests: int, before=None) -> tuple[float, float]:
    """Median CPU and wall milliseconds of `requests` GETs of `page`; `before()` runs before each."""
    cpu, wall = [], []
    for _ in range(requests):
        if before is not None:
            before()
        began_cpu, began = time.process_time(), time.perf_counter()
        response = client.get(page)
        cpu.append((time.process_time() - began_cpu) * 1000)
        wall.append((time.perf_counter() - began) * 1000)
        assert response.status_code == 200, (page, response.status_code)
    return statistics.median(cpu), statistics.median(wall)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--html", type=Path, help="a folder for HTML profiles")
    parser.add_argument("--top", type=int, default=3, help="profile this many of the costliest pages")
    parser.add_argument("--miss", action="store_true", help="profile with the page cache missed")
    args = parser.parse_args()

    from bench.load import LOAD_PREFIX, database_url, server_environment

    url = database_url()
    if url is None:
        sys.exit(
            "profile_pages: set LOAD_DATABASE_URL (or DATABASE_URL) to the load run's PostgreSQL database."
        )
    os.environ.update(server_environment(url))
    os.environ["ALLOWED_HOSTS"] = "testserver"
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from pyinstrument import Profiler

    from thidua.core import pagecache
    from thidua.org.models import User
    from thidua.plans.models import Plan, Target

    head = User.objects.filter(username__startswith=f"{LOAD_PREFIX}.scale-").order_by("username").first()
    if head is None:
        sys.exit("profile_pages: run bench/load.py once first (it makes the unit heads).")
    office = User.objects.get(username=f"{head.organization.slug}.vanphong")
    plan = Plan.objects.filter(organization=head.organization).first()
    target = Target.objects.filter(plan=plan).order_by("position").first()
    pages = {
        "home": reverse("home"),
        "plan_list": reverse("plans:list"),
        "plan": reverse("plans:detail", args=[plan.pk]),
        "overview": reverse("tracking:overview"),
        "target": reverse("tracking:target", args=[target.pk]),
        "unit": reverse("tracking:unit", args=[head.unit_id]),
        "calendar": reverse("notifications:calendar"),
    }

    def miss() -> None:  # what a unit's report saved in the agency changes for the pages
        pagecache.changed(head.organization_id, pagecache.REPORTS)

    rows = {}
    clients = {}
    for role, person in (("unit_head", head), ("office", office)):
        client = Client()
        client.force_login(person)
        clients[role] = client
        for name, page in pages.items():
            client.get(page)
            warm = measure(client, page, args.requests)
            cold = measure(client, page, max(3, args.requests // 2), before=miss)
            with CaptureQueriesContext(connection) as queries:
                client.get(page)
            rows[(role, name)] = (*warm, *cold, len(queries.captured_queries))
    heading = ("role", "page", "warm cpu", "warm wall", "miss cpu", "miss wall", "queries")
    print("{:10} {:10} {:>9} {:>10} {:>9} {:>10} {:>8}".format(*heading))
    for (role, name), (cpu, wall, cold_cpu, cold_wall, queries) in rows.items():
        print(f"{role:10} {name:10} {cpu:9.1f} {wall:10.1f} {cold_cpu:9.1f} {cold_wall:10.1f} {queries:8d}")
    for role in clients:
        mine = [row for key, row in rows.items() if key[0] == role]
        print(
            f"{role}: mean over the pages, warm {statistics.mean(r[0] for r in mine):.1f} ms CPU, "
            f"missed {statistics.mean(r[2] for r in mine):.1f} ms CPU"
        )
    column = 2 if args.miss else 0
    costliest = sorted(rows, key=lambda key: rows[key][column], reverse=True)[: args.top]
    for role, name in costliest:
        profiler = Profiler(interval=0.0005)
        with profiler:
            for _ in range(5):
                if args.miss:
                    miss()
                clients[role].get(pages[name])
        missing = " missing the cache" if args.miss else ""
        print(f"\n=== {role} {name} ({pages[name]}), 5 requests{missing} ===")
        print(profiler.output_text(unicode=True, color=False, show_all=False))
        if args.html:
            args.html.mkdir(parents=True, exist_ok=True)
            (args.html / f"{role}-{name}.html").write_text(profiler.output_html(), encoding="utf-8")


if __name__ == "__main__":
    main()

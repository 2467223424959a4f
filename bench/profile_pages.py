"""Where a page's time goes: pyinstrument over the pages of the load run (bench/load.py), in-process.

    LOAD_DATABASE_URL=postgres://… python bench/profile_pages.py [--requests N] [--html DIR]

Run it while bench/load.py loads the same database to see a request under load. For each page, as a
unit head of the first agency (the people bench/load.py makes): the median time and query count of N
requests through the test client, then one profile of the slowest pages (text on stdout; --html
writes one HTML profile per page as well).
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--html", type=Path, help="a folder for HTML profiles")
    parser.add_argument("--top", type=int, default=3, help="profile this many of the slowest pages")
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

    from thidua.org.models import User
    from thidua.plans.models import Plan, Target

    head = User.objects.filter(username__startswith=f"{LOAD_PREFIX}.scale-").order_by("username").first()
    if head is None:
        sys.exit("profile_pages: run bench/load.py once first (it makes the unit heads).")
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
    client = Client()
    client.force_login(head)
    rows = {}
    for name, page in pages.items():
        client.get(page)
        samples = []
        for _ in range(args.requests):
            began = time.perf_counter()
            response = client.get(page)
            samples.append((time.perf_counter() - began) * 1000)
            assert response.status_code == 200, (page, response.status_code)
        with CaptureQueriesContext(connection) as queries:
            client.get(page)
        rows[name] = (statistics.median(samples), len(queries.captured_queries))
    print(f"{'page':10} {'p50 ms':>8} {'queries':>8}")
    for name, (median, queries) in rows.items():
        print(f"{name:10} {median:8.1f} {queries:8d}")
    slowest = sorted(rows, key=lambda name: rows[name][0], reverse=True)[: args.top]
    for name in slowest:
        profiler = Profiler(interval=0.0005)
        with profiler:
            for _ in range(5):
                client.get(pages[name])
        print(f"\n=== {name} ({pages[name]}), 5 requests ===")
        print(profiler.output_text(unicode=True, color=False, show_all=False))
        if args.html:
            args.html.mkdir(parents=True, exist_ok=True)
            (args.html / f"{name}.html").write_text(profiler.output_html(), encoding="utf-8")


if __name__ == "__main__":
    main()

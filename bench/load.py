"""Deadline-day load: the served app (`thidua serve`, gunicorn) on PostgreSQL with the synthetic province
(bench/scale.py), and N simulated people on loopback who log in and work with think time.

    LOAD_USERS=200 LOAD_DURATION=300 python bench/load.py

Settings (environment):
    LOAD_DATABASE_URL   the PostgreSQL database to load (default: DATABASE_URL when it is PostgreSQL);
                        without one the run is skipped (the load is measured on the production engine)
    LOAD_USERS          simulated people (default 20: a development run; the budget is for 200)
    LOAD_DURATION       seconds measured after the ramp-up (default 30)
    LOAD_RAMP           seconds over which the people arrive and log in (default 0,3 s a person)
    LOAD_THINK          think time between two requests of one person, "min-max" seconds (default 1-3)
    LOAD_AGENCIES       agencies the people belong to (default 20; each: its office, then unit heads)
    LOAD_SAVE_SHARE     share of a unit head's iterations that save and send a report (default 0.3)
    LOAD_SIZE           "full" (200 agencies × 60 months, as bench_pages.py) or "quick" (4 agencies)
    LOAD_WORKERS        gunicorn workers (default: `thidua serve`'s own, CPUs + 1)
    LOAD_CACHE_URL      CACHE_URL of the served app (default: the app's own default)
    LOAD_LABEL          a name for this run in bench/results.json (e.g. "before", "after"; default "run")

Why a small asyncio client (aiohttp) rather than locust: the generator shares the two cores with the
server it measures, so it must cost as little CPU per request as possible, and one process of
coroutines does (locust adds gevent, Flask and a web UI, and its users are threads of the same kind).
The client is about a hundred lines that read as the scenario, and it keeps every sample, so the
percentiles are exact rather than bucketed.

A person's iteration: home, the plan list or the plan, the overview, a target, a unit (their own for a
unit head), the calendar; in LOAD_SAVE_SHARE of a unit head's iterations they also correct one of
their unit's approved monthly reports (a new version), enter a figure, save and send it. After the run
every acknowledged save is looked up in the database (its figure, sent), and no period may have two
reports of the same version or two open versions.

Results go into bench/results.json under "load" (by label), with the load average of the machine
before, during and after the run: the machine is shared, so absolute times are noisy; the run fails
only when a save is lost or duplicated, never on a time.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import json
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results.json"
BUDGET = {"users": 200, "think_s": "1-3", "p95_ms": 500, "errors": 0, "lost": 0}
PASSWORD_ENV = "LOAD_PASSWORD"
# Usernames of the simulated unit heads, load.{agency slug}.{n}: outside the "scale-" prefix, so that
# bench/scale.py still finds its data complete.
LOAD_PREFIX = "load"


def setting(name: str, default: str) -> str:
    return os.environ.get(name, "") or default


def database_url() -> str | None:
    url = os.environ.get("LOAD_DATABASE_URL") or os.environ.get("DATABASE_URL") or ""
    return url if url.startswith(("postgres://", "postgresql://")) else None


def server_environment(url: str) -> dict[str, str]:
    """What both this process and the served app run with: production settings on loopback."""
    env = {
        "DJANGO_SETTINGS_MODULE": "thidua.settings",
        "DEBUG": "false",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or "bench-only-not-a-secret-" + "x" * 40,
        "DATABASE_URL": url,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "REQUEST_LOG": "false",
        "STATICFILES_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "MEDIA_ROOT": str(ROOT / "var" / "load-media"),
        "CONN_MAX_AGE": os.environ.get("CONN_MAX_AGE", "60"),
    }
    if os.environ.get("LOAD_CACHE_URL"):
        env["CACHE_URL"] = os.environ["LOAD_CACHE_URL"]
    return env


# --- Preparing the data and the people ----------------------------------------------------------


def prepare(agencies: int, users: int) -> tuple[list[dict], dict]:
    """The people of the run (one office user, then unit heads, per agency) with the URLs they visit
    and the approved reports each unit head may correct. Corrections left by an earlier run are
    removed first, so every run starts from the same approved reports."""
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction
    from django.urls import reverse

    from thidua.demo.agencies import DEMO_PASSWORD
    from thidua.org.models import Membership, Organization, Unit, User
    from thidua.org.roles import Role
    from thidua.plans.models import Plan, Target
    from thidua.tracking.models import Report

    organizations = list(Organization.objects.filter(slug__startswith="scale-").order_by("slug")[:agencies])
    today = datetime.date.today()
    with transaction.atomic():
        removed = _remove_earlier_corrections([o.pk for o in organizations])
        password = make_password(DEMO_PASSWORD)
        people: list[dict] = []
        per_agency = max(1, -(-users // len(organizations)))
        for organization in organizations:
            plan = Plan.objects.filter(organization=organization).first()
            targets = list(Target.objects.filter(plan=plan).values_list("pk", flat=True))
            divisions = list(
                Unit.objects.filter(organization=organization, kind=Unit.Kind.DIVISION).order_by("position")
            )
            common = {
                "home": reverse("home"),
                "plans": reverse("plans:list"),
                "plan": reverse("plans:detail", args=[plan.pk]),
                "overview": reverse("tracking:overview"),
                "targets": [reverse("tracking:target", args=[pk]) for pk in targets],
                "units": [reverse("tracking:unit", args=[unit.pk]) for unit in divisions],
                "calendar": reverse("notifications:calendar"),
            }
            office = User.objects.get(username=f"{organization.slug}.vanphong")
            people.append({"username": office.username, "role": "office", **common})
            for n in range(1, per_agency):
                unit = divisions[(n - 1) % len(divisions)]
                head, created = User.objects.get_or_create(
                    username=f"{LOAD_PREFIX}.{organization.slug}.{n}",
                    defaults={
                        "password": password,
                        "full_name": f"Trưởng phòng {n} {organization.slug}",
                        "organization": organization,
                        "unit": unit,
                    },
                )
                if created:
                    Membership.objects.create(user=head, organization=organization, role=Role.UNIT_HEAD)
                reports = list(
                    Report.objects.filter(
                        assignment__unit=unit,
                        status=Report.Status.APPROVED,
                        superseded_at__isnull=True,
                        period_end__lt=today,
                    )
                    .order_by("?")
                    .values_list("pk", "assignment__target__unit_of_measure")[:200]
                )
                people.append(
                    {
                        "username": head.username,
                        "role": "unit_head",
                        **common,
                        "own_unit": reverse("tracking:unit", args=[unit.pk]),
                        "reports": [{"pk": pk, "rate": measure == "%"} for pk, measure in reports],
                    }
                )
    # Unit heads working in the same unit must not correct the same report: deal them out.
    by_unit: dict[str, list[dict]] = defaultdict(list)
    for person in people:
        if person["role"] == "unit_head":
            by_unit[person["own_unit"]].append(person)
    for sharing in by_unit.values():
        for index, person in enumerate(sharing):
            person["reports"] = person["reports"][index :: len(sharing)]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE tracking_report")
    random.Random(14).shuffle(people)
    return people[:users], {"corrections_removed_before": removed, "agencies": len(organizations)}


def make_room_for_the_province(size: dict) -> None:
    """The synthetic province counts its reports to know it is complete: this run's corrections of an
    earlier run go first; and when it is to be made anew (another size), the simulated people too."""
    from bench import scale
    from thidua.org.models import Organization, User

    organizations = list(Organization.objects.filter(slug__startswith="scale-").values_list("pk", flat=True))
    _remove_earlier_corrections(organizations)
    wanted = scale._expected_counts(size["organizations"], size["units"], size["targets"], size["months"])
    if scale._existing_counts(scale.PREFIX) != wanted:
        User.objects.filter(username__startswith=f"{LOAD_PREFIX}.").delete()


def _remove_earlier_corrections(organization_ids: list[int]) -> int:
    """Corrections (version > 1) are what this bench adds: the synthetic data has none."""
    from thidua.core import pagecache
    from thidua.tracking.models import Evidence, Report

    corrections = Report.objects.filter(organization_id__in=organization_ids, version__gt=1)
    Evidence.objects.filter(report__in=corrections).delete()
    Report.objects.filter(previous__in=corrections).update(previous=None)
    removed = corrections._raw_delete(corrections.db)  # no signals: bench rows, not anyone's work
    for organization_id in organization_ids:
        pagecache.changed(organization_id)  # the pages must not show them from the cache
    return removed


# --- The served app -------------------------------------------------------------------------------


def start_server(env: dict[str, str], port: int, workers: int) -> subprocess.Popen:
    command = [str(ROOT / ".venv" / "bin" / "thidua"), "serve", "--bind", f"127.0.0.1:{port}"]
    if workers:
        command += ["--workers", str(workers)]
    log = (ROOT / "var" / "load-server.log").open("w")
    process = subprocess.Popen(
        command,
        env={**os.environ, **env},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"load: thidua serve stopped (see {log.name}).")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/suc-khoe/", timeout=5) as response:
                if response.status == 200:
                    return process
        except OSError:
            time.sleep(0.5)
    stop_server(process)
    raise SystemExit(f"load: thidua serve did not answer /suc-khoe/ with 200 in 60 s (see {log.name}).")


def stop_server(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def _stat(pid: int) -> list[str] | None:
    """The fields of /proc/PID/stat after the command's name (Linux; None elsewhere or once it is gone)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None


def _ticks() -> int:
    return os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time these processes have used so far (Linux /proc; 0 elsewhere)."""
    stats = [fields for fields in map(_stat, pids) if fields]
    return sum(int(fields[11]) + int(fields[12]) for fields in stats) / _ticks()  # utime, stime


def reaped_cpu_seconds(parent: int) -> float:
    """CPU time of the children `parent` has reaped (cutime, cstime): gunicorn replaces a worker after
    its max_requests, PostgreSQL's postmaster reaps the connection it served; their time lives on only
    there."""
    fields = _stat(parent)
    return (int(fields[13]) + int(fields[14])) / _ticks() if fields else 0.0


def worker_pids(master: int) -> list[int]:
    """The gunicorn workers: the processes whose parent is the master."""
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:
            pids.append(int(stat.parent.name))
    return pids


def database_cpu() -> float:
    """CPU time of PostgreSQL's processes: those connected to this run's database now, and every one
    the postmaster has reaped (a worker replaced after max_requests closes its connection; its server
    process's time then lives on only in the postmaster's cutime). Other databases' connections that
    ended meanwhile, and autovacuum, count too: on a machine running nothing else, little."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        pids = [row[0] for row in cursor.fetchall()]
        cursor.execute("SELECT pg_backend_pid()")
        mine = cursor.fetchone()[0]
    connection.close()
    fields = _stat(mine)
    return cpu_seconds(pids) + (reaped_cpu_seconds(int(fields[1])) if fields else 0.0)  # [1]: the postmaster


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- The simulated people -----------------------------------------------------------------------


@dataclass
class Run:
    base: str
    think: tuple[float, float]
    save_share: float
    steady_from: float = 0.0
    ends_at: float = 0.0
    samples: list[tuple[str, float, float]] = field(default_factory=list)  # (kind, started, ms)
    errors: list[str] = field(default_factory=list)
    saves: list[dict] = field(default_factory=list)  # acknowledged: the server answered 302 to each step

    def record(self, kind: str, started: float, ok: bool, detail: str) -> None:
        self.samples.append((kind, started, (time.monotonic() - started) * 1000))
        if not ok:
            self.errors.append(f"{kind}: {detail}")


REPORT_URL = re.compile(r"/theo-doi/bao-cao/(\d+)/$")


async def request(run: Run, session, kind: str, method: str, url: str, data=None, expect=200):
    """One request; returns (status, Location) or None when it failed (counted as an error)."""
    import aiohttp

    started = time.monotonic()
    headers = {}
    if method == "POST":
        token = next((c.value for c in session.cookie_jar if c.key == "csrftoken"), "")
        headers = {"X-CSRFToken": token, "Referer": run.base + url}
    try:
        async with session.request(
            method, run.base + url, data=data, headers=headers, allow_redirects=False
        ) as response:
            await response.read()
            ok = response.status == expect
            run.record(kind, started, ok, f"{method} {url} → {response.status}")
            return (response.status, response.headers.get("Location", "")) if ok else None
    except (aiohttp.ClientError, TimeoutError) as error:
        run.record(kind, started, False, f"{method} {url} → {type(error).__name__}")
        return None


async def think(run: Run, rng: random.Random) -> None:
    await asyncio.sleep(rng.uniform(*run.think))


async def person(run: Run, who: dict, start_after: float, rng: random.Random) -> None:
    import aiohttp

    await asyncio.sleep(start_after)
    jar = aiohttp.CookieJar(unsafe=True)  # cookies for 127.0.0.1
    timeout = aiohttp.ClientTimeout(total=60)
    async with aiohttp.ClientSession(cookie_jar=jar, timeout=timeout) as session:
        if await request(run, session, "login_form", "GET", "/dang-nhap/") is None:
            return
        password = os.environ.get(PASSWORD_ENV, "")
        answer = await request(
            run,
            session,
            "login",
            "POST",
            "/dang-nhap/",
            {"username": who["username"], "password": password},
            302,
        )
        if answer is None:
            return
        reports = list(who.get("reports", []))
        while time.monotonic() < run.ends_at:
            pages = [
                ("home", who["home"]),
                rng.choice([("plan_list", who["plans"]), ("plan", who["plan"])]),
                ("overview", who["overview"]),
                ("target", rng.choice(who["targets"])),
                ("unit", who.get("own_unit") or rng.choice(who["units"])),
                ("calendar", who["calendar"]),
            ]
            for kind, url in pages:
                await think(run, rng)
                if time.monotonic() >= run.ends_at:
                    return
                await request(run, session, kind, "GET", url)
            if reports and rng.random() < run.save_share:
                await save_and_send(run, session, reports.pop(), rng)


async def save_and_send(run: Run, session, report: dict, rng: random.Random) -> None:
    """Correct an approved report (a new version), enter a figure, save, send."""
    base = f"/theo-doi/bao-cao/{report['pk']}/"
    await think(run, rng)
    answer = await request(run, session, "report_correct", "POST", base + "dinh-chinh/", {}, 302)
    if answer is None:
        return
    found = REPORT_URL.search(answer[1])
    if not found or int(found.group(1)) == report["pk"]:
        run.errors.append(f"report_correct: {base} was not corrected (→ {answer[1]})")
        return
    correction = f"/theo-doi/bao-cao/{found.group(1)}/"
    await request(run, session, "report", "GET", correction)
    await think(run, rng)
    value = Decimal(rng.randint(1, 9999))
    form = {"value": str(value), "analysis": "Số liệu nhập khi chạy thử tải.", "confidence": ""}
    if report["rate"]:  # the result is left empty: the app computes it from the pair
        form |= {"value": "", "numerator": str(value), "denominator": str(value + rng.randint(0, 500))}
    if await request(run, session, "report_save", "POST", correction, form, 302) is None:
        return
    await think(run, rng)
    if await request(run, session, "report_send", "POST", correction + "gui/", {}, 302) is None:
        return
    run.saves.append({"pk": int(found.group(1)), "value": str(value), "rate": report["rate"]})


async def drive(run: Run, people: list[dict], ramp: float, steady: float) -> None:
    now = time.monotonic()
    run.steady_from = now + ramp
    run.ends_at = run.steady_from + steady
    rng = random.Random(2026)
    await asyncio.gather(
        *(
            person(run, who, ramp * index / max(1, len(people)), random.Random(rng.random()))
            for index, who in enumerate(people)
        )
    )


# --- After the run -------------------------------------------------------------------------------


def consistency(saves: list[dict], organization_ids: list[int]) -> dict:
    """Every acknowledged save is in the database as sent, with its figure; no duplicate versions."""
    from django.db.models import Count, Q

    from thidua.tracking.models import Report

    found = {report.pk: report for report in Report.objects.filter(pk__in=[save["pk"] for save in saves])}
    lost = []
    for save in saves:
        report = found.get(save["pk"])
        stored = None if report is None else (report.numerator if save["rate"] else report.value)
        if report is None or report.status != Report.Status.SUBMITTED or stored != Decimal(save["value"]):
            lost.append(save["pk"])
    mine = Report.objects.filter(organization_id__in=organization_ids)
    duplicates = (
        mine.values("assignment_id", "period_start", "version")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .count()
    )
    open_twice = (
        mine.values("assignment_id", "period_start")
        .annotate(n=Count("id", filter=~Q(status=Report.Status.APPROVED)))
        .filter(n__gt=1)
        .count()
    )
    return {
        "acknowledged_saves": len(saves),
        "found": len(saves) - len(lost),
        "lost": len(lost),
        "duplicate_versions": duplicates,
        "periods_with_two_open_versions": open_twice,
        "ok": not lost and not duplicates and not open_twice,
    }


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    if not ordered:
        return 0.0
    rank = max(1, -(-len(ordered) * share // 1))
    return ordered[int(rank) - 1]


def summary(samples: list[tuple[str, float, float]], seconds: float) -> dict:
    times = [ms for _kind, _started, ms in samples]
    return {
        "requests": len(times),
        "req_per_s": round(len(times) / seconds, 1) if seconds else 0.0,
        "p50_ms": round(percentile(times, 0.50), 1),
        "p95_ms": round(percentile(times, 0.95), 1),
        "p99_ms": round(percentile(times, 0.99), 1),
        "max_ms": round(max(times, default=0.0), 1),
    }


def by_kind(samples: list[tuple[str, float, float]]) -> dict:
    kinds: dict[str, list[float]] = defaultdict(list)
    for kind, _started, ms in samples:
        kinds[kind].append(ms)
    return {
        kind: {
            "requests": len(times),
            "p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(percentile(times, 0.95), 1),
        }
        for kind, times in sorted(kinds.items())
    }


async def sample_load(stop: asyncio.Event, into: list[float]) -> None:
    while not stop.is_set():
        into.append(os.getloadavg()[0])
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=5)


async def measure(run: Run, people: list[dict], ramp: float, steady: float, cpu) -> tuple[list[float], float]:
    """Drive the people; the load average every 5 s, and the server's CPU time when the ramp ends."""
    loads: list[float] = []
    stop = asyncio.Event()
    sampler = asyncio.create_task(sample_load(stop, loads))
    at_steady: list[float] = []

    async def cpu_at_steady() -> None:
        await asyncio.sleep(ramp)
        at_steady.append(cpu())

    marker = asyncio.create_task(cpu_at_steady())
    await drive(run, people, ramp, steady)
    stop.set()
    await sampler
    await marker
    return loads, at_steady[0]


def write(label: str, result: dict) -> None:
    results = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    load = results.get("load") if isinstance(results.get("load"), dict) else {}
    load[label] = result
    results["load"] = load
    RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def main() -> None:
    url = database_url()
    label = setting("LOAD_LABEL", "run")
    if url is None:
        print("load: skipped, no PostgreSQL database (set LOAD_DATABASE_URL or DATABASE_URL).")
        return
    users = int(setting("LOAD_USERS", "20"))
    steady = float(setting("LOAD_DURATION", "30"))
    ramp = float(setting("LOAD_RAMP", str(round(0.3 * users, 1))))
    low, _, high = setting("LOAD_THINK", "1-3").partition("-")
    think = (float(low), float(high or low))
    agencies = int(setting("LOAD_AGENCIES", "20"))
    save_share = float(setting("LOAD_SAVE_SHARE", "0.3"))
    size_name = setting("LOAD_SIZE", "full")
    workers = int(setting("LOAD_WORKERS", "0"))

    env = server_environment(url)
    os.environ.update(env)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from bench.bench_pages import FULL, QUICK
    from bench.scale import generate_province
    from thidua.demo.agencies import DEMO_PASSWORD

    os.environ[PASSWORD_ENV] = DEMO_PASSWORD
    (ROOT / "var").mkdir(exist_ok=True)
    call_command("migrate", verbosity=0)
    if settings.CACHES["default"]["BACKEND"].endswith("DatabaseCache"):
        call_command("createcachetable", verbosity=0)
    size = QUICK if size_name == "quick" else FULL
    make_room_for_the_province(size)
    generate_province(**size, stdout=sys.stdout)
    people, prepared = prepare(agencies, users)
    from thidua.org.models import Organization

    organization_ids = list(
        Organization.objects.filter(slug__startswith="scale-")
        .order_by("slug")
        .values_list("pk", flat=True)[:agencies]
    )
    from django.db import connections

    connections.close_all()

    port = free_port()
    load_before = os.getloadavg()
    server = start_server(env, port, workers)
    run = Run(base=f"http://127.0.0.1:{port}", think=think, save_share=save_share)
    print(
        f"load: {len(people)} people ({prepared['agencies']} agencies), ramp {ramp:g} s, "
        f"{steady:g} s measured, "
        f"think {think[0]:g}–{think[1]:g} s, load average before {load_before[0]:.2f}…",
        flush=True,
    )
    began = time.monotonic()

    def app_cpu_now() -> float:
        return cpu_seconds([server.pid, *worker_pids(server.pid)]) + reaped_cpu_seconds(server.pid)

    app_cpu_before, db_cpu_before = app_cpu_now(), database_cpu()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("load: stopped"))  # the server is stopped too
    generator_before = time.process_time()
    try:
        loads, app_cpu_at_steady = asyncio.run(measure(run, people, ramp, steady, app_cpu_now))
        generator_cpu = time.process_time() - generator_before
        # CPU the server and its database connections spent on the run: unlike times, hardly changed by
        # what else the machine runs (the database's own background work is not counted).
        app_cpu_at_end = app_cpu_now()
        app_cpu = app_cpu_at_end - app_cpu_before
        db_cpu = database_cpu() - db_cpu_before
    finally:
        stop_server(server)
    wall = time.monotonic() - began
    load_after = os.getloadavg()
    checked = consistency(run.saves, organization_ids)
    # The province as it was: bench_pages.py (make bench) finds its reports complete, not to be made anew.
    from django.db import transaction

    with transaction.atomic():
        _remove_earlier_corrections(organization_ids)
    steady_samples = [s for s in run.samples if s[1] >= run.steady_from]
    pages = [s for s in steady_samples if s[0] not in ("login", "login_form")]
    overall = summary(steady_samples, steady)
    result = {
        "users": len(people),
        "agencies": prepared["agencies"],
        "think_s": f"{think[0]:g}-{think[1]:g}",
        "ramp_s": ramp,
        "duration_s": steady,
        "save_share": save_share,
        "workers": workers or "default (CPUs + 1)",
        "cache": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1],
        "conn_max_age": settings.DATABASES["default"]["CONN_MAX_AGE"],
        "page_cache_seconds": settings.PAGE_CACHE_SECONDS,
        **overall,
        "errors": len(run.errors),
        "error_examples": run.errors[:5],
        "pages_only": summary(pages, steady),
        "cpu_ms_per_request": {
            "app_steady": round((app_cpu_at_end - app_cpu_at_steady) * 1000 / max(1, len(steady_samples)), 1),
            "logins_in_steady": sum(1 for s in steady_samples if s[0] == "login"),
            "app": round(app_cpu * 1000 / max(1, len(run.samples)), 1),
            "database": round(db_cpu * 1000 / max(1, len(run.samples)), 1),
            "generator": round(generator_cpu * 1000 / max(1, len(run.samples)), 1),
            "note": "CPU, not wall time; app_steady: the app's CPU after the ramp over the requests after it "
            "(logins that spill past the ramp included); app, database, generator (the simulated people, "
            "this process): the whole run",
        },
        "all_with_ramp": summary(run.samples, wall),
        "by_kind": by_kind(steady_samples),
        "consistency": checked,
        "load_average": {
            "before_1min": round(load_before[0], 2),
            "during_median_1min": round(statistics.median(loads), 2) if loads else None,
            "during_max_1min": round(max(loads), 2) if loads else None,
            "after_1min": round(load_after[0], 2),
            "cpus": os.cpu_count(),
        },
        "budget": {
            **BUDGET,
            "met": overall["p95_ms"] <= BUDGET["p95_ms"] and not run.errors and checked["ok"],
            "note": "times on a shared machine: compare runs by ratio at a similar load average",
        },
        "database": url.rsplit("/", 1)[-1],
        "measured_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
    }
    write(label, result)
    print(
        f"load [{label}]: {overall['requests']} requests, {overall['req_per_s']} req/s, "
        f"p50 {overall['p50_ms']} ms, "
        f"p95 {overall['p95_ms']} ms, p99 {overall['p99_ms']} ms, {len(run.errors)} errors; "
        f"saves {checked['acknowledged_saves']} acknowledged, {checked['lost']} lost, "
        f"{checked['duplicate_versions']} duplicate versions; load average {result['load_average']}; "
        f"CPU per request {result['cpu_ms_per_request']}"
    )
    for kind, row in result["by_kind"].items():
        print(f"  {kind:15} {row['requests']:6d}  p50 {row['p50_ms']:8.1f}  p95 {row['p95_ms']:8.1f}")
    for error in run.errors[:5]:
        print(f"  ✗ {error}")
    if not checked["ok"]:
        sys.exit("load: a save was lost or duplicated (see consistency in bench/results.json).")


if __name__ == "__main__":
    main()

"""A synthetic province for load tests: many agencies, each with units, one plan and years of reports.

`generate_province()` builds, by default, 200 agencies × 10 units × 30 targets × 60 monthly
periods ≈ 3,6 million approved reports, then the ProgressSnapshot rows the dashboards read.
The small rows (agencies, units, plans, targets, assignments, people) go in with bulk_create;
the reports go in the fastest honest way for the database: one set-based
`INSERT … SELECT … FROM generate_series(…)` per batch on PostgreSQL, `executemany` in large
batches inside one transaction elsewhere (SQLite). Snapshots are computed with the very
functions `standing.refresh_target` uses, but streaming each agency's reports once instead of
issuing a dozen queries per target.

Synthetic rows carry no history (bulk inserts bypass django-simple-history): they are test
data, not records of anyone's work. Everything lives under one slug prefix (`scale-`), so a
different size replaces exactly the rows a previous run made and nothing else.
"""

import contextlib
import datetime
import itertools
import random
import sys
import time
from collections import defaultdict
from decimal import Decimal
from typing import NamedTuple

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from thidua.core.formatting import format_number
from thidua.demo.agencies import DEMO_PASSWORD
from thidua.org.models import Membership, Organization, Unit, User
from thidua.org.roles import Role
from thidua.plans.models import Movement, Plan, Target
from thidua.tracking import standing
from thidua.tracking.models import Assignment, ProgressSnapshot, Report
from thidua.tracking.periods import MONTHLY, Period, period_containing

PREFIX = "scale"
PLAN_STARTS = datetime.date(2026, 1, 1)
PLAN_ENDS = datetime.date(2030, 12, 31)
PLAN_MONTHS = 60
SEED = 20260101
# Reports go in by batches of this many agencies, one progress line each.
ORGANIZATIONS_PER_BATCH = 10
# Rows per executemany() call on databases without generate_series.
ROWS_PER_BATCH = 50_000

DEPARTMENTS = [
    ("Sở Xây dựng", "SXD"),
    ("Sở Tài chính", "STC"),
    ("Sở Nông nghiệp và Môi trường", "SNNMT"),
    ("Sở Công Thương", "SCT"),
    ("Sở Y tế", "SYT"),
    ("Sở Giáo dục và Đào tạo", "SGDĐT"),
    ("Sở Khoa học và Công nghệ", "SKHCN"),
    ("Sở Nội vụ", "SNV"),
    ("Sở Tư pháp", "STP"),
    ("Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL"),
]
DIVISIONS = [
    "Phòng Kế hoạch - Tài chính",
    "Phòng Quản lý xây dựng",
    "Phòng Quy hoạch - Kiến trúc",
    "Phòng Phát triển đô thị",
    "Phòng Quản lý nhà và thị trường bất động sản",
    "Phòng Hạ tầng kỹ thuật",
    "Phòng Pháp chế",
    "Thanh tra Sở",
    "Trung tâm Giám định chất lượng xây dựng",
    "Trung tâm Phục vụ hành chính công",
]
AREAS = ["khu vực đô thị", "khu vực nông thôn", "khu công nghiệp", "vùng miền núi", "vùng ven biển"]


class Recipe(NamedTuple):
    """One kind of target and how its units' monthly figures are drawn."""

    kind: str  # "count" (a monthly amount), "rate" (numerator/denominator), "level" (a percentage read)
    text: str
    comparator: str
    value: int
    unit: str
    period_kind: str
    per_unit: bool = False  # each unit must reach `value` itself (no share)
    start: float = 0  # rate: the usual monthly rate; level: the level in January 2026


RECIPES = [
    Recipe("count", "Hoàn thành {v} căn hộ nhà ở xã hội", ">=", 7500, "căn hộ", "cumulative"),
    Recipe(
        "rate",
        "Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn đạt từ {v}% trở lên",
        ">=",
        99,
        "%",
        "plan",
    ),
    Recipe(
        "count", "Hằng năm kiểm tra chất lượng {v} công trình xây dựng", ">=", 240, "công trình", "annual"
    ),
    Recipe("level", "Đến năm 2030, tỷ lệ đô thị hóa đạt {v}%", ">=", 45, "%", "by_date", start=35),
    Recipe("count", "Cấp {v} giấy phép xây dựng nhà ở riêng lẻ", ">=", 3000, "giấy phép", "cumulative"),
    Recipe("rate", "Tỷ lệ hồ sơ giải quyết trễ hạn không quá {v}%", "<=", 2, "%", "plan"),
    Recipe(
        "count",
        "Mỗi phòng, đơn vị tổ chức ít nhất {v} buổi sinh hoạt chuyên đề mỗi năm",
        ">=",
        12,
        "buổi",
        "annual",
        per_unit=True,
    ),
    Recipe("count", "Cải tạo, chỉnh trang {v} km đường đô thị", ">=", 1200, "km", "cumulative"),
    Recipe(
        "level",
        "Đến năm 2030, tỷ lệ nước thải đô thị được thu gom, xử lý đạt {v}%",
        ">=",
        60,
        "%",
        "by_date",
        start=40,
    ),
    Recipe("rate", "Tỷ lệ công trình được nghiệm thu đúng hạn đạt từ {v}% trở lên", ">=", 95, "%", "plan"),
]
# How fast each unit works against what it must do: most keep pace, some lag, a few fall far behind.
PACES = [1.15, 1.02, 0.95, 0.85, 0.6]
PACE_WEIGHTS = [2, 3, 2, 2, 1]
# Usual monthly rates of a unit for a rate target, as an offset from the target value.
RATE_OFFSETS = {">=": [0.8, 0.3, -0.5, -3.0], "<=": [-1.2, -0.4, 0.3, 2.5]}


class _Params(NamedTuple):
    """What drives one assignment's monthly figures (the same in SQL and in Python)."""

    org_index: int
    organization_id: int
    assignment_id: int
    office_id: int
    kind: str
    per_month: float  # count: the amount a unit at pace 1 reports each month
    pace: float
    noise: float
    level: float  # rate: the usual rate; level: the first month's level
    goal: float  # level: where the trajectory ends in December 2030
    den_lo: int  # rate: monthly denominators are den_lo … den_lo + den_span - 1
    den_span: int


class _Row(NamedTuple):
    """The fields of a counted report that the progress engine reads."""

    assignment_id: int
    period_start: datetime.date
    period_end: datetime.date
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None


def _say(stdout, text: str) -> None:
    stdout.write(text + ("" if text.endswith("\n") else "\n"))
    if hasattr(stdout, "flush"):
        stdout.flush()


def generate_province(
    *,
    organizations: int = 200,
    units: int = 10,
    targets: int = 30,
    months: int = 60,
    province: str = "Tỉnh Mẫu",
    factor: float = 1.0,
    prefix: str = PREFIX,
    today: datetime.date | None = None,
    stdout=None,
) -> dict:
    """Make sure the synthetic province of this size exists; return its counts.

    `factor` scales the number of agencies (0.01 × 200 = the 2-agency "1×" set the benchmark
    compares query counts against). `prefix` keeps several sets apart (slugs `{prefix}-NNN`,
    users `{prefix}.theodoi` and `{prefix}-NNN.vanphong`). When rows with the prefix already
    exist at exactly the requested size nothing is done; otherwise they are deleted and made anew.
    """
    stdout = stdout or sys.stdout
    organizations = max(1, round(organizations * factor))
    if units < 1 or targets < 1 or not 0 <= months <= PLAN_MONTHS:
        raise ValueError(
            f"Kích thước không hợp lệ: {units} đơn vị, {targets} chỉ tiêu, {months} tháng (tối đa 60)."
        )
    today = today or timezone.localdate()
    wanted = _expected_counts(organizations, units, targets, months)
    began = time.perf_counter()
    existing = _existing_counts(prefix)
    if existing == wanted:
        _say(stdout, f"Dữ liệu mẫu '{prefix}' đã có đủ {_describe(wanted)}; không tạo lại.")
        return {**wanted, "created": False, "seconds": 0.0}
    with _fast_load(), transaction.atomic():
        if existing["organizations"] or existing["users"]:
            _say(stdout, f"Xóa dữ liệu mẫu '{prefix}' cũ ({_describe(existing)})…")
            _delete(prefix)
        _say(stdout, f"Tạo dữ liệu mẫu '{prefix}': {_describe(wanted)}.")
        structure = _create_structure(prefix, organizations, units, targets, province)
        _say(stdout, f"  Đã tạo cơ quan, đơn vị, kế hoạch, chỉ tiêu, người dùng ({_elapsed(began)}).")
        params = _assignment_params(structure)
        _say(stdout, f"  Đã giao {format_number(len(params))} chỉ tiêu cho đơn vị ({_elapsed(began)}).")
        _insert_reports(params, organizations, months, stdout, began)
        _analyze(stdout, final=False)  # the planner must know the reports are there before we read them
        _compute_snapshots(structure["organization_ids"], today, stdout, began)
    _analyze(stdout, final=True)
    counts = _existing_counts(prefix)
    seconds = round(time.perf_counter() - began, 1)
    _say(stdout, f"Xong: {_describe(counts)} trong {seconds} giây.")
    return {**counts, "created": True, "seconds": seconds}


def _expected_counts(organizations: int, units: int, targets: int, months: int) -> dict:
    return {
        "organizations": organizations,
        "units": organizations * units,
        "targets": organizations * targets,
        "assignments": organizations * targets * units,
        "reports": organizations * targets * units * months,
        "snapshots": organizations * targets * (units + 1),
        "users": organizations + 1,
    }


def _scale_organizations(prefix: str):
    return Organization.objects.filter(slug__startswith=f"{prefix}-")


def _scale_users(prefix: str):
    return User.objects.filter(username__startswith=f"{prefix}-") | User.objects.filter(
        username=f"{prefix}.theodoi"
    )


def _existing_counts(prefix: str) -> dict:
    ids = list(_scale_organizations(prefix).values_list("pk", flat=True))
    return {
        "organizations": len(ids),
        "units": Unit.objects.filter(organization__in=ids).count(),
        "targets": Target.objects.filter(plan__organization__in=ids).count(),
        "assignments": Assignment.objects.filter(organization__in=ids).count(),
        "reports": Report.objects.filter(organization__in=ids).count(),
        "snapshots": ProgressSnapshot.objects.filter(organization__in=ids).count(),
        "users": _scale_users(prefix).count(),
    }


def _describe(counts: dict) -> str:
    return (
        f"{format_number(counts['organizations'])} cơ quan, {format_number(counts['units'])} đơn vị, "
        f"{format_number(counts['targets'])} chỉ tiêu, {format_number(counts['reports'])} báo cáo"
    )


def _elapsed(began: float) -> str:
    return f"{time.perf_counter() - began:.0f} s"


@contextlib.contextmanager
def _fast_load():
    """SQLite: no fsync while loading (the load is one transaction; a crash just means run it again)."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:  # PRAGMA is ignored in a transaction
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous")
        previous = int(cursor.fetchone()[0])
        cursor.execute("PRAGMA synchronous=OFF")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA synchronous={previous}")


# --- Deleting an earlier set ---------------------------------------------------------------


def _raw_delete(model, **lookup) -> None:
    """Delete many rows in one statement, after removing by the ORM whatever else points at them."""
    rows = model._base_manager.filter(**lookup)
    for relation in model._meta.related_objects:
        related = relation.related_model
        if related in (model, Report, Assignment, ProgressSnapshot) or not relation.field.db_constraint:
            continue
        related._base_manager.filter(**{f"{relation.field.name}__in": rows}).delete()
    rows._raw_delete(rows.db)


def _delete(prefix: str) -> None:
    ids = list(_scale_organizations(prefix).values_list("pk", flat=True))
    # The big tables go by plain DELETE; the ORM would load millions of rows to send signals.
    _raw_delete(ProgressSnapshot, organization__in=ids)
    _raw_delete(Report, organization__in=ids)
    _raw_delete(Assignment, organization__in=ids)
    Membership.objects.filter(organization__in=ids).delete()
    _scale_users(prefix).delete()
    # Whoever else works there (the unit heads bench/load.py adds): the agencies cannot go before them.
    User.objects.filter(organization__in=ids).delete()
    Plan.objects.filter(organization__in=ids).delete()
    Movement.objects.filter(organization__in=ids).delete()
    _scale_organizations(prefix).delete()


# --- Agencies, units, plans, targets, people -------------------------------------------------


def _create_structure(prefix: str, count: int, unit_count: int, target_count: int, province: str) -> dict:
    now = timezone.now()
    organizations = []
    for n in range(1, count + 1):
        department, symbol = DEPARTMENTS[(n - 1) % len(DEPARTMENTS)]
        organizations.append(
            Organization(
                name=f"{department} {province} – {prefix} {n:03d}",
                short_name=department,
                slug=f"{prefix}-{n:03d}",
                province=province,
                parent_authority=f"UBND {province}",
                document_symbol=symbol,
            )
        )
    organizations = Organization.objects.bulk_create(organizations)
    ids = [organization.pk for organization in organizations]
    organizations = list(Organization.objects.filter(pk__in=ids).order_by("slug"))

    # Units: bulk_create sends no post_save, so per-unit targets are not expanded here (we assign below).
    unit_rows = []
    for organization in organizations:
        unit_rows.append(
            Unit(
                organization=organization,
                name="Văn phòng Sở",
                short_name="VP",
                kind=Unit.Kind.OFFICE,
                position=0,
            )
        )
        for index in range(1, unit_count):
            name = DIVISIONS[(index - 1) % len(DIVISIONS)]
            if index > len(DIVISIONS):  # more units than names: "Phòng Pháp chế 2"
                name = f"{name} {(index - 1) // len(DIVISIONS) + 1}"
            unit_rows.append(
                Unit(organization=organization, name=name, kind=Unit.Kind.DIVISION, position=index)
            )
    Unit.objects.bulk_create(unit_rows, batch_size=2000)
    units_of: dict[int, list[Unit]] = defaultdict(list)
    for unit in Unit.objects.filter(organization__in=ids).order_by("organization_id", "position"):
        units_of[unit.organization_id].append(unit)

    password = make_password(DEMO_PASSWORD)
    User.objects.bulk_create(
        [
            User(
                username=f"{organization.slug}.vanphong",
                password=password,
                full_name=f"Cán bộ thi đua {organization.slug}",
                position="Chuyên viên Văn phòng",
                organization=organization,
                unit=units_of[organization.pk][0],
                email=f"{organization.slug}.vanphong@example.gov.vn",
            )
            for organization in organizations
        ]
    )
    observer = User.objects.create(
        username=f"{prefix}.theodoi",
        password=password,
        full_name=f"Cơ quan theo dõi {province}",
        position="Chuyên viên Sở Nội vụ",
        email=f"{prefix}.theodoi@example.gov.vn",
    )
    office_of = {
        user.organization_id: user for user in User.objects.filter(username__startswith=f"{prefix}-")
    }
    Membership.objects.bulk_create(
        [
            Membership(user=office_of[organization.pk], organization=organization, role=Role.OFFICE)
            for organization in organizations
        ]
        + [
            Membership(user=observer, organization=organization, role=Role.OBSERVER)
            for organization in organizations
        ],
        batch_size=2000,
    )

    Movement.objects.bulk_create(
        [
            Movement(
                organization=organization,
                name="Phong trào thi đua hoàn thành thắng lợi nhiệm vụ giai đoạn 2026 – 2030",
                form=Movement.Form.THEMATIC,
            )
            for organization in organizations
        ]
    )
    movement_of = {
        movement.organization_id: movement for movement in Movement.objects.filter(organization__in=ids)
    }
    Plan.objects.bulk_create(
        [
            Plan(
                organization=organization,
                movement=movement_of[organization.pk],
                number=f"{n:03d}/KH-{organization.document_symbol}",
                title=f"Kế hoạch thực hiện phong trào thi đua giai đoạn 2026 – 2030 của {organization.name}",
                issued_on=datetime.date(2025, 12, 20),
                issuer=organization.name,
                province=province,
                signer_name="Nguyễn Văn Mẫu",
                signer_position="Giám đốc",
                starts_on=PLAN_STARTS,
                ends_on=PLAN_ENDS,
                reporting_rhythm=Plan.Rhythm.MONTHLY,
                status=Plan.Status.PUBLISHED,
                published_at=now,
            )
            for n, organization in enumerate(organizations, start=1)
        ]
    )
    plan_of = {plan.organization_id: plan for plan in Plan.objects.filter(organization__in=ids)}

    target_rows = []
    for organization in organizations:
        divisions = units_of[organization.pk][1:] or units_of[organization.pk]
        for index in range(target_count):
            recipe = RECIPES[index % len(RECIPES)]
            area = AREAS[(index // len(RECIPES)) % len(AREAS)]
            target_rows.append(
                Target(
                    plan=plan_of[organization.pk],
                    text=f"{recipe.text.format(v=format_number(recipe.value))} ({area})",
                    comparator=recipe.comparator,
                    value=Decimal(recipe.value),
                    unit_of_measure=recipe.unit,
                    period_kind=recipe.period_kind,
                    per_unit=recipe.per_unit,
                    lead_unit=divisions[index % len(divisions)],
                    position=index,
                )
            )
    Target.objects.bulk_create(target_rows, batch_size=2000)
    targets_of: dict[int, list[Target]] = defaultdict(list)
    for target in (
        Target.objects.filter(plan__organization__in=ids).select_related("plan").order_by("position")
    ):
        targets_of[target.plan.organization_id].append(target)

    assignments = []
    for organization in organizations:
        units = units_of[organization.pk]
        for target in targets_of[organization.pk]:
            recipe = RECIPES[target.position % len(RECIPES)]
            shares = (
                _shares(target.value, len(units)) if recipe.kind == "count" and not recipe.per_unit else None
            )
            for position, unit in enumerate(units):
                assignments.append(
                    Assignment(
                        organization=organization,
                        target=target,
                        unit=unit,
                        role=Assignment.Role.LEAD
                        if unit.pk == target.lead_unit_id
                        else Assignment.Role.COORDINATE,
                        share=shares[position] if shares else None,
                        due_on=PLAN_ENDS,
                        is_automatic=recipe.per_unit,
                    )
                )
    Assignment.objects.bulk_create(assignments, batch_size=5000)
    return {
        "organizations": organizations,
        "organization_ids": [organization.pk for organization in organizations],
        "targets_of": targets_of,
        "office_of": {pk: user.pk for pk, user in office_of.items()},
    }


def _shares(total: Decimal, parts: int) -> list[Decimal]:
    """`total` split into `parts` shares of 4 decimals that add up exactly."""
    each = (total / parts).quantize(Decimal("0.0001"))
    return [total - each * (parts - 1)] + [each] * (parts - 1)


def _assignment_params(structure: dict) -> list[_Params]:
    rng = random.Random(SEED)
    recipe_of = {}
    for targets in structure["targets_of"].values():
        for target in targets:
            recipe_of[target.pk] = RECIPES[target.position % len(RECIPES)]
    org_index = {pk: index for index, pk in enumerate(structure["organization_ids"])}
    params = []
    rows = Assignment.objects.filter(organization__in=structure["organization_ids"]).order_by("pk")
    for assignment_id, organization_id, target_id, share in rows.values_list(
        "pk", "organization_id", "target_id", "share"
    ):
        recipe = recipe_of[target_id]
        pace = rng.choices(PACES, PACE_WEIGHTS)[0]
        per_month = level = goal = 0.0
        den_lo = den_span = 0
        noise = 0.6
        if recipe.kind == "count":
            amount = float(share) if share is not None else float(recipe.value)
            per_month = amount / (PLAN_MONTHS if recipe.period_kind == "cumulative" else 12)
        elif recipe.kind == "rate":
            level = recipe.value + rng.choice(RATE_OFFSETS[recipe.comparator])
            noise = 1.0
            den_lo, den_span = rng.choice([(20, 30), (60, 90), (150, 200)])
        else:
            level, goal, noise = recipe.start + rng.uniform(-2, 2), float(recipe.value), 0.4
        params.append(
            _Params(
                org_index[organization_id],
                organization_id,
                assignment_id,
                structure["office_of"][organization_id],
                recipe.kind,
                per_month,
                pace,
                noise,
                level,
                goal,
                den_lo,
                den_span,
            )
        )
    return params


# --- Reports -------------------------------------------------------------------------------


def _insert_reports(params: list[_Params], organizations: int, months: int, stdout, began: float) -> None:
    total = len(params) * months
    if not total:
        return
    if connection.vendor == "postgresql":
        _insert_reports_postgresql(params, organizations, months, total, stdout, began)
    else:
        _insert_reports_python(params, organizations, months, total, stdout, began)


def _progress(stdout, done: int, total: int, began: float) -> None:
    share = done * 100 // total
    _say(stdout, f"  Báo cáo: {format_number(done)}/{format_number(total)} ({share}%) – {_elapsed(began)}")


REPORT_COLUMNS = (
    "organization_id, assignment_id, period_start, period_end, period_label, version, previous_id, "
    "value, numerator, denominator, analysis, confidence, status, submitted_by_id, submitted_at, "
    "reviewed_by_id, reviewed_at, review_comment, superseded_at, created_at"
)


def _extra_report_columns() -> list[tuple[str, object]]:
    """Columns Report gained after this generator was written, filled with their defaults."""
    known = {column.strip() for column in REPORT_COLUMNS.split(",")}
    extra = []
    for field in Report._meta.concrete_fields:
        if field.primary_key or field.column in known:
            continue
        if field.has_default():
            extra.append((field.column, field.get_db_prep_save(field.get_default(), connection)))
        elif field.null:
            extra.append((field.column, None))
        else:
            raise RuntimeError(
                f"Report.{field.name} không có giá trị mặc định: hãy bổ sung vào thidua/demo/scale.py."
            )
    return extra


# Figures drawn from a hash of (assignment, month), so the same rows come out on every run.
# u1 drives the noise, u2 the denominator; the formulas are those of `_figures` below.
POSTGRESQL_REPORTS = """
INSERT INTO {table} ({columns})
SELECT organization_id, assignment_id, period_start, period_end,
  'Tháng ' || extract(month FROM period_start)::int || '/' || extract(year FROM period_start)::int,
  1, NULL,
  CASE WHEN kind = 'rate' THEN round(numerator * 100 / denominator, 4) ELSE value END,
  numerator, denominator, '', '', 'approved',
  office_id, period_end + 3 + time '02:00',
  office_id, period_end + 5 + time '03:00', '', NULL, period_end + 3 + time '02:00'{extra}
FROM (
  SELECT *,
    CASE WHEN kind = 'rate' THEN least(denominator, greatest(0,
      round((denominator * (level + noise * (u1 - 0.5)) / 100)::numeric))) END AS numerator
  FROM (
    SELECT p.*, d.period_start, u.u1,
      (d.period_start + interval '1 month' - interval '1 day')::date AS period_end,
      CASE p.kind
        WHEN 'count' THEN round((p.per_month * p.pace * (1 + p.noise * (u.u1 - 0.5)))::numeric, 2)
        WHEN 'level' THEN least(100, round((p.level + (p.goal - p.level) * (m.idx + 1) / %(plan_months)s
                                            * p.pace + p.noise * (u.u1 - 0.5))::numeric, 2))
      END AS value,
      CASE WHEN p.kind = 'rate' THEN (p.den_lo + floor(u.u2 * p.den_span))::numeric END AS denominator
    FROM scale_params p
    CROSS JOIN generate_series(0, %(months)s - 1) AS m(idx)
    CROSS JOIN LATERAL (SELECT (%(starts)s::date + make_interval(months => m.idx))::date AS period_start) d
    CROSS JOIN LATERAL (
      SELECT (abs(hashint8(p.assignment_id * 100 + m.idx)::bigint) %% 1000003) / 1000003.0 AS u1,
             (abs(hashint8(-(p.assignment_id * 100 + m.idx) - 1)::bigint) %% 1000003) / 1000003.0 AS u2
    ) u
    WHERE p.org_index >= %(first)s AND p.org_index < %(last)s
  ) figures
) rows_
"""


def _insert_reports_postgresql(params, organizations, months, total, stdout, began) -> None:
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS scale_params")
        cursor.execute(
            "CREATE TEMP TABLE scale_params (org_index integer, organization_id bigint, "
            "assignment_id bigint, office_id bigint, kind text, per_month float8, pace float8, "
            "noise float8, level float8, goal float8, den_lo integer, den_span integer) ON COMMIT DROP"
        )
        with cursor.cursor.copy("COPY scale_params FROM STDIN") as copy:
            for row in params:
                copy.write_row(row)
        cursor.execute("CREATE INDEX ON scale_params (org_index)")
        cursor.execute("ANALYZE scale_params")
        extra = _extra_report_columns()
        sql = POSTGRESQL_REPORTS.format(
            table=Report._meta.db_table,
            columns=", ".join([REPORT_COLUMNS, *(column for column, _ in extra)]),
            extra="".join(f", %(extra_{index})s" for index in range(len(extra))),
        )
        defaults = {f"extra_{index}": value for index, (_, value) in enumerate(extra)}
        done = 0
        for first in range(0, organizations, ORGANIZATIONS_PER_BATCH):
            cursor.execute(
                sql,
                {
                    "plan_months": PLAN_MONTHS,
                    "months": months,
                    "starts": PLAN_STARTS,
                    "first": first,
                    "last": first + ORGANIZATIONS_PER_BATCH,
                    **defaults,
                },
            )
            done += cursor.rowcount
            _progress(stdout, done, total, began)
        cursor.execute("DROP TABLE scale_params")


def _month(index: int) -> Period:
    return period_containing(datetime.date(PLAN_STARTS.year + index // 12, index % 12 + 1, 1), MONTHLY)


def _figures(
    p: _Params, index: int, rng: random.Random
) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    """(value, numerator, denominator) of one month of one assignment."""
    u1 = rng.random()
    if p.kind == "count":
        return round(Decimal(p.per_month * p.pace * (1 + p.noise * (u1 - 0.5))), 2), None, None
    if p.kind == "level":
        level = p.level + (p.goal - p.level) * (index + 1) / PLAN_MONTHS * p.pace + p.noise * (u1 - 0.5)
        return min(Decimal(100), round(Decimal(level), 2)), None, None
    denominator = Decimal(p.den_lo + int(rng.random() * p.den_span))
    drawn = Decimal(round(float(denominator) * (p.level + p.noise * (u1 - 0.5)) / 100))
    numerator = min(denominator, max(Decimal(0), drawn))
    return (numerator * 100 / denominator).quantize(Decimal("0.0001")), numerator, denominator


def _insert_reports_python(params, organizations, months, total, stdout, began) -> None:
    rng = random.Random(SEED + 1)
    ops = connection.ops
    periods = [_month(index) for index in range(months)]
    moments = []
    for period in periods:
        submitted = datetime.datetime.combine(
            period.end + datetime.timedelta(days=3), datetime.time(2), datetime.UTC
        )
        reviewed = datetime.datetime.combine(
            period.end + datetime.timedelta(days=5), datetime.time(3), datetime.UTC
        )
        moments.append(
            (
                ops.adapt_datefield_value(period.start),
                ops.adapt_datefield_value(period.end),
                period.label,
                ops.adapt_datetimefield_value(submitted),
                ops.adapt_datetimefield_value(reviewed),
            )
        )
    extra = _extra_report_columns()
    defaults = tuple(value for _, value in extra)
    columns = ", ".join([REPORT_COLUMNS, *(column for column, _ in extra)])
    placeholders = ", ".join(["%s"] * (20 + len(extra)))
    sql = f"INSERT INTO {Report._meta.db_table} ({columns}) VALUES ({placeholders})"

    def rows():
        for p in params:
            for index, (start, end, label, submitted, reviewed) in enumerate(moments):
                value, numerator, denominator = _figures(p, index, rng)
                yield (
                    p.organization_id, p.assignment_id, start, end, label, 1, None,
                    ops.adapt_decimalfield_value(value, 16, 4),
                    ops.adapt_decimalfield_value(numerator, 16, 4),
                    ops.adapt_decimalfield_value(denominator, 16, 4),
                    "", "", Report.Status.APPROVED, p.office_id, submitted,
                    p.office_id, reviewed, "", None, submitted, *defaults,
                )  # fmt: skip

    done, step = 0, max(total // 20, 1)
    next_line = step
    with connection.cursor() as cursor:
        iterator = rows()
        while batch := list(itertools.islice(iterator, ROWS_PER_BATCH)):
            cursor.executemany(sql, batch)
            done += len(batch)
            if done >= next_line or done == total:
                _progress(stdout, done, total, began)
                next_line += step


# --- Snapshots -----------------------------------------------------------------------------


def _compute_snapshots(organization_ids: list[int], today: datetime.date, stdout, began: float) -> None:
    """What `standing.refresh_all` would store for these agencies, reading each agency's reports once."""
    ProgressSnapshot.objects.filter(organization__in=organization_ids)._raw_delete(
        ProgressSnapshot.objects.db
    )
    step = max(len(organization_ids) // 10, 1)
    made = 0
    for done, organization_id in enumerate(organization_ids, start=1):
        snapshots = list(organization_snapshots(organization_id, today))
        ProgressSnapshot.objects.bulk_create(snapshots, batch_size=1000)
        made += len(snapshots)
        if done % step == 0 or done == len(organization_ids):
            _say(
                stdout,
                f"  Tình hình thực hiện: {done}/{len(organization_ids)} cơ quan, "
                f"{format_number(made)} dòng – {_elapsed(began)}",
            )


def organization_snapshots(organization_id: int, today: datetime.date):
    """The snapshots `standing.refresh_target` computes for every target of the agency's published plans.

    Same inputs (counted reports ordered by period end, the assignments), same functions
    (`standing.entered_rows`), one query for all reports.
    """
    targets = list(
        Target.objects.filter(plan__organization_id=organization_id, plan__status=Plan.Status.PUBLISHED)
        .select_related("plan")
        .order_by("pk")
    )
    assignments_of: dict[int, list[Assignment]] = defaultdict(list)
    for assignment in Assignment.objects.filter(target__in=targets).select_related("unit").order_by("pk"):
        assignments_of[assignment.target_id].append(assignment)
    reports = (
        Report.objects.counted()
        .filter(organization_id=organization_id, assignment__target__in=targets)
        .order_by("assignment__target_id", "period_end", "pk")
        .values_list(
            "assignment__target_id",
            "assignment_id",
            "period_start",
            "period_end",
            "value",
            "numerator",
            "denominator",
        )
    )
    reports_of = {
        target_id: [_Row(*row[1:]) for row in rows]
        for target_id, rows in itertools.groupby(list(reports), key=lambda row: row[0])
    }
    for target in targets:
        yield from _target_snapshots(target, assignments_of[target.pk], reports_of.get(target.pk, []), today)


def _target_snapshots(
    target: Target, assignments: list[Assignment], reports: list[_Row], today: datetime.date
):
    """`standing.refresh_target`, minus the database: the same rows it would write."""
    for unit_id, values in standing.entered_rows(target, assignments, reports, today):
        yield ProgressSnapshot(
            organization_id=target.plan.organization_id, target=target, unit_id=unit_id, **values
        )


def _analyze(stdout, *, final: bool) -> None:
    """Fresh planner statistics after loading millions of rows; at the end, VACUUM too on PostgreSQL
    (it sets the visibility map for index-only scans, and cannot run inside a transaction)."""
    models = (Report, Assignment, ProgressSnapshot, Target, Plan, Unit, Organization, Membership, User)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            verb = "VACUUM ANALYZE" if final and not connection.in_atomic_block else "ANALYZE"
            for model in models:
                cursor.execute(f"{verb} {model._meta.db_table}")
            _say(stdout, f"  {verb} xong.")
        elif connection.vendor == "sqlite" and final:
            cursor.execute("ANALYZE")

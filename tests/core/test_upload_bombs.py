"""Upload bombs are refused before any parser opens them: in Vietnamese, and small in memory.

Each test posts a real bomb through the real page, as a person who may use it, and checks the
refusal, that nothing was saved, and the peak of Python memory while the request ran (tracemalloc:
deterministic, unlike time). Opening the workbook bomb took ~2,7 GB (openpyxl reads every shared
string, even read-only); the Word bomb passed the old 200 MB guard and took ~3 GB in python-docx.
How long a refusal takes is measured by `make bench` (bench/bench_uploads.py), not here.
"""

import datetime
import html
import tracemalloc

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests import bombs, factories
from thidua.core.spreadsheets import PendingUploads
from thidua.org.models import Enterprise
from thidua.plans.models import PlanDraft
from thidua.tracking import services
from thidua.tracking.models import Assignment, Evidence, Report, UnitPlan
from thidua.tracking.periods import period_containing

PEAK_LIMIT = 200 * 1024 * 1024
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(scope="session")
def xlsx_bomb():
    data = bombs.xlsx_bomb(300)
    assert len(data) < 1024 * 1024  # under a megabyte packed, 300 MB unpacked
    return data


@pytest.fixture(scope="session")
def docx_bomb():
    data = bombs.docx_bomb(190)
    assert len(data) < 1024 * 1024  # under a megabyte packed, 190 MB unpacked: under the old guard
    return data


@pytest.fixture
def report(cast):
    plan = factories.make_plan(cast.org, reporting_rhythm="quarterly")
    assignment = Assignment.objects.create(
        organization=cast.org, target=factories.make_target(plan), unit=cast.unit
    )
    period = period_containing(datetime.date(2026, 2, 1), "quarterly")
    return services.report_start(assignment=assignment, period=period, user=cast.unit_head)


def post_measured(client, url, data):
    """The response to a POST and the peak of memory Python allocated while answering it."""
    tracemalloc.start()
    try:
        response = client.post(url, data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return response, peak


def pending_files() -> list:
    folder = PendingUploads.folder()
    return list(folder.glob("*.xlsx")) if folder.is_dir() else []


def refusal(response) -> str:
    assert response.status_code == 200  # the page again, with the reason; no redirect to a result
    return html.unescape(response.content.decode()).replace("\xa0", " ")  # filesizeformat's 5,0 MB


def test_a_workbook_bomb_is_refused_by_the_report_import(client, cast, report, xlsx_bomb):
    client.force_login(cast.staff)
    url = reverse("tracking:unit_workbook_upload", args=[cast.unit.pk])
    upload = SimpleUploadedFile("bao-cao.xlsx", xlsx_bomb, content_type=XLSX)
    reports_before = list(Report.objects.values_list("pk", "version", "value"))

    response, peak = post_measured(client, url, {"file": upload})

    page = refusal(response)
    assert "Tệp “bao-cao.xlsx”: phần “xl/sharedStrings.xml” khi giải nén nặng 300,0 MB" in page
    assert "vượt giới hạn 32,0 MB" in page
    assert list(Report.objects.values_list("pk", "version", "value")) == reports_before
    assert pending_files() == []
    assert peak < PEAK_LIMIT


def test_a_workbook_bomb_is_refused_by_the_enterprise_import(client, cast, xlsx_bomb):
    client.force_login(cast.office)
    upload = SimpleUploadedFile("doanh-nghiep.xlsx", xlsx_bomb, content_type=XLSX)
    enterprises_before = Enterprise.objects.count()

    response, peak = post_measured(client, reverse("engagement:enterprise_import"), {"file": upload})

    assert "Tệp “doanh-nghiep.xlsx”: phần “xl/sharedStrings.xml” khi giải nén" in refusal(response)
    assert Enterprise.objects.count() == enterprises_before
    assert pending_files() == []
    assert peak < PEAK_LIMIT


@pytest.mark.parametrize(("name", "bomb"), [("so-lieu.xlsx", "xlsx_bomb"), ("bien-ban.docx", "docx_bomb")])
def test_an_office_bomb_is_refused_as_evidence(client, cast, report, name, bomb, request):
    client.force_login(cast.unit_head)
    upload = SimpleUploadedFile(name, request.getfixturevalue(bomb))

    response, peak = post_measured(client, report.get_absolute_url(), {"upload": "", "file": upload})

    assert f"Tệp “{name}”: phần" in refusal(response)
    assert not Evidence.objects.exists()
    assert peak < PEAK_LIMIT


def test_a_word_bomb_is_refused_by_the_plan_import(client, cast, docx_bomb):
    client.force_login(cast.office)
    upload = SimpleUploadedFile("ke-hoach.docx", docx_bomb, content_type=DOCX)

    response, peak = post_measured(client, reverse("plans:import"), {"file": upload, "text": ""})

    page = refusal(response)
    assert "Tệp “ke-hoach.docx”: phần “word/document.xml” khi giải nén nặng 190,0 MB" in page
    assert not PlanDraft.objects.exists()
    assert peak < PEAK_LIMIT


def test_a_word_bomb_is_refused_as_a_units_plan(client, cast, docx_bomb):
    plan = factories.make_plan(cast.org)
    client.force_login(cast.unit_head)
    upload = SimpleUploadedFile("ke-hoach-phong.docx", docx_bomb, content_type=DOCX)

    response, peak = post_measured(client, reverse("tracking:unit_plans", args=[plan.pk]), {"file": upload})

    assert "Tệp “ke-hoach-phong.docx”: phần “word/document.xml”" in refusal(response)
    assert not UnitPlan.objects.exists()
    assert peak < PEAK_LIMIT


def test_the_limits_come_from_settings(client, cast, report, settings):
    """A lower bound in settings refuses a file the default lets through (and the message says the bound)."""
    settings.UPLOAD_OFFICE_MAX_MEMBER_MB = 1
    client.force_login(cast.unit_head)
    upload = SimpleUploadedFile("bang.xlsx", bombs.xlsx_with_shared_strings(200_000, b"so lieu"))

    response = client.post(report.get_absolute_url(), {"upload": "", "file": upload})

    assert "vượt giới hạn 1,0 MB" in refusal(response)
    assert not Evidence.objects.exists()

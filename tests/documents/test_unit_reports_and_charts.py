"""The agency's sơ kết / tổng kết gathers the units' own reports and names who has not sent; it can be
made as of a phase of the plan; a target with a series gets its chart, and the file still passes the
decree's checker."""

import datetime
import io
import subprocess
import sys
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from docx import Document as read_docx

from tests import factories
from tests.paths import ND30CHECK
from thidua.documents import nd30, services
from thidua.documents.forms import GenerateForm
from thidua.documents.models import Document
from thidua.plans.models import Deadline
from thidua.tracking import services as tracking
from thidua.tracking import unit_reports
from thidua.tracking.models import ReportRequest
from thidua.tracking.periods import periods_between

D = datetime.date


@pytest.fixture
def plan(cast):
    plan = factories.make_plan(cast.org, signer_name="Mai Huy Hoàng", signer_position="Phó Giám đốc")
    factories.make_deadline(
        plan, due_on=D(2026, 9, 10), bound="before", kind=Deadline.Kind.INTERIM, text="Tổ chức sơ kết"
    )
    return plan


def texts_of(content: nd30.Content) -> str:
    return "\n".join(block.text for block in content.blocks)


def check(tmp_path, data: bytes) -> subprocess.CompletedProcess:
    path = tmp_path / "bao-cao.docx"
    path.write_bytes(data)
    return subprocess.run([sys.executable, str(ND30CHECK), str(path)], capture_output=True, text=True)


def test_the_agencys_report_quotes_each_units_report_and_names_who_has_not_sent(cast, plan):
    request = unit_reports.plan_requests(plan, ReportRequest.Kind.INTERIM).get()
    report = unit_reports.unit_report_open(request=request, unit=cast.unit, user=cast.unit_head)
    unit_reports.unit_report_save(
        report=report,
        user=cast.unit_head,
        texts={
            "done": "Quán triệt kế hoạch đến toàn thể công chức.",
            "results": "Giải quyết đúng hạn 100% hồ sơ.",
            "proposals": "Tổ chức tập huấn cho công chức mới.",
        },
    )
    unit_reports.unit_report_submit(report=report, user=cast.unit_head)
    text = texts_of(services.build_content("bao-cao-so-ket", plan, timezone.localdate()))
    assert "Báo cáo sơ kết của các phòng, đơn vị" in text
    assert "Phòng Phát triển đô thị (gửi ngày" in text
    assert "Quán triệt kế hoạch đến toàn thể công chức. Kết quả: Giải quyết đúng hạn 100% hồ sơ." in text
    assert "Các phòng, đơn vị chưa gửi báo cáo: Văn phòng Sở." in text
    assert "Phòng Phát triển đô thị đề xuất: Tổ chức tập huấn cho công chức mới." in text
    # As of a day before it was sent, the report is not there yet.
    earlier = texts_of(
        services.build_content("bao-cao-so-ket", plan, timezone.localdate() - datetime.timedelta(1))
    )
    assert "Quán triệt kế hoạch" not in earlier
    # A draft is not a sent report; the tổng kết gathers the tổng kết reports only.
    final = texts_of(services.build_content("bao-cao-tong-ket", plan, timezone.localdate()))
    assert "Quán triệt kế hoạch" not in final


def test_as_of_a_phase_is_its_end_or_today_while_it_runs(cast, plan):
    ended = factories.make_phase(plan, name="Giai đoạn 1", starts_on=D(2026, 1, 1), ends_on=D(2026, 6, 30))
    running = factories.make_phase(plan, name="Giai đoạn 2", starts_on=D(2026, 7, 1), ends_on=D(2030, 12, 31))
    assert services.phase_as_of(ended, today=D(2026, 12, 1)) == D(2026, 6, 30)
    assert services.phase_as_of(running, today=D(2026, 12, 1)) == D(2026, 12, 1)
    form = GenerateForm({"kind": "bao-cao-so-ket", "plan": plan.pk, "phase": ended.pk}, organization=cast.org)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["as_of"] == D(2026, 6, 30)
    other = factories.make_plan(cast.org)
    form = GenerateForm(
        {"kind": "bao-cao-so-ket", "plan": other.pk, "phase": ended.pk}, organization=cast.org
    )
    assert not form.is_valid() and "phase" in form.errors


def test_the_office_generates_as_of_a_phase(client, cast, plan):
    phase = factories.make_phase(plan, starts_on=D(2026, 1, 1), ends_on=D(2026, 6, 30))
    client.force_login(cast.office)
    client.post(reverse("documents:generate"), {"kind": "bao-cao-so-ket", "plan": plan.pk, "phase": phase.pk})
    document = Document.objects.get()
    assert document.as_of == D(2026, 6, 30)
    assert "tính đến ngày 30/06/2026" in "\n".join(block["text"] for block in document.blocks)


def test_the_command_renders_as_of_a_phase(cast, plan, tmp_path):
    phase = factories.make_phase(plan, starts_on=D(2026, 1, 1), ends_on=D(2026, 6, 30))
    out = tmp_path / "so-ket.docx"
    call_command(
        "documents", "render", "bao-cao-so-ket", str(plan.pk), "--phase", str(phase.pk), "--out", str(out)
    )
    text = "\n".join(p.text for p in read_docx(io.BytesIO(out.read_bytes())).paragraphs)
    assert "tính đến ngày 30/06/2026" in text


def test_a_target_with_a_series_gets_a_chart_and_the_file_passes_the_checker(cast, plan, tmp_path):
    target = factories.make_target(
        plan,
        text="Số căn hộ nhà ở xã hội được xây dựng mới đạt 7.500 căn hộ trở lên",
        value=Decimal(7500),
        unit_of_measure="căn hộ",
        period_kind="cumulative",
    )
    factories.make_target(plan, text="Tỷ lệ hồ sơ đúng hạn đạt 99%")  # no report: no chart
    tracking.assignments_give(target=target, units=[cast.unit], user=cast.office)
    assignment = target.assignments.get()
    for period, value in zip(
        periods_between(D(2026, 1, 1), D(2026, 6, 30), "quarterly"), (300, 450), strict=True
    ):
        report = tracking.report_start(assignment=assignment, period=period, user=cast.unit_head)
        tracking.report_update(report=report, user=cast.unit_head, value=Decimal(value))
        tracking.report_submit(report=report, user=cast.unit_head)
        tracking.report_approve(report=report, user=cast.office)
    content = services.build_content("bao-cao-so-ket", plan, D(2026, 7, 15))
    charts = [block for block in content.blocks if block.style == nd30.CHART]
    assert len(charts) == 1 and "Biểu đồ chỉ tiêu 1" in charts[0].text
    assert [row[1] for row in charts[0].rows[1:]] == [300, 750]  # a total builds up period by period
    data = nd30.render_docx(content)
    assert len(read_docx(io.BytesIO(data)).inline_shapes) == 1
    result = check(tmp_path, data)
    assert result.returncode == 0, result.stdout

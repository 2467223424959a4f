"""Báo cáo sơ kết / tổng kết from the demo: every kind passes the checker, the figures are the
dashboard's, the office edits and issues, and the issued file downloads again byte for byte."""

import datetime
import html
import io
import subprocess
import sys

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from docx import Document as read_docx

from tests.paths import ND30CHECK
from thidua.core.formatting import format_quantity
from thidua.demo.loader import load_demo
from thidua.documents import nd30, services
from thidua.documents.models import Document
from thidua.documents.registry import KINDS
from thidua.org.models import Organization
from thidua.org.roles import Role
from thidua.plans.models import Plan
from thidua.tracking.models import STATUS_CHOICES, ProgressSnapshot
from thidua.tracking.reasons import render_reason
from thidua.tracking.standing import refresh_target

pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("ignore")]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo's two agencies, loaded once for the module, rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        yield list(Organization.objects.order_by("pk")[:2])
        transaction.set_rollback(True)


def person(organization, role):
    return organization.memberships.get(role=role).user


def plan_of(organization) -> Plan:
    return Plan.objects.filter(organization=organization, status=Plan.Status.PUBLISHED).first()


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("kind", sorted(code for code, kind in KINDS.items() if kind.model is Plan))
def test_every_kind_renders_from_the_demo_and_passes_the_checker(demo, kind, tmp_path):
    for organization in demo:
        plan = plan_of(organization)
        path = tmp_path / f"{kind}-{organization.slug}.docx"
        path.write_bytes(nd30.render_docx(services.build_content(kind, plan, timezone.localdate())))
        result = subprocess.run(
            [sys.executable, str(ND30CHECK), str(path), "--require-recipients"],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stdout


def test_the_figures_are_the_dashboards(demo):
    """Each target's result, status and sentence in the report are what the dashboard shows."""
    today = timezone.localdate()
    for organization in demo:
        plan = plan_of(organization)
        targets = list(plan.targets.order_by("position", "pk"))
        for target in targets:
            refresh_target(target, today)
        overview = client_for(person(organization, Role.OFFICE)).get(reverse("tracking:overview"))
        page = html.unescape(overview.content.decode())
        snapshots = [ProgressSnapshot.objects.get(target=target, unit=None) for target in targets]
        for snapshot in snapshots:
            assert render_reason(snapshot.reason) in page  # the sentences the dashboard shows
        from_snapshots = render(plan, today)
        ProgressSnapshot.objects.filter(target__in=targets).delete()  # now computed afresh
        for doc in (from_snapshots, render(plan, today)):
            table = next(t for t in doc.tables if t.rows[0].cells[0].text == "STT")
            lines = [p.text for p in doc.paragraphs]
            assert len(table.rows) == len(targets) + 1
            rows = zip(targets, snapshots, table.rows[1:], strict=True)
            for number, (target, snapshot, row) in enumerate(rows, 1):
                cells = [cell.text for cell in row.cells]
                actual = (
                    "—"
                    if snapshot.actual is None
                    else format_quantity(snapshot.actual, target.unit_of_measure)
                )
                assert cells[2:4] == [target.requirement, actual]
                assert cells[5] == LABELS[snapshot.status]
                assert f"- Chỉ tiêu {number}: {render_reason(snapshot.reason)}" in lines


LABELS = dict(STATUS_CHOICES)


def render(plan, as_of):
    return read_docx(io.BytesIO(nd30.render_docx(services.build_content("bao-cao-tong-ket", plan, as_of))))


def test_generate_edit_issue_and_download_unchanged(demo):
    organization = demo[0]
    office = person(organization, Role.OFFICE)
    client = client_for(office)
    plan = plan_of(organization)
    response = client.post(
        reverse("documents:generate"),
        {"kind": "bao-cao-tong-ket", "plan": plan.pk, "as_of": timezone.localdate().strftime("%d/%m/%Y")},
    )
    document = Document.objects.filter(organization=organization).latest("pk")
    assert response.status_code == 302 and response["Location"] == document.get_absolute_url()
    assert document.status == Document.Status.DRAFT and document.blocks

    form = client.get(reverse("documents:edit", args=[document.pk])).context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, datetime.date):
            value = value.strftime("%d/%m/%Y")
        data[name] = "" if value is None else value
    last = max(index for _label, index, _block in form.text_blocks())
    data[f"block_{last}"] = "Đề nghị UBND tỉnh khen thưởng các tập thể có thành tích xuất sắc."
    response = client.post(reverse("documents:edit", args=[document.pk]), data)
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.blocks[last]["text"].startswith("Đề nghị UBND tỉnh")

    response = client.post(
        reverse("documents:issue", args=[document.pk]), {"number": "25", "dated_on": "30/11/2026"}
    )
    document.refresh_from_db()
    assert document.is_issued and document.number == "25" and document.dated_on == datetime.date(2026, 11, 30)
    first = client.get(reverse("documents:download", args=[document.pk, "docx"])).content
    second = client.get(reverse("documents:download", args=[document.pk, "docx"])).content
    assert first == second
    with document.file.open("rb") as stored:
        assert stored.read() == first
    text = "\n".join(p.text for p in read_docx(io.BytesIO(first)).paragraphs)
    assert "Đề nghị UBND tỉnh khen thưởng" in text
    cells = [c.text for c in read_docx(io.BytesIO(first)).tables[0].rows[1].cells]
    assert cells == ["Số: 25/BC-SXD", "Thanh Hóa, ngày 30 tháng 11 năm 2026"]


def test_an_issued_document_is_not_edited_again(demo):
    organization = demo[0]
    office = person(organization, Role.OFFICE)
    document = services.document_generate(
        kind="bao-cao-so-ket", subject=plan_of(organization), as_of=timezone.localdate(), user=office
    )
    services.document_issue(document=document, user=office, number="31", dated_on=datetime.date(2026, 12, 1))
    document.refresh_from_db()
    stored = document.file.name
    with pytest.raises(ValidationError):
        services.document_edit(document=document, user=office, fields={"summary": "Khác"}, texts={})
    with pytest.raises(ValidationError):
        services.document_issue(
            document=document, user=office, number="32", dated_on=datetime.date(2026, 12, 1)
        )
    document.refresh_from_db()
    assert (document.number, document.summary != "Khác", document.file.name) == ("31", True, stored)


def test_a_number_is_used_once_a_year(demo):
    organization = demo[0]
    office = person(organization, Role.OFFICE)
    day = datetime.date(2026, 12, 2)
    first = services.document_generate(
        kind="bao-cao-so-ket", subject=plan_of(organization), as_of=day, user=office
    )
    services.document_issue(document=first, user=office, number="40", dated_on=day)
    second = services.document_generate(
        kind="bao-cao-so-ket", subject=plan_of(organization), as_of=day, user=office
    )
    with pytest.raises(ValidationError, match="đã dùng"):
        services.document_issue(document=second, user=office, number="40", dated_on=day)
    second.refresh_from_db()
    assert second.status == Document.Status.DRAFT and not second.file


def test_only_the_office_issues_and_another_agency_gets_404(demo):
    mine, other = demo
    office = person(mine, Role.OFFICE)
    document = services.document_generate(
        kind="bao-cao-tong-ket", subject=plan_of(mine), as_of=timezone.localdate(), user=office
    )
    issue = reverse("documents:issue", args=[document.pk])
    leader = client_for(person(mine, Role.LEADER))
    assert leader.get(document.get_absolute_url()).status_code == 200
    assert leader.post(issue, {"number": "7", "dated_on": "01/12/2026"}).status_code == 403
    outsider = client_for(person(other, Role.OFFICE))
    assert outsider.get(document.get_absolute_url()).status_code == 404
    assert outsider.post(issue, {"number": "7", "dated_on": "01/12/2026"}).status_code == 404
    assert client_for(person(mine, Role.STAFF)).get(document.get_absolute_url()).status_code == 404
    document.refresh_from_db()
    assert document.status == Document.Status.DRAFT and document.number == ""


def test_the_command_renders_a_kind_and_the_demo_set(demo, tmp_path):
    plan = plan_of(demo[0])
    out = tmp_path / "tong-ket.docx"
    call_command(
        "documents", "render", "bao-cao-tong-ket", str(plan.pk), "--format", "docx", "--out", str(out)
    )
    assert read_docx(out).tables[0].rows[0].cells[1].text.startswith(nd30.QUOC_HIEU)
    call_command("documents", "demo", "--out", str(tmp_path / "demo"), "--no-pdf")
    assert sorted(p.name for p in (tmp_path / "demo").iterdir()) == sorted(f"{k}.docx" for k in KINDS)

"""A proposal's dossier (hồ sơ đề nghị): the office uploads, lists, downloads and removes the files sent
up with the tờ trình; uploads are checked as every document of the project; only the office and the
leaders of the agency see them."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from thidua.awards import decisions
from thidua.awards.models import Proposal, ProposalFile, Title

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%to trinh de nghi\n"


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def proposal(cast):
    proposal = decisions.proposal_create(
        organization=cast.org, user=cast.office, year=2026, content="Đề nghị Bằng khen của UBND tỉnh"
    )
    decisions.proposal_add_line(proposal, user=cast.office, title=Title.TTLDXS, unit=cast.unit)
    return proposal


def _upload(client, proposal, name="to-trinh.pdf", content=PDF, kind="submission"):
    return client.post(
        reverse("awards:proposal_file_add", args=[proposal.pk]),
        {"kind": kind, "file": SimpleUploadedFile(name, content, content_type="application/pdf")},
    )


def test_the_office_uploads_lists_downloads_and_removes_a_file(client, cast, proposal):
    client.force_login(cast.office)
    assert _upload(client, proposal).status_code == 302
    row = ProposalFile.objects.get()
    assert (row.original_name, row.kind, row.size, row.uploaded_by) == (
        "to-trinh.pdf",
        ProposalFile.Kind.SUBMISSION,
        len(PDF),
        cast.office,
    )
    page = client.get(reverse("awards:proposal", args=[proposal.pk]))
    assert list(page.context["dossier"]) == [row]
    assert reverse("awards:proposal_file", args=[row.pk]) in page.content.decode()
    download = client.get(reverse("awards:proposal_file", args=[row.pk]))
    assert b"".join(download.streaming_content) == PDF
    assert "to-trinh.pdf" in download["Content-Disposition"]

    client.post(reverse("awards:proposal_file_remove", args=[row.pk]))
    assert not ProposalFile.objects.exists()
    reasons = [
        entry.reason
        for entry in client.get(reverse("awards:proposal", args=[proposal.pk])).context["history"]
    ]
    assert "Thêm tệp hồ sơ đề nghị" in reasons and "Bỏ tệp hồ sơ đề nghị" in reasons


@pytest.mark.parametrize(
    "name, content, says",
    [
        ("to-trinh.exe", b"MZ", "chỉ nhận PDF"),
        ("bien-ban.pdf", b"not a pdf", "không đúng với đuôi"),
        ("lon.pdf", b"%PDF" + b"0" * (10 * 1024 * 1024), "vượt giới hạn"),
    ],
)
def test_a_bad_file_is_refused_with_a_message_naming_it(client, cast, proposal, name, content, says):
    client.force_login(cast.office)
    response = _upload(client, proposal, name=name, content=content)
    assert response.status_code == 302
    assert not ProposalFile.objects.exists()
    shown = [str(m) for m in client.get(reverse("awards:proposal", args=[proposal.pk])).context["messages"]]
    assert any(says in m and name in m for m in shown), shown


def test_leaders_read_the_dossier_but_do_not_change_it(client, cast, proposal):
    client.force_login(cast.office)
    _upload(client, proposal)
    row = ProposalFile.objects.get()
    client.force_login(cast.leader)
    page = client.get(reverse("awards:proposal", args=[proposal.pk]))
    assert list(page.context["dossier"]) == [row] and page.context["dossier_form"] is None
    assert client.get(reverse("awards:proposal_file", args=[row.pk])).status_code == 200
    assert _upload(client, proposal, name="khac.pdf").status_code == 403
    assert client.post(reverse("awards:proposal_file_remove", args=[row.pk])).status_code == 403
    assert list(ProposalFile.objects.all()) == [row]


def test_units_staff_and_other_agencies_do_not_see_the_dossier(client, cast, proposal):
    client.force_login(cast.office)
    _upload(client, proposal)
    row = ProposalFile.objects.get()
    for user in (cast.unit_head, cast.staff, cast.observer, cast.other_office):
        client.force_login(user)
        assert client.get(reverse("awards:proposal_file", args=[row.pk])).status_code == 404
        assert _upload(client, proposal, name="khac.pdf").status_code in (403, 404)
        assert client.post(reverse("awards:proposal_file_remove", args=[row.pk])).status_code in (403, 404)
    assert list(ProposalFile.objects.all()) == [row]


def test_once_sent_a_file_is_added_but_not_removed_and_once_answered_nothing_changes(client, cast, proposal):
    client.force_login(cast.office)
    _upload(client, proposal)
    sent_file = ProposalFile.objects.get()
    decisions.proposal_send(
        proposal, user=cast.office, number="5/TTr-SXD", signed_on=datetime.date(2027, 1, 5), signer="Giám đốc"
    )
    client.post(reverse("awards:proposal_file_remove", args=[sent_file.pk]))
    assert ProposalFile.objects.filter(pk=sent_file.pk).exists()
    assert _upload(client, proposal, name="bo-sung.pdf", kind="other").status_code == 302
    assert ProposalFile.objects.count() == 2

    proposal.refresh_from_db()
    decisions.proposal_outcome(
        proposal,
        user=cast.office,
        accepted=[],
        number="",
        decided_on=datetime.date(2027, 3, 1),
        signer="",
        note="Chưa đủ tiêu chuẩn",
    )
    assert Proposal.objects.get(pk=proposal.pk).answered
    _upload(client, proposal, name="muon.pdf")
    assert ProposalFile.objects.count() == 2
    assert client.get(reverse("awards:proposal", args=[proposal.pk])).context["dossier_form"] is None

"""Decisions of the Director, proposals to the province, bonuses from the dated tables, the reward book."""

import datetime
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook

from tests.awards.conftest import award, make_person
from thidua.awards import decisions, engine
from thidua.awards.models import (
    Award,
    BaseSalary,
    BonusMultiple,
    Decision,
    HoldFlag,
    Nomination,
    Proposal,
    ProposalLine,
    Title,
)
from thidua.awards.services import gather

pytestmark = pytest.mark.django_db
D = datetime.date


def _decision(cast, year=2026):
    return decisions.decision_create(
        organization=cast.org, user=cast.office, year=year, content="Khen thưởng năm"
    )


def _proposal(cast, year=2026):
    return decisions.proposal_create(
        organization=cast.org, user=cast.office, year=year, content="Đề nghị tỉnh"
    )


# ——— Bonus: multiple × base salary of the decision's date, rounded up to 10.000 đồng ———


def test_bonus_uses_the_base_salary_in_force_on_each_side_of_a_change():
    assert decisions.bonus_for(None, Title.CSTDCS, "person", D(2024, 6, 30)) == 1_800_000
    assert decisions.bonus_for(None, Title.CSTDCS, "person", D(2024, 7, 1)) == 2_340_000
    # 0.3 × 1.800.000 = 540.000 exactly; 0.3 × 2.340.000 = 702.000 → 710.000
    assert decisions.bonus_for(None, Title.LDTT, "person", D(2024, 6, 30)) == 540_000
    assert decisions.bonus_for(None, Title.LDTT, "person", D(2024, 7, 1)) == 710_000
    # 0.8 × 2.340.000 = 1.872.000 → 1.880.000; collective Giấy khen 0.6 → 1.404.000 → 1.410.000
    assert decisions.bonus_for(None, Title.TTLDTT, "unit", D(2026, 1, 1)) == 1_880_000
    assert decisions.bonus_for(None, Title.GIAY_KHEN, "unit", D(2026, 1, 1)) == 1_410_000


def test_a_new_base_salary_row_changes_the_bonus_from_its_date_only(cast):
    BaseSalary.objects.create(legal_basis="Nghị định mới", valid_from=D(2026, 7, 1), amount=2_530_000)
    assert decisions.bonus_for(cast.org, Title.LDTT, "person", D(2026, 6, 30)) == 710_000
    assert decisions.bonus_for(cast.org, Title.LDTT, "person", D(2026, 7, 1)) == 760_000  # 759.000 up


def test_rounding_up_to_ten_thousand():
    assert decisions.round_up(Decimal("700000")) == 700_000
    assert decisions.round_up(Decimal("700001")) == 710_000
    assert decisions.round_up(Decimal("709999.99")) == 710_000


def test_an_agencys_own_multiple_wins_and_no_table_is_refused(cast):
    BonusMultiple.objects.create(
        organization=cast.org,
        title=Title.LDTT,
        subject="person",
        multiple=Decimal("0.5"),
        legal_basis="Quy chế của tỉnh",
        valid_from=D(2024, 1, 1),
    )
    assert decisions.bonus_for(cast.org, Title.LDTT, "person", D(2026, 1, 1)) == 1_170_000
    assert decisions.bonus_for(cast.other_org, Title.LDTT, "person", D(2026, 1, 1)) == 710_000
    with pytest.raises(ValidationError, match="lương cơ sở"):
        decisions.bonus_for(cast.org, Title.LDTT, "person", D(2020, 1, 1))


# ——— Authority (Luật 2022 Điều 80 khoản 1, read from the title rule) ———


@pytest.mark.parametrize(
    ("title", "decider"),
    [
        (Title.LDTT, "director"),
        (Title.CSTDCS, "director"),
        (Title.TTLDTT, "director"),
        (Title.GIAY_KHEN, "director"),
        (Title.CSTD_TINH, "province"),
        (Title.BANG_KHEN_TINH, "province"),
        (Title.TTLDXS, "province"),
        (Title.CO_THI_DUA_TINH, "province"),
    ],
)
def test_the_authority_split_comes_from_the_rule(cast, title, decider):
    who, basis = decisions.authority(cast.org, title, D(2026, 12, 1))
    assert who == decider and "Điều 80" in basis


def test_a_province_form_cannot_go_into_a_decision_nor_a_director_form_into_a_proposal(cast):
    person = make_person(cast.org, cast.unit)
    with pytest.raises(ValidationError, match="lập tờ trình"):
        decisions.decision_add_line(_decision(cast), user=cast.office, title=Title.CSTD_TINH, person=person)
    with pytest.raises(ValidationError, match="ra quyết định"):
        decisions.proposal_add_line(_proposal(cast), user=cast.office, title=Title.LDTT, person=person)
    with pytest.raises(ValidationError, match="lập tờ trình"):
        decisions.decision_add_line(_decision(cast), user=cast.office, title=Title.TTLDXS, unit=cast.unit)


def test_the_authority_is_data_an_agency_rule_moves_a_form(cast):
    from thidua.awards.models import TitleRule

    national = TitleRule.objects.get(organization=None, title=Title.GIAY_KHEN)
    TitleRule.objects.create(
        organization=cast.org,
        title=Title.GIAY_KHEN,
        subject=national.subject,
        legal_basis="Quy chế riêng",
        valid_from=D(2024, 1, 1),
        parameters={**national.parameters, "decided_by": "province"},
    )
    assert decisions.authority(cast.org, Title.GIAY_KHEN, D(2026, 1, 1))[0] == "province"
    assert decisions.authority(cast.other_org, Title.GIAY_KHEN, D(2026, 1, 1))[0] == "director"


# ——— Issuing writes the reward book ———


def test_issuing_a_decision_writes_the_reward_book_with_bonuses(cast):
    an, binh = make_person(cast.org, cast.unit), make_person(cast.org, cast.unit)
    decision = _decision(cast)
    decisions.decision_add_line(decision, user=cast.office, title=Title.LDTT, person=an)
    decisions.decision_add_line(decision, user=cast.office, title=Title.CSTDCS, person=binh)
    decisions.decision_add_line(decision, user=cast.office, title=Title.TTLDTT, unit=cast.unit)
    decisions.decision_issue(
        decision, user=cast.office, number="12/QĐ-SXD", signed_on=D(2027, 1, 8), signer="Giám đốc"
    )
    decision.refresh_from_db()
    assert decision.status == Decision.Status.ISSUED
    book = {(a.person_id, a.unit_id, a.title): a for a in Award.objects.filter(decision=decision)}
    assert book[(an.pk, None, Title.LDTT)].bonus == 710_000
    assert book[(binh.pk, None, Title.CSTDCS)].bonus == 2_340_000
    assert book[(None, cast.unit.pk, Title.TTLDTT)].decision_number == "12/QĐ-SXD"
    assert {line.bonus for line in decision.lines.all()} == {710_000, 2_340_000, 1_880_000}
    with pytest.raises(ValidationError):  # issued: no more lines
        decisions.decision_add_line(decision, user=cast.office, title=Title.LDTT, person=binh)


def test_the_chain_of_consecutive_titles_reads_decided_awards(cast):
    holder = make_person(cast.org, cast.unit)
    for year in (2024, 2025):
        decision = _decision(cast, year)
        decisions.decision_add_line(decision, user=cast.office, title=Title.CSTDCS, person=holder)
        decisions.decision_issue(
            decision, user=cast.office, number=f"{year}/QĐ", signed_on=D(year + 1, 1, 5), signer="GĐ"
        )
    people, _units = gather(cast.org, 2026)
    facts = next(p for p in people if p.key == holder.pk)
    assert engine.chain(facts.awards, engine.Title.CSTDCS, before=2026) == 2


def test_a_second_reward_for_the_same_achievement_is_refused(cast):
    person = make_person(cast.org, cast.unit, full_name="Nguyễn Văn Trùng")
    award(person, Title.LDTT, 2026)
    with pytest.raises(ValidationError, match="đã được khen"):
        decisions.decision_add_line(_decision(cast), user=cast.office, title=Title.LDTT, person=person)
    other = make_person(cast.org, cast.unit)
    decisions.decision_add_line(_decision(cast), user=cast.office, title=Title.LDTT, person=other)
    with pytest.raises(ValidationError, match="quyết định hoặc tờ trình khác"):
        decisions.decision_add_line(_decision(cast), user=cast.office, title=Title.LDTT, person=other)
    # Another kind (a thematic reward) is another achievement.
    thematic = decisions.decision_create(
        organization=cast.org, user=cast.office, year=2026, content="Chuyên đề", kind="thematic"
    )
    decisions.decision_add_line(thematic, user=cast.office, title=Title.GIAY_KHEN, person=person)


def test_a_hold_flag_blocks_the_decision_and_the_proposal(cast):
    person = make_person(cast.org, cast.unit)
    HoldFlag.objects.create(organization=cast.org, person=person, kind="complaint", opened_on=D(2026, 1, 1))
    with pytest.raises(ValidationError, match="tạm dừng"):
        decisions.decision_add_line(_decision(cast), user=cast.office, title=Title.LDTT, person=person)
    with pytest.raises(ValidationError, match="tạm dừng"):
        decisions.proposal_add_line(
            _proposal(cast), user=cast.office, title=Title.BANG_KHEN_TINH, person=person
        )


def test_a_hold_opened_after_drafting_blocks_the_issue(cast):
    person = make_person(cast.org, cast.unit)
    decision = _decision(cast)
    decisions.decision_add_line(decision, user=cast.office, title=Title.LDTT, person=person)
    HoldFlag.objects.create(organization=cast.org, person=person, kind="inspection", opened_on=D(2026, 12, 1))
    with pytest.raises(ValidationError, match="tạm dừng"):
        decisions.decision_issue(
            decision, user=cast.office, number="1/QĐ", signed_on=D(2027, 1, 5), signer="GĐ"
        )
    assert not Award.objects.filter(person=person).exists()
    assert Decision.objects.get(pk=decision.pk).status == Decision.Status.DRAFT


def test_only_the_office_writes(cast):
    with pytest.raises(PermissionDenied):
        decisions.decision_create(organization=cast.org, user=cast.leader, year=2026, content="x")
    decision = _decision(cast)
    with pytest.raises(PermissionDenied):
        decisions.decision_add_line(decision, user=cast.unit_head, title=Title.LDTT, unit=cast.unit)
    with pytest.raises(PermissionDenied):
        decisions.proposal_create(organization=cast.org, user=cast.other_office, year=2026, content="x")


# ——— Proposals ———


def test_the_proposals_outcome_writes_the_accepted_lines_only(cast):
    hoa, lan = make_person(cast.org, cast.unit), make_person(cast.org, cast.unit)
    proposal = _proposal(cast)
    first = decisions.proposal_add_line(proposal, user=cast.office, title=Title.BANG_KHEN_TINH, person=hoa)
    decisions.proposal_add_line(proposal, user=cast.office, title=Title.CSTD_TINH, person=lan)
    decisions.proposal_add_line(proposal, user=cast.office, title=Title.TTLDXS, unit=cast.unit)
    with pytest.raises(ValidationError):  # not sent yet
        decisions.proposal_outcome(proposal, user=cast.office, accepted=[])
    decisions.proposal_send(
        proposal, user=cast.office, number="5/TTr-SXD", signed_on=D(2027, 1, 10), signer="GĐ"
    )
    decisions.proposal_outcome(
        proposal,
        user=cast.office,
        accepted=[line.pk for line in proposal.lines.exclude(pk=first.pk)],
        number="300/QĐ-UBND",
        decided_on=D(2027, 3, 2),
        signer="Chủ tịch UBND tỉnh",
    )
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.PARTLY
    book = Award.objects.filter(proposal=proposal)
    assert {(a.title, a.decision_number, a.bonus) for a in book} == {
        (Title.CSTD_TINH, "300/QĐ-UBND", 7_020_000),
        (Title.TTLDXS, "300/QĐ-UBND", 3_510_000),
    }
    assert ProposalLine.objects.get(pk=first.pk).outcome == ProposalLine.Outcome.REFUSED
    # Refused, the achievement may be proposed again.
    decisions.proposal_add_line(_proposal(cast), user=cast.office, title=Title.BANG_KHEN_TINH, person=hoa)


def test_a_refused_proposal_writes_nothing(cast):
    person = make_person(cast.org, cast.unit)
    proposal = _proposal(cast)
    decisions.proposal_add_line(proposal, user=cast.office, title=Title.BANG_KHEN_TINH, person=person)
    decisions.proposal_send(proposal, user=cast.office, number="6/TTr", signed_on=D(2027, 1, 10), signer="GĐ")
    decisions.proposal_outcome(proposal, user=cast.office, accepted=[], note="Chưa đủ tiêu chuẩn")
    assert Proposal.objects.get(pk=proposal.pk).status == Proposal.Status.REFUSED
    assert not Award.objects.filter(person=person).exists()


def test_drafting_from_the_council_splits_by_authority(cast):
    from thidua.awards.models import AgendaItem, AwardCouncil, CouncilMeeting

    an, binh = make_person(cast.org, cast.unit), make_person(cast.org, cast.unit)
    council = AwardCouncil.objects.create(organization=cast.org, year=2026, name="Hội đồng")
    meeting = CouncilMeeting.objects.create(council=council, held_on=D(2026, 12, 20))
    made = []
    for person, title, passed in (
        (an, Title.LDTT, True),
        (binh, Title.CSTD_TINH, True),
        (binh, Title.LDTT, False),
    ):
        nomination = Nomination.objects.create(
            organization=cast.org,
            unit=cast.unit,
            person=person,
            year=2026,
            title=title,
            summary="x",
            created_by=cast.office,
        )
        AgendaItem.objects.create(meeting=meeting, nomination=nomination, passed=passed)
        made.append(nomination)
    decision, proposal, skipped = decisions.draft_from_council(
        organization=cast.org, user=cast.office, year=2026
    )
    assert [line.nomination for line in decision.lines.all()] == [made[0]]
    assert [line.nomination for line in proposal.lines.all()] == [made[1]]
    assert skipped == []
    assert decisions.passed_nominations(cast.org, 2026) == []


# ——— Pages ———


def test_pages_office_writes_leader_reads_others_refused(client, cast):
    person = make_person(cast.org, cast.unit)
    decision = _decision(cast)
    client.force_login(cast.leader)
    assert client.get(reverse("awards:decision", args=[decision.pk])).status_code == 200
    assert client.get(reverse("awards:book")).status_code == 200
    url = reverse("awards:decision_line_add", args=[decision.pk])
    assert client.post(url, {"person": person.pk, "title": "ldtt"}).status_code == 403
    client.force_login(cast.unit_head)
    assert client.get(reverse("awards:decision", args=[decision.pk])).status_code == 404
    assert client.get(reverse("awards:book")).status_code == 403
    client.force_login(cast.other_office)
    assert client.get(reverse("awards:decision", args=[decision.pk])).status_code == 404
    assert client.post(url, {"person": person.pk, "title": "ldtt"}).status_code == 404
    client.force_login(cast.office)
    assert client.post(url, {"person": person.pk, "title": "ldtt"}).status_code == 302
    issue = reverse("awards:decision_issue", args=[decision.pk])
    client.post(issue, {"number": "9/QĐ-SXD", "signed_on": "08/01/2027", "signer": "Giám đốc"})
    assert Award.objects.get(person=person).decision == decision
    page = client.get(reverse("awards:book"), {"year": 2026, "title": "ldtt", "unit": cast.unit.pk})
    assert [a.person for a in page.context["page"]] == [person]
    assert client.get(reverse("awards:book"), {"title": "cstdcs"}).context["page"].paginator.count == 0
    assert client.get(reverse("awards:book_unit", args=[cast.unit.pk])).status_code == 200
    stats = client.get(reverse("awards:book_stats")).context
    assert stats["year_rows"][0]["total"] == 1 and stats["unit_rows"][0]["unit"] == cast.unit


def test_the_book_page_queries_do_not_grow_with_rows(client, cast):
    def fill(n):
        for _ in range(n):
            person = make_person(cast.org, cast.unit)
            award(person, Title.LDTT, 2025)
        award(make_person(cast.org, cast.unit), Title.CSTDCS, 2025)

    client.force_login(cast.office)
    fill(3)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("awards:book")).status_code == 200
    fill(30)
    with CaptureQueriesContext(connection) as many:
        assert client.get(reverse("awards:book")).status_code == 200
    assert len(many) == len(few)
    with CaptureQueriesContext(connection) as stats_many:
        client.get(reverse("awards:book_stats"))
    assert len(stats_many) < 15


# ——— Import of past years ———


def _workbook(rows) -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(
        [
            "Họ và tên",
            "Đơn vị",
            "Năm thành tích",
            "Danh hiệu, hình thức",
            "Loại khen thưởng",
            "Số quyết định",
            "Ngày quyết định",
            "Người ký",
            "Tiền thưởng",
        ]
    )
    for row in rows:
        sheet.append(row)
    data = BytesIO()
    workbook.save(data)
    return SimpleUploadedFile("so.xlsx", data.getvalue())


def test_import_refuses_the_whole_file_with_row_numbered_errors_then_applies_a_clean_one(client, cast):
    person = make_person(cast.org, cast.unit, full_name="Lê Văn Tám")
    client.force_login(cast.office)
    url = reverse("awards:book_import")
    bad = _workbook(
        [
            [
                "Lê Văn Tám",
                "Phòng Phát triển đô thị",
                2023,
                "Chiến sĩ thi đua cơ sở",
                "",
                "10/QĐ",
                "10/01/2024",
                "GĐ",
                1_490_000,
            ],
            [
                "Không Có Ai",
                "Phòng Phát triển đô thị",
                2023,
                "Lao động tiên tiến",
                "",
                "10/QĐ",
                "10/01/2024",
                "",
                "",
            ],
            [
                "",
                "Phòng Không tồn tại",
                2023,
                "Tập thể lao động tiên tiến",
                "",
                "10/QĐ",
                "10/01/2024",
                "",
                "",
            ],
            ["Lê Văn Tám", "Phòng Phát triển đô thị", 2022, "Huân chương", "", "1/QĐ", "32/13/2023", "", ""],
        ]
    )
    response = client.post(url, {"file": bad})
    errors = response.context["preview"].errors
    assert any(e.startswith("Dòng 3") and "Không Có Ai" in e for e in errors)
    assert any(e.startswith("Dòng 4") and "Phòng Không tồn tại" in e for e in errors)
    assert any(e.startswith("Dòng 5") and "Huân chương" in e for e in errors)
    assert any(e.startswith("Dòng 5") and "dd/mm/yyyy" in e for e in errors)
    assert response.context["token"] == "" and not Award.objects.exists()
    good = _workbook(
        [
            [
                "Lê Văn Tám",
                "Phòng Phát triển đô thị",
                2023,
                "Chiến sĩ thi đua cơ sở",
                "",
                "10/QĐ",
                "10/01/2024",
                "GĐ",
                1_800_000,
            ],
            [
                "",
                "Phòng Phát triển đô thị",
                2023,
                "Tập thể lao động tiên tiến",
                "Thường xuyên, hằng năm",
                "10/QĐ",
                D(2024, 1, 10),
                "",
                "",
            ],
        ]
    )
    response = client.post(url, {"file": good})
    assert response.context["preview"].errors == [] and response.context["token"]
    client.post(url, {"token": response.context["token"]})
    assert Award.objects.get(person=person).title == Title.CSTDCS
    assert Award.objects.get(unit=cast.unit).decision_date == D(2024, 1, 10)
    # The same file again: every line is already in the book.
    response = client.post(
        url,
        {
            "file": _workbook(
                [
                    [
                        "Lê Văn Tám",
                        "Phòng Phát triển đô thị",
                        2023,
                        "Chiến sĩ thi đua cơ sở",
                        "",
                        "10/QĐ",
                        "10/01/2024",
                        "",
                        "",
                    ]
                ]
            )
        },
    )
    assert any("đã có" in e for e in response.context["preview"].errors)


def test_import_is_for_the_office_only(client, cast):
    client.force_login(cast.leader)
    assert client.get(reverse("awards:book_import")).status_code == 403
    client.force_login(cast.office)
    assert client.get(reverse("awards:book_import")).status_code == 200
    assert client.get(reverse("awards:book_template")).status_code == 200

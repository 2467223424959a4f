from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from tests.initiatives.conftest import received
from thidua.initiatives import services
from thidua.initiatives.models import Council, CouncilMember, Criterion

CHAIR, VICE_CHAIR, MEMBER, SECRETARY = (
    CouncilMember.Role.CHAIR,
    CouncilMember.Role.VICE_CHAIR,
    CouncilMember.Role.MEMBER,
    CouncilMember.Role.SECRETARY,
)


def _url(name, obj):
    return reverse(f"initiatives:{name}", args=[obj.pk])


def _add_member(client, council, person, role):
    return client.post(_url("council_member_add", council), {"user": person.pk, "role": role})


def test_the_office_forms_a_council_and_a_second_chair_is_refused(client, cast):
    client.force_login(cast.office)
    response = client.post(
        reverse("initiatives:council_create"), {"year": "2026", "name": "Hội đồng sáng kiến Sở"}
    )
    council = Council.objects.get()
    assert council.organization == cast.org and council.year == 2026
    assert response.url == council.get_absolute_url()
    for person, role in ((cast.leader, CHAIR), (cast.staff, MEMBER), (cast.office, SECRETARY)):
        assert _add_member(client, council, person, role).status_code == 302
    response = _add_member(client, council, cast.unit_head, CHAIR)
    assert response.status_code == 200
    assert (
        f"Mỗi hội đồng chỉ có một Chủ tịch hội đồng; hiện đã có: {cast.leader}." in response.content.decode()
    )
    assert _add_member(client, council, cast.unit_head, VICE_CHAIR).status_code == 302
    members = council.members.in_order().values_list("user", "role")
    assert list(members) == [
        (cast.leader.pk, CHAIR),
        (cast.unit_head.pk, VICE_CHAIR),
        (cast.office.pk, SECRETARY),
        (cast.staff.pk, MEMBER),
    ]
    page = client.get(council.get_absolute_url()).content.decode()
    assert "Phó Chủ tịch hội đồng" in page


def test_every_change_to_a_council_is_in_its_history(client, cast):
    client.force_login(cast.office)
    client.post(reverse("initiatives:council_create"), {"year": "2026", "name": "Hội đồng sáng kiến"})
    council = Council.objects.get()
    client.post(_url("council_edit", council), {"year": "2026", "name": "Hội đồng sáng kiến Sở năm 2026"})
    _add_member(client, council, cast.staff, MEMBER)
    client.post(_url("criterion_add", council), {"name": "Tính mới", "max_points": "40", "position": "1"})
    client.post(_url("council_member_remove", council.members.get()))
    council_reasons = list(council.history.values_list("history_change_reason", "history_user"))
    assert council_reasons == [
        ("Sửa hội đồng sáng kiến", cast.office.pk),
        ("Lập hội đồng sáng kiến", cast.office.pk),
    ]
    member_reasons = CouncilMember.history.filter(council_id=council.pk).values_list(
        "history_type", "history_change_reason"
    )
    assert list(member_reasons) == [("-", "Bỏ thành viên hội đồng"), ("+", "Thêm thành viên hội đồng")]
    assert Criterion.history.get(council_id=council.pk).history_change_reason == "Thêm tiêu chí chấm điểm"
    page = client.get(council.get_absolute_url()).content.decode()
    assert "Bỏ thành viên hội đồng" in page and "Tính mới" in page


def test_a_criterion_stays_as_it_is_once_an_initiative_is_scored_on_it(client, cast, council):
    client.force_login(cast.office)
    response = client.post(_url("criterion_add", council), {"name": "Khả năng nhân rộng", "max_points": "0"})
    assert "Điểm tối đa phải lớn hơn 0." in response.content.decode()
    client.post(
        _url("criterion_add", council), {"name": "Khả năng nhân rộng", "max_points": "20", "position": "3"}
    )
    spread = council.criteria.get(name="Khả năng nhân rộng")
    assert spread.max_points == Decimal(20)
    novelty, effect = council.criteria.exclude(pk=spread.pk)
    initiative = received(cast, council)
    services.council_score(initiative=initiative, user=cast.leader, points={novelty: 30})
    response = client.post(_url("criterion_remove", novelty), follow=True)
    assert "Tiêu chí đã được dùng để chấm điểm" in response.content.decode()
    client.post(_url("criterion_edit", novelty), {"name": "Đổi tên", "max_points": "10", "position": "1"})
    novelty.refresh_from_db()
    assert (novelty.name, novelty.max_points) == ("Tính mới", Decimal(40))
    novelty.max_points = Decimal(10)
    with pytest.raises(services.InitiativeError, match="không thể sửa hoặc bỏ"):
        services.criterion_save(criterion=novelty, user=cast.office)
    client.post(
        _url("criterion_edit", effect), {"name": "Hiệu quả áp dụng", "max_points": "60", "position": "2"}
    )
    client.post(_url("criterion_remove", spread))
    assert list(council.criteria.values_list("name", flat=True)) == ["Tính mới", "Hiệu quả áp dụng"]


def test_a_member_who_has_scored_or_voted_stays_on_the_council(client, cast, council):
    initiative = received(cast, council)
    services.council_score(initiative=initiative, user=cast.leader, points={council.criteria.first(): 30})
    services.council_vote(initiative=initiative, user=cast.office, in_favour=True)
    client.force_login(cast.office)
    for person in (cast.leader, cast.office):
        response = client.post(_url("council_member_remove", council.member_for(person)), follow=True)
        assert "Không thể bỏ thành viên đã chấm điểm hoặc biểu quyết" in response.content.decode()
    client.post(_url("council_member_remove", council.member_for(cast.specialist)))
    assert set(council.members.values_list("user", flat=True)) == {cast.leader.pk, cast.office.pk}


def test_a_members_role_changes_within_the_one_chair_rule(client, cast, council):
    client.force_login(cast.office)
    specialist = council.member_for(cast.specialist)
    response = client.post(_url("council_member_edit", specialist), {"role": SECRETARY})
    assert "Mỗi hội đồng chỉ có một Thư ký" in response.content.decode()
    client.post(_url("council_member_edit", specialist), {"role": VICE_CHAIR})
    specialist.refresh_from_db()
    assert specialist.role == VICE_CHAIR


def test_only_people_of_the_agency_can_sit_on_its_council(client, cast, council):
    client.force_login(cast.office)
    page = client.get(council.get_absolute_url()).content.decode()
    assert str(cast.unit_head) in page  # offered in the select
    for outsider in (cast.other_office, cast.observer, cast.enterprise_user):
        assert _add_member(client, council, outsider, MEMBER).status_code == 200
        with pytest.raises(ValidationError, match="phải thuộc cơ quan"):
            CouncilMember(council=council, user=outsider).full_clean()
    assert council.members.count() == 3


def test_the_database_refuses_a_second_chair_or_secretary(cast, council):
    for role in (CHAIR, SECRETARY):
        with pytest.raises(IntegrityError), transaction.atomic():
            CouncilMember.objects.create(council=council, user=cast.unit_head, role=role)


def test_another_agencys_office_gets_404(client, cast, council):
    member, criterion = council.members.first(), council.criteria.first()
    client.force_login(cast.other_office)
    assert client.get(council.get_absolute_url()).status_code == 404
    assert client.post(_url("council_edit", council), {"year": "2026", "name": "X"}).status_code == 404
    assert _add_member(client, council, cast.other_office, MEMBER).status_code == 404
    assert client.post(_url("council_member_edit", member), {"role": MEMBER}).status_code == 404
    assert client.post(_url("council_member_remove", member)).status_code == 404
    assert client.post(_url("criterion_add", council), {"name": "X", "max_points": "5"}).status_code == 404
    assert client.post(_url("criterion_edit", criterion), {"name": "X", "max_points": "5"}).status_code == 404
    assert client.post(_url("criterion_remove", criterion)).status_code == 404
    assert "Hội đồng sáng kiến Sở" not in client.get(reverse("initiatives:councils")).content.decode()
    assert council.members.count() == 3 and council.criteria.count() == 2


def test_staff_get_403_on_writes_and_leaders_only_read(client, cast, council):
    member, criterion = council.members.first(), council.criteria.first()
    for person in (cast.staff, cast.leader):
        client.force_login(person)
        writes = [
            client.post(reverse("initiatives:council_create"), {"year": "2026", "name": "Hội đồng mới"}),
            client.post(_url("council_edit", council), {"year": "2026", "name": "Đổi tên"}),
            _add_member(client, council, cast.unit_head, MEMBER),
            client.post(_url("council_member_edit", member), {"role": MEMBER}),
            client.post(_url("council_member_remove", member)),
            client.post(_url("criterion_add", council), {"name": "X", "max_points": "5", "position": "3"}),
            client.post(_url("criterion_edit", criterion), {"name": "X", "max_points": "5", "position": "1"}),
            client.post(_url("criterion_remove", criterion)),
        ]
        assert [response.status_code for response in writes] == [403] * len(writes)
    assert Council.objects.get().name == "Hội đồng sáng kiến Sở"
    assert council.members.count() == 3 and council.criteria.count() == 2
    page = client.get(council.get_absolute_url())  # the leader reads
    assert page.status_code == 200 and "Tính mới" in page.content.decode()
    assert "Thêm thành viên" not in page.content.decode()
    client.force_login(cast.staff)
    assert client.get(council.get_absolute_url()).status_code == 403


def test_the_council_list_is_by_year_and_says_when_empty(client, cast):
    client.force_login(cast.office)
    assert "Chưa có hội đồng sáng kiến nào." in client.get(reverse("initiatives:councils")).content.decode()
    Council.objects.create(organization=cast.org, year=2025, name="Hội đồng năm 2025")
    Council.objects.create(organization=cast.org, year=2026, name="Hội đồng năm 2026")
    page = client.get(reverse("initiatives:councils"), {"year": "2025"}).content.decode()
    assert "Hội đồng năm 2025" in page and "Hội đồng năm 2026" not in page


def test_the_initiatives_list_links_to_the_councils_for_the_office(client, cast):
    link = f'href="{reverse("initiatives:councils")}"'
    client.force_login(cast.office)
    assert link in client.get(reverse("initiatives:list")).content.decode()
    client.force_login(cast.staff)
    assert link not in client.get(reverse("initiatives:list")).content.decode()

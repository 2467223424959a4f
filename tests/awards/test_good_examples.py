"""Good examples (điển hình tiên tiến) seen as achievements on the person's page and when nominating."""

import datetime

import pytest
from django.urls import reverse

from tests import factories
from thidua.tasks.models import GoodExample

pytestmark = pytest.mark.django_db
YEAR = 2026


def example(cast, name, *, kind=GoodExample.Kind.PERSON, unit=None, on=datetime.date(YEAR, 5, 19), **fields):
    return GoodExample.objects.create(
        organization=cast.org,
        kind=kind,
        name=name,
        unit=unit,
        achievement=fields.pop("achievement", f"Thành tích của {name}"),
        recognised_on=on,
        spread_at=fields.pop("spread_at", "Hội nghị sơ kết phong trào thi đua"),
        **fields,
    )


def test_the_persons_page_lists_their_good_examples_matched_by_name(client, cast, staff):
    example(cast, "nguyễn  văn AN", unit=cast.unit, achievement="Số hóa 100% hồ sơ cấp phép xây dựng")
    example(
        cast, "Nguyễn Văn An", unit=factories.make_unit(cast.org, "Phòng khác"), achievement="Người trùng tên"
    )
    example(cast, "Trần Văn Bình", achievement="Thành tích của người khác")
    client.force_login(cast.office)
    page = client.get(reverse("awards:person", args=[staff["an"].pk])).content.decode()
    assert "Số hóa 100% hồ sơ cấp phép xây dựng" in page and "Hội nghị sơ kết phong trào thi đua" in page
    assert "Người trùng tên" not in page and "Thành tích của người khác" not in page


def test_the_nomination_form_lists_the_years_good_examples_of_the_unit_and_its_people(client, cast, staff):
    example(
        cast,
        "Phòng Phát triển đô thị",
        kind=GoodExample.Kind.COLLECTIVE,
        unit=cast.unit,
        achievement="Tập thể",
    )
    example(cast, "Nguyễn Văn An", unit=cast.unit, achievement="Cá nhân trong năm")
    example(cast, "Nguyễn Văn An", unit=cast.unit, achievement="Năm trước", on=datetime.date(YEAR - 1, 5, 1))
    other_unit = factories.make_unit(cast.org, "Phòng Quản lý xây dựng")
    example(cast, "Phòng QLXD", kind=GoodExample.Kind.COLLECTIVE, unit=other_unit, achievement="Đơn vị khác")
    client.force_login(cast.unit_head)
    page = client.get(f"{reverse('awards:nomination_new')}?nam={YEAR}").content.decode()
    assert 'data-testid="good-examples"' in page
    assert "Tập thể" in page and "Cá nhân trong năm" in page
    assert "Năm trước" not in page and "Đơn vị khác" not in page


def test_the_summary_is_prefilled_from_the_persons_good_examples(client, cast, staff):
    example(cast, "Nguyễn Văn An", unit=cast.unit, achievement="Số hóa 100% hồ sơ cấp phép xây dựng")
    client.force_login(cast.office)
    response = client.get(f"{reverse('awards:nomination_new')}?nam={YEAR}&ca_nhan={staff['an'].pk}")
    form = response.context["form"]
    assert form.initial["person"] == staff["an"].pk and form.initial["unit"] == cast.unit.pk
    assert form.initial["summary"] == (
        "- Số hóa 100% hồ sơ cấp phép xây dựng"
        " (biểu dương ngày 19/05/2026, Hội nghị sơ kết phong trào thi đua)."
    )


def test_a_unit_head_cannot_prefill_with_another_units_person(client, cast, staff):
    other_unit = factories.make_unit(cast.org, "Phòng Quản lý xây dựng")
    stranger = staff["an"].__class__.objects.create(
        organization=cast.org, unit=other_unit, full_name="Người khác"
    )
    example(cast, "Người khác", unit=other_unit, achievement="Không được thấy")
    client.force_login(cast.unit_head)
    response = client.get(f"{reverse('awards:nomination_new')}?nam={YEAR}&ca_nhan={stranger.pk}")
    assert (
        "summary" not in response.context["form"].initial
        and "Không được thấy" not in response.content.decode()
    )

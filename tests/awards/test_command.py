"""`thidua awards eligibility`: every person and unit, each title, the verdict and its reasons with basis."""

import json

import pytest
from django.core.management import CommandError, call_command

from tests.awards.conftest import YEAR

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("awards", "eligibility", *args, stdout=out)
    return out.getvalue()


def test_json_lists_every_subject_title_verdict_and_reason_with_its_basis(cast, staff):
    rows = json.loads(run("--org", cast.org.slug, "--year", str(YEAR), "--json"))
    assert {row["kind"] for row in rows} == {"person", "unit"}
    assert {row["verdict"] for row in rows} <= {"eligible", "not_eligible", "needs_review"}
    by_key = {(row["subject"], row["title"]): row for row in rows}
    trang = by_key[("Trịnh Thu Trang", "cstdcs")]
    assert trang["verdict"] == "eligible" and trang["decided_by"] == "director"
    achievement = next(r for r in trang["reasons"] if r["criterion"] == "achievement")
    assert achievement == {
        "criterion": "achievement",
        "met": True,
        "basis": "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 23 khoản 2",
        "text": achievement["text"],
    }
    assert all(set(reason) >= {"criterion", "met", "basis"} for row in rows for reason in row["reasons"])
    cuong = by_key[("Lê Văn Cường", "ldtt")]
    assert cuong["verdict"] == "not_eligible"
    assert {k: v for k, v in cuong["reasons"][1].items() if k in ("criterion", "met")} == {
        "criterion": "rating",
        "met": False,
    }
    unit = by_key[(cast.unit.name, "ttldxs")]
    assert unit["kind"] == "unit" and unit["decided_by"] == "province"
    assert any(reason["met"] is None for row in rows for reason in row["reasons"])  # null for human judgement


def test_text_prints_each_subject_with_verdicts_reasons_and_basis(cast, staff):
    text = run("--org", cast.org.slug, "--year", str(YEAR))
    assert text.startswith(f"{cast.org.name} — xét danh hiệu năm {YEAR}")
    assert "Cá nhân: Trịnh Thu Trang" in text and f"Tập thể: {cast.unit.name}" in text
    assert "  Chiến sĩ thi đua cơ sở: đủ điều kiện (Giám đốc Sở quyết định)" in text
    assert "  Tập thể lao động xuất sắc: chưa đủ điều kiện (Sở đề nghị Chủ tịch UBND tỉnh)" in text
    assert (
        "    ✗ Cần xếp loại từ “Hoàn thành tốt nhiệm vụ” trở lên; xếp loại: “Hoàn thành nhiệm vụ” — "
        "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 24 khoản 1"
    ) in text
    assert "Cần trên 50% thành viên đạt Lao động tiên tiến: 3/4" in text


def test_another_agencys_people_do_not_appear(cast, staff):
    rows = json.loads(run("--org", cast.other_org.slug, "--year", str(YEAR), "--json"))
    assert all(row["kind"] == "unit" for row in rows)
    assert "Trịnh Thu Trang" not in run("--org", cast.other_org.slug, "--year", str(YEAR))


@pytest.mark.parametrize(("org", "year"), [("khong-co", "2026"), ("th", "1900")])
def test_an_unknown_agency_or_year_is_refused(cast, org, year):
    with pytest.raises(CommandError):
        run("--org", org, "--year", year)

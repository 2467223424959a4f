"""Exact readings of small invented documents shaped like the real 2025 plans (issue #15).

Each fixture holds one family of what real plans do that the samples do not: a decision issuing
its plan, a regulation, a national directive, targets in tables and breakdowns, periods and
phases. Recurring report dates are in recurring_deadlines.txt (test_fixtures.py).
"""

from pathlib import Path

import pytest

from thidua.plans.extraction import ExtractionError, read_file, read_text

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def read(name: str) -> dict:
    return read_file(FIXTURES / name).to_dict()


def targets(draft: dict) -> list[tuple]:
    return [
        (t["text"], t["comparator"], t["value"], t["value_max"], t["unit"], t["period"], t["per"])
        for t in draft["targets"]
    ]


def deadlines(draft: dict) -> list[tuple]:
    return [(d["date"], d["bound"], d["recurrence"], d["text"]) for d in draft["deadlines"]]


def references(draft: dict) -> list[tuple]:
    return [(r["kind"], r["number"], r["date"], r["issuer"]) for r in draft["references"]]


def phases(draft: dict) -> list[tuple]:
    return [(p["name"], p["start"], p["end"]) for p in draft["phases"]]


def test_a_decision_issuing_a_plan_is_read_as_the_plan_it_issues():
    draft = read("decision_issuing_plan.txt")
    # Kind and title from the attached plan; header, number and date from the decision; the signer
    # from the decision's block after its recipients (TM. / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / name).
    assert draft["document"] == {
        "kind": "Kế hoạch",
        "title": "PHÁT TRIỂN THIẾT CHẾ VĂN HÓA CƠ SỞ GIAI ĐOẠN 2027 - 2030",
        "movement": None,
        "issuer": "Ủy ban nhân dân tỉnh Hà Tĩnh",
        "province": "Hà Tĩnh",
        "signer": {"on_behalf_of": "CHỦ TỊCH", "position": "PHÓ CHỦ TỊCH", "name": "Trần Văn Bình"},
        "number": "45/QĐ-UBND",
        "date": "2027-03-12",
        "recipients": ["Như Điều 3", "Bộ Văn hóa, Thể thao và Du lịch", "Lưu: VT, VX"],
    }
    # "12/NQ- TW" joined; the decision's own number ("Kèm theo Quyết định số 45/QĐ-UBND") is no reference.
    assert references(draft) == [
        ("Luật", "72/2025/QH15", "2025-06-16", None),
        ("Nghị quyết", "12/NQ-TW", "2024-11-20", "Bộ Chính trị"),
        ("Tờ trình", "310/TTr-SVHTTDL", "2027-03-02", None),
    ]


def test_heading_periods_averages_and_figures_that_are_not_targets():
    draft = read("decision_issuing_plan.txt")
    assert targets(draft) == [
        # Under "Mục tiêu đến năm 2028" (the plan runs to 2030): a level by that date, a count adds up.
        ("100% xã, phường có trung tâm văn hóa - thể thao", "=", 100, None, "%", "by_date", None),
        ("Tập huấn 1.200 lượt cán bộ văn hóa cơ sở", "=", 1200, None, "lượt", "cumulative", None),
        # Under "Mục tiêu đến năm 2030", the plan's own last year: the whole plan's.
        (
            "Tỷ lệ thôn, tổ dân phố có nhà văn hóa đạt chuẩn đạt từ 90% trở lên",
            ">=",
            90,
            None,
            "%",
            "plan",
            None,
        ),
        (
            "Số người tập luyện thể thao thường xuyên tăng bình quân 2%/năm",
            "=",
            2,
            None,
            "%",
            "average",
            None,
        ),
        ("Số vụ vi phạm về quảng cáo ngoài trời giảm từ 31 xuống 25 vụ", "=", 25, None, "vụ", "plan", None),
        (
            "Trẻ dưới 36 tháng tuổi được tiếp cận sách tranh tại 100% thư viện xã",
            "=",
            100,
            None,
            "%",
            "plan",
            None,
        ),
        (
            "Hằng năm, tổ chức ít nhất 02 hội thi văn nghệ quần chúng",
            ">=",
            2,
            None,
            "hội thi",
            "annual",
            None,
        ),
        ("đạt 70% xã có đội văn nghệ vào năm 2029", "=", 70, None, "%", "by_date", None),
    ]
    # The present state (a Thực trạng section, "hiện có 41 điểm", "chiếm 27,5%") and ages are no targets.
    values = [t[2] for t in targets(draft)]
    assert 41 not in values and 27.5 not in values and 36 not in values


def test_recurring_quarterly_and_bracketed_report_dates_but_no_recital_or_target_years():
    draft = read("decision_issuing_plan.txt")
    # The laws' dates in the recitals, the decision's own date and "vào năm 2029" are no deadlines.
    assert deadlines(draft) == [
        (
            "2027-06-10",
            "before",
            "yearly",
            "Các xã, phường báo cáo kết quả về Sở Văn hóa, Thể thao và Du lịch",
        ),
        (
            "2027-12-10",
            "before",
            "yearly",
            "Các xã, phường báo cáo kết quả về Sở Văn hóa, Thể thao và Du lịch",
        ),
        (
            "2027-03-31",
            "by_end",
            "quarterly",
            "Sở Văn hóa, Thể thao và Du lịch định kỳ hằng quý tổng hợp báo cáo UBND tỉnh",
        ),
        ("2028-12-31", "by_end", None, "Báo cáo đánh giá giữa kỳ"),
    ]


def test_a_regulation_issued_by_a_decision_is_read_not_refused():
    draft = read("regulation_not_a_plan.txt")
    assert draft["document"] == {
        "kind": "Quy chế",
        "title": "TỔ CHỨC HỘI THI CÁN BỘ TỔ CHỨC GIỎI",
        "movement": None,
        "issuer": "Ban Tổ chức",
        "province": None,
        "signer": {"on_behalf_of": "TRƯỞNG BAN", "position": "PHÓ TRƯỞNG BAN", "name": "Lê Thị Hoa"},
        "number": "210-QĐ/BTCTW",
        "date": "2027-02-05",
        "recipients": ["Như Điều 2", "Lưu VP"],
    }
    # "Chỉ thị so 05-CT/TU": the accent lost in the copy.
    assert references(draft) == [
        ("Quy định", "88-QĐ/TW", "2025-03-10", "Ban Bí thư"),
        ("Chỉ thị", "05-CT/TU", "2026-01-15", "Ban Thường vụ Tỉnh ủy"),
    ]
    # Ages, grades, the tie-break rule, an entitlement ("được giảm 15%") and a coefficient table
    # are no targets; "Tháng 11 hằng năm, … báo cáo" is due by the end of the next November.
    assert targets(draft) == [
        ("Mỗi đơn vị cử tối thiểu 03 thí sinh dự thi", ">=", 3, None, "thí sinh", "plan", "unit")
    ]
    assert deadlines(draft) == [
        (
            "2027-11-30",
            "by_end",
            "yearly",
            "các tỉnh ủy, thành ủy báo cáo Ban Tổ chức Trung ương kết quả tổ chức hội thi",
        )
    ]


def test_a_national_directive_signed_by_the_prime_minister_with_compound_units():
    draft = read("national_directive.txt")
    document = draft["document"]
    assert (document["kind"], document["issuer"], document["province"]) == (
        "Chỉ thị",
        "Thủ tướng Chính phủ",
        None,
    )
    assert document["signer"] == {"on_behalf_of": None, "position": "THỦ TƯỚNG", "name": "Phạm Minh Tâm"}
    # "61- KL/TW" and "4521/BYT-KH&TC": spaced and "&" codes.
    assert references(draft) == [
        ("Kết luận", "61-KL/TW", "2026-02-03", "Ban Bí thư"),
        ("Công văn", "4521/BYT-KH&TC", "2027-03-20", "Bộ Y tế"),
    ]
    assert [(t[1], t[2], t[4]) for t in targets(draft)] == [
        ("<", 50, "ca mắc/100.000 dân"),
        ("<=", 110, "học sinh nữ/100 học sinh nam"),
        (">=", 500, "điểm truy cập Wi-Fi công cộng"),
        (">=", 12, "bản tin, phóng sự"),
        (">=", 200, "cơ sở y tế, dược"),
    ]
    assert deadlines(draft) == [
        ("2027-12-15", "before", None, "Bộ Y tế tổng hợp, báo cáo Thủ tướng Chính phủ")
    ]


def test_targets_in_table_rows_and_breakdowns_and_a_signature_laid_out_as_a_table():
    draft = read("tables_and_breakdowns.txt")
    assert draft["document"]["issuer"] == "Bộ Văn hóa, Thể thao và Du lịch"
    assert draft["document"]["signer"] == {
        "on_behalf_of": "BỘ TRƯỞNG",
        "position": "THỨ TRƯỞNG",
        "name": "Đỗ Văn Nam",
    }
    # A count alone in a cell beside its row (not a sum of money); a total and each of its parts;
    # "tại 05 huyện" is a scope.
    assert targets(draft) == [
        ("Xây mới nhà văn hóa | 14 nhà", "=", 14, None, "nhà", "plan", None),
        ("Cải tạo sân vận động | 03 sân", "=", 3, None, "sân", "plan", None),
        ("Trang bị 40 xe", "=", 40, None, "xe", "plan", None),
        ("tỉnh 15 xe", "=", 15, None, "xe", "plan", None),
        ("xã 25 xe", "=", 25, None, "xe", "plan", None),
        # "Nâng cấp" is a verb, not "cấp 06"; "từ 60% lên 80%" aims at 80%; "Đối với các huyện có từ 30
        # xã trở lên" is a condition.
        ("Nâng cấp 06 trạm phát thanh", "=", 6, None, "trạm phát thanh", "plan", None),
        ("nâng tỷ lệ thôn có loa truyền thanh từ 60% lên 80%", "=", 80, None, "%", "plan", None),
    ]
    # A quarter and a span of years in their cells; a due-time label with a month range; not the
    # inventory's reference moment ("thời điểm 0h00 ngày 01/01/2028").
    assert deadlines(draft) == [
        ("2027-09-30", "by_end", None, "Phê duyệt danh mục dự án"),
        ("2028-12-31", "by_end", None, "Hoàn thành xây mới nhà văn hóa"),
        ("2027-11-30", "by_end", None, "Các đơn vị thực hiện xong việc kiểm kê thiết bị"),
    ]


def test_phases_from_rounds_and_period_headings_and_tasks_due_within_a_year():
    draft = read("phases_and_periods.txt")
    assert phases(draft) == [
        ("Giai đoạn 2027 - 2029", "2027-01-01", "2029-12-31"),
        ("Giai đoạn 2030 - 2031", "2030-01-01", "2031-12-31"),
        ("Đợt 1", "2027-02-15", "2027-06-30"),
        ("Đợt 2", "2027-07-01", "2027-11-30"),
    ]
    # "Đến hết năm 2031, phấn đấu …" is the targets' horizon (the plan's own), not a deadline.
    assert targets(draft) == [
        ("100% thủ tục hành chính được cung cấp trực tuyến toàn trình", "=", 100, None, "%", "plan", None)
    ]
    # "b) Thời gian thực hiện: Hoàn thành trong năm 2027" belongs to the numbered task above it. A law
    # or resolution cited by name and date, and a day before the plan's own date, are no deadlines.
    assert deadlines(draft) == [
        ("2027-12-31", "by_end", None, "Rà soát quy trình nội bộ giải quyết thủ tục hành chính"),
        ("2028-12-31", "by_end", None, "Xây dựng cơ sở dữ liệu cán bộ, công chức"),
        ("2027-12-20", "on", None, "Hội nghị sơ kết tổ chức"),
    ]


CIRCULAR_WITH_A_FORM = """BỘ CÔNG THƯƠNG
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 12/2027/TT-BCT
Hà Nội, ngày 02 tháng 3 năm 2027
THÔNG TƯ
QUY ĐỊNH VỀ KIỂM TRA AN TOÀN HÓA CHẤT
Điều 1. Phạm vi điều chỉnh
Thông tư này quy định về kiểm tra an toàn hóa chất.
Điều 2. Hiệu lực thi hành
Thông tư này có hiệu lực từ ngày 15 tháng 4 năm 2027.
Nơi nhận:
- Văn phòng Chính phủ;
- Lưu: VT, PC.
KT. BỘ TRƯỞNG
THỨ TRƯỞNG
Lê Văn Khang
Mẫu số 01
KẾ HOẠCH KIỂM TRA
Căn cứ ……
"""


def test_a_blank_form_after_a_circulars_signature_is_not_an_attached_plan():
    draft = read_text(CIRCULAR_WITH_A_FORM).to_dict()
    document = draft["document"]
    assert (document["kind"], document["title"]) == ("Thông tư", "QUY ĐỊNH VỀ KIỂM TRA AN TOÀN HÓA CHẤT")
    assert (document["issuer"], document["province"]) == ("Bộ Công Thương", None)
    assert document["signer"] == {
        "on_behalf_of": "BỘ TRƯỞNG",
        "position": "THỨ TRƯỞNG",
        "name": "Lê Văn Khang",
    }


def test_a_text_without_an_administrative_header_is_still_refused():
    text = "Số: 12\nQUYẾT ĐỊNH\n\nQuê hương là chùm khế ngọt\nCho con trèo hái mỗi ngày\n"
    with pytest.raises(ExtractionError) as caught:
        read_text(text)
    assert caught.value.code == "not_a_plan"

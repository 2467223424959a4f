"""Exact readings of small plans written for the variations real plans have (see fixtures/)."""

from pathlib import Path

import pytest

from thidua.plans.extraction import ExtractionError, read_file

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def without_span(item: dict) -> dict:
    """Spans are checked where highlighting is tested; here only what was read matters."""
    return {key: value for key, value in item.items() if key != "span"}


def read(name: str) -> dict:
    return read_file(FIXTURES / name).to_dict()


def targets(draft: dict) -> list[tuple]:
    return [
        (t["text"], t["comparator"], t["value"], t["value_max"], t["unit"], t["period"], t["per"])
        for t in draft["targets"]
    ]


def deadlines(draft: dict) -> list[tuple]:
    return [(d["date"], d["bound"], d["text"]) for d in draft["deadlines"]]


def test_header_with_national_motto_number_date_and_capital_subject_lines():
    draft = read("header_so_xay_dung.txt")
    assert draft["document"] == {
        "kind": "Kế hoạch",
        "title": "TỔ CHỨC PHONG TRÀO THI ĐUA “LAO ĐỘNG GIỎI, LAO ĐỘNG SÁNG TẠO” NĂM 2026 - 2027",
        "movement": "LAO ĐỘNG GIỎI, LAO ĐỘNG SÁNG TẠO",
        "issuer": "Sở Xây dựng",
        "province": "Thanh Hóa",
        "signer": {"on_behalf_of": "GIÁM ĐỐC", "position": "PHÓ GIÁM ĐỐC", "name": "Lê Văn Minh"},
        "number": "123/KH-SXD",
        "date": "2026-07-15",
        "recipients": ["UBND tỉnh (để báo cáo)", "Ban TĐKT tỉnh", "Lưu: VT, VP"],
    }
    assert [without_span(r) for r in draft["references"]] == [
        {"kind": "Luật", "number": "06/2022/QH15", "date": "2022-06-15", "issuer": None},
        {"kind": "Quyết định", "number": "45/QĐ-UBND", "date": "2026-01-10", "issuer": "UBND tỉnh"},
    ]
    assert targets(draft) == [
        ("Tỷ lệ hồ sơ giải quyết đúng hạn đạt 99,5%", "=", 99.5, None, "%", "plan", None),
        (
            "Hằng năm tổ chức hai lớp tập huấn nghiệp vụ cho cán bộ làm công tác thi đua",
            "=",
            2,
            None,
            "lớp",
            "annual",
            None,
        ),
    ]
    # "trước ngày 30/11 hằng năm": the first 30 November after the plan's date (15/7/2026).
    assert deadlines(draft) == [("2026-11-30", "before", "tổng hợp báo cáo Giám đốc Sở")]


def test_letter_lists_including_dd_nest_under_their_numbered_heading():
    draft = read("header_so_xay_dung.txt")
    labels = [(s["label"], s["parent"]) for s in draft["sections"]]
    assert labels[:9] == [
        ("I", None),
        ("1", "s1"),
        ("a", "s2"),
        ("b", "s2"),
        ("c", "s2"),
        ("d", "s2"),
        ("đ", "s2"),
        ("2", "s1"),
        ("II", None),
    ]
    assert draft["sections"][0]["heading"] == "MỤC ĐÍCH, YÊU CẦU"
    text = draft["text"]
    first = draft["sections"][0]
    assert text[first["start"] :].startswith("I. MỤC ĐÍCH, YÊU CẦU")
    assert text[first["end"] - 1] == "."  # ends with its last paragraph, blank lines excluded


def test_lead_and_coordinating_units_from_to_chuc_thuc_hien():
    draft = read("header_so_xay_dung.txt")
    assert [(r["unit"], r["role"]) for r in draft["responsibilities"]] == [
        ("Văn phòng Sở", "lead"),
        ("Phòng Kế hoạch - Tài chính", "coordinate"),
        ("Phòng Kế hoạch - Tài chính", "carry_out"),
    ]
    assert (
        draft["responsibilities"][2]["text"]
        == "Phòng Kế hoạch - Tài chính bố trí kinh phí thực hiện Kế hoạch"
    )


def test_bound_words_ranges_number_words_tables_and_duplicates():
    draft = read("targets_variety.md")
    assert draft["document"]["issuer"] == "Sở Nội vụ"
    assert draft["document"]["province"] == "Nghệ An"
    assert targets(draft) == [
        ("Tỷ lệ hồ sơ được số hóa đạt tối thiểu 80%", ">=", 80, None, "%", "plan", None),
        (
            "Số văn bản điện tử gửi, nhận đạt ít nhất 7.500 văn bản mỗi năm",
            ">=",
            7500,
            None,
            "văn bản",
            "annual",
            None,
        ),
        (
            "Thời gian giải quyết thủ tục hành chính không quá 05 ngày làm việc",
            "<=",
            5,
            None,
            "ngày",
            "plan",
            None,
        ),
        ("Tỷ lệ hồ sơ trễ hạn không dưới 0%", ">=", 0, None, "%", "plan", None),
        ("tỷ lệ hồ sơ phải bổ sung dưới 3%", "<", 3, None, "%", "plan", None),
        ("Tỷ lệ người dân hài lòng trên 95%", ">", 95, None, "%", "plan", None),
        ("Bồi dưỡng khoảng 200 lượt cán bộ về kỹ năng số", "=", 200, None, "lượt", "plan", None),
        ("Chi phí in ấn tối đa 50 triệu đồng", "<=", 50, None, "triệu đồng", "plan", None),
        ("Giảm tỷ lệ hồ sơ giấy xuống dưới 10%", "<", 10, None, "%", "plan", None),
        ("Tổ chức từ 3 đến 5 hội nghị chuyên đề", "range", 3, 5, "hội nghị", "plan", None),
        ("Xây dựng 2 - 3 mô hình điểm về chuyển đổi số", "range", 2, 3, "mô hình", "plan", None),
        ("100% cơ quan, đơn vị sử dụng chữ ký số", "=", 100, None, "%", "plan", None),
        ("Mỗi phòng, ban có ít nhất ba sáng kiến được công nhận", ">=", 3, None, "sáng kiến", "plan", "unit"),
        ("Tỷ lệ văn bản ký số | 99,5%", "=", 99.5, None, "%", "plan", None),
        ("Tỷ lệ cuộc họp trực tuyến\t≥ 60%", ">=", 60, None, "%", "plan", None),
        ("bình quân giai đoạn 2026 - 2030 tăng trưởng 8% trở lên", ">=", 8, None, "%", "average", None),
        (
            "Trong 05 năm giai đoạn 2026 - 2030, các đơn vị phát triển tổng cộng 1.200 căn hộ trở lên",
            ">=",
            1200,
            None,
            "căn hộ",
            "cumulative",
            None,
        ),
        ("đến năm 2030 tỷ lệ đô thị hóa đạt 45%", "=", 45, None, "%", "by_date", None),
    ]


def test_descriptive_counts_award_and_budget_numbers_are_not_targets():
    texts = " ".join(t["text"] for t in read("targets_variety.md")["targets"])
    for phrase in ("05 lĩnh vực", "02 cấp", "05 trụ cột", "hai con số", "300 triệu", "tối đa 10%"):
        assert phrase not in texts


def test_values_are_int_when_whole_and_float_otherwise():
    values = {t["value"] for t in read("targets_variety.md")["targets"]}
    assert 7500 in values and 99.5 in values
    assert all(isinstance(v, int) for v in values if v != 99.5)


def test_numbering_that_skips_still_builds_the_tree():
    draft = read("targets_variety.md")
    top = [s["label"] for s in draft["sections"] if s["parent"] is None]
    assert top == ["I", "II", "IV", "VII"]
    plus = next(s for s in draft["sections"] if s["label"] == "+")
    assert draft["sections"][int(plus["parent"][1:]) - 1]["label"] == "-"


def test_every_date_form_phases_and_a_national_body():
    draft = read("dates_variety.txt")
    assert draft["document"]["issuer"] == "Bộ Xây dựng"
    assert draft["document"]["province"] is None
    assert draft["document"]["signer"] == {
        "on_behalf_of": None,
        "position": "BỘ TRƯỞNG",
        "name": "Nguyễn Văn Tư",
    }
    assert draft["document"]["number"] == "88/KH-BXD"
    assert draft["document"]["date"] == "2026-03-02"
    assert [(p["name"], p["start"], p["end"]) for p in draft["phases"]] == [
        ("Giai đoạn 1", "2026-01-01", "2027-12-31"),
        ("Giai đoạn 2", "2028-07-01", "2029-12-31"),
        ("Đợt 3", "2030-01-01", "2030-06-30"),
    ]
    assert deadlines(draft) == [
        ("2026-08-30", "before", "Các Cục, Vụ gửi đăng ký thi đua về Vụ Tổ chức cán bộ"),
        ("2026-06-08", "on", "Hội nghị phát động tổ chức"),
        ("2027-03-22", "on", "lễ tuyên dương tổ chức"),
        ("2026-09-30", "by_end", "Các đơn vị hoàn thành rà soát"),
        ("2030-12-31", "by_end", "sơ kết"),
        ("2026-06-15", "before", "Báo cáo kết quả 6 tháng đầu năm gửi Bộ"),
        ("2026-11-30", "before", "báo cáo năm gửi"),
        ("2026-09-30", "before", "Hoàn thành số hóa hồ sơ lưu trữ"),
        ("2028-06-30", "by_end", "hoàn thiện cơ sở dữ liệu ngành"),
        ("2030-12-31", "by_end", "Vụ Thi đua - Khen thưởng tổng hợp, trình Bộ trưởng khen thưởng"),
        ("2030-11-30", "before", "Báo cáo tổng kết gửi Bộ"),
    ]
    # The cited Chỉ thị's date and the horizon "đến năm 2030 đạt …" are no deadlines.
    assert [without_span(r) for r in draft["references"]] == [
        {"kind": "Chỉ thị", "number": "12/CT-TTg", "date": "2025-03-22", "issuer": "Thủ tướng Chính phủ"}
    ]
    assert targets(draft) == [
        ("Đến năm 2030 đạt 100% hồ sơ được số hóa", "=", 100, None, "%", "by_date", None)
    ]
    assert [(r["unit"], r["role"]) for r in draft["responsibilities"]] == [
        ("Vụ Tổ chức cán bộ", "lead"),
        ("Các Cục, Vụ", "coordinate"),
    ]


def test_city_markdown_page_break_and_signature_for_a_collective():
    draft = read("city_markdown.md")
    assert draft["document"] == {
        "kind": "Kế hoạch",
        "title": "Phát động phong trào thi đua “Thành phố văn minh, hiện đại, nghĩa tình” năm 2026",
        "movement": "Thành phố văn minh, hiện đại, nghĩa tình",
        "issuer": "Ủy ban nhân dân thành phố Hồ Chí Minh",
        "province": "Hồ Chí Minh",
        "signer": {"on_behalf_of": "CHỦ TỊCH", "position": "PHÓ CHỦ TỊCH", "name": "Trần Thị Bích"},
        "number": "15/KH-UBND",
        "date": "2026-02-05",
        "recipients": ["Thủ tướng Chính phủ", "Thường trực Thành ủy", "Lưu: VT"],
    }
    # The target broken by a page break (and its page number "- 2 -") reads as one sentence;
    # the 100% target stated twice is reported once; the award's "10 tập thể" is no target.
    assert targets(draft) == [
        ("100% phường, xã, đặc khu đăng ký thi đua", "=", 100, None, "%", "plan", None),
        (
            "Tỷ lệ hài lòng của người dân đối với sự phục vụ của cơ quan hành chính đạt từ 90% trở lên",
            ">=",
            90,
            None,
            "%",
            "plan",
            None,
        ),
    ]
    assert deadlines(draft) == [("2026-12-15", "before", "tổng hợp kết quả")]
    assert "**" not in draft["text"] and "#" not in draft["text"]
    assert [(r["unit"], r["role"]) for r in draft["responsibilities"]] == [
        ("Sở Nội vụ", "lead"),
        ("UBND các phường, xã, đặc khu", "carry_out"),
    ]


def test_a_poem_is_not_a_plan():
    with pytest.raises(ExtractionError) as caught:
        read("not_a_plan_poem.txt")
    assert caught.value.code == "not_a_plan"
    assert "kế hoạch" in caught.value.message


def test_recurring_deadlines_are_dated_to_their_first_occurrence_and_say_how_often():
    draft = read("recurring_deadlines.txt")
    assert [(d["date"], d["bound"], d["recurrence"], d["text"]) for d in draft["deadlines"]] == [
        ("2027-06-10", "before", "yearly", "Các phòng, đơn vị báo cáo kết quả thực hiện về Văn phòng Sở"),
        ("2027-12-10", "before", "yearly", "Các phòng, đơn vị báo cáo kết quả thực hiện về Văn phòng Sở"),
        ("2027-01-25", "on", "monthly", "Các đơn vị cập nhật số liệu lên hệ thống thông tin báo cáo"),
        ("2027-03-20", "before", "quarterly", "các đơn vị gửi báo cáo tiến độ"),
        ("2027-06-15", "before", "semiannual", "Báo cáo định kỳ 6 tháng gửi Văn phòng Sở"),
        ("2028-06-30", "before", None, "Tổ chức sơ kết phong trào"),
    ]

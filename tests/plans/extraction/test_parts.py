"""The small readers one by one: text normalisation, numbers, dates, sections, references."""

import datetime as dt

import pytest

from thidua.plans.extraction import read_text
from thidua.plans.extraction.dates import find_dates, next_occurrence
from thidua.plans.extraction.numbers import parse_digits, parse_words
from thidua.plans.extraction.references import find_citations
from thidua.plans.extraction.sections import parse_sections
from thidua.plans.extraction.text import normalise, split_lines


def test_normalise_repairs_what_copies_break():
    raw = (
        "Cho\u0301 \u00a0**đậm**  và *nghiêng*.\r\n"
        'Phong trào "Thi đua yêu nước";\n'
        "Trước ngày 30 /11/2030 xây dựng hệ thống đô\n\n\nthị phát triển\n"
        "- 3 -\n"
    )
    assert normalise(raw) == (
        "Chó đậm và nghiêng.\nPhong trào “Thi đua yêu nước”;\n"
        "Trước ngày 30/11/2030 xây dựng hệ thống đô thị phát triển\n- 3 -"
    )


def test_page_break_with_page_number_is_joined_but_list_items_are_not():
    assert normalise("đạt từ 90% trở\n\n- 2 -\n\nlên.") == "đạt từ 90% trở lên."
    assert normalise("1. Đối với các phòng\n\na) Thi đua") == "1. Đối với các phòng\n\na) Thi đua"
    assert normalise("Hết câu.\n\nthường") == "Hết câu.\n\nthường"


@pytest.mark.parametrize(
    ("token", "value"),
    [("7.500", 7500), ("99,5", 99.5), ("01", 1), ("10.000.000", 10_000_000), ("3.5", 3.5)],
)
def test_digits(token, value):
    assert parse_digits(token) == value


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("một", 1),
        ("hai", 2),
        ("ba", 3),
        ("mười", 10),
        ("mười hai", 12),
        ("hai mươi lăm", 25),
        ("một trăm", 100),
        ("ba nghìn", 3000),
        ("quả", None),
    ],
)
def test_number_words(words, value):
    assert parse_words(words) == value


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("30/8/2026", "2026-08-30", "2026-08-30"),
        ("08/6/2026", "2026-06-08", "2026-06-08"),
        ("ngày 22 tháng 3 năm 2026", "2026-03-22", "2026-03-22"),
        ("30 /11/2030", "2030-11-30", "2030-11-30"),
        ("quý III/2026", "2026-07-01", "2026-09-30"),
        ("cuối năm 2030", "2030-01-01", "2030-12-31"),
        ("hết tháng 6 năm 2028", "2028-06-01", "2028-06-30"),
        ("tháng 7/2028", "2028-07-01", "2028-07-31"),
        ("tháng 2/2028", "2028-02-01", "2028-02-29"),
        ("6 tháng đầu năm 2027", "2027-01-01", "2027-06-30"),
    ],
)
def test_date_forms(text, first, last):
    (date,) = find_dates(normalise(text))
    assert (date.first.isoformat(), date.last.isoformat()) == (first, last)


def test_recurring_date_comes_after_the_plan_date():
    (date,) = find_dates("trước ngày 30/11 hằng năm")
    assert date.recurring
    assert next_occurrence(date.month_day, dt.date(2026, 7, 15)) == dt.date(2026, 11, 30)
    assert next_occurrence(date.month_day, dt.date(2026, 12, 1)) == dt.date(2027, 11, 30)


def test_impossible_dates_and_number_codes_are_not_dates():
    assert find_dates("31/2/2026, 257/2025/QH15, 2026-2030, 7.500") == []


def test_sections_follow_the_open_path_and_survive_skips():
    text = "I. A\n1. B\n- c\n+ d\nĐoạn văn.\n2. E\n2.1. F\na) g\nIV. H\nVIII. K\n- m"
    outline = parse_sections(split_lines(text), 0, len(text))
    got = [(s.label, outline.by_id[s.parent].label if s.parent else None) for s in outline.sections]
    assert got == [
        ("I", None),
        ("1", "I"),
        ("-", "1"),
        ("+", "-"),
        ("2", "I"),
        ("2.1", "2"),
        ("a", "2.1"),
        ("IV", None),
        ("VIII", None),
        ("-", "VIII"),
    ]
    # The paragraph after the list belongs to "1", not to the dash item above it.
    dash = outline.sections[2]
    assert text[dash.start : dash.end] == "- c\n+ d"


def test_citations_read_kind_number_date_and_issuer():
    text = (
        "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15; Kế hoạch số 184 /KH-UBND ngày 08/6/2026 "
        "của UBND tỉnh xây dựng kế hoạch; Nghị quyết 57-NQ/TW; số 45/QĐ-UBND ngày 22 tháng 3 năm 2026."
    )
    refs = [
        (c.reference.kind, c.reference.number, c.reference.date, c.reference.issuer)
        for c in find_citations(text)
    ]
    assert refs == [
        ("Luật", "06/2022/QH15", None, None),
        ("Kế hoạch", "184/KH-UBND", "2026-06-08", "UBND tỉnh"),
        ("Nghị quyết", "57-NQ/TW", None, None),
        ("Quyết định", "45/QĐ-UBND", "2026-03-22", None),
    ]


def test_read_text_without_header_takes_issuer_and_province_from_the_text():
    draft = read_text(
        "KẾ HOẠCH\nThi đua năm 2026\n\nSở Tài chính Thanh Hoá ban hành Kế hoạch như sau:\n\n"
        "I. CHỈ TIÊU\n\n1. Tỷ lệ giải ngân đạt 95%.\n\nII. TỔ CHỨC THỰC HIỆN\n\nGIÁM ĐỐC\n\nLê Văn An\n"
    ).to_dict()
    document = draft["document"]
    assert (document["issuer"], document["province"]) == ("Sở Tài chính", "Thanh Hoá")
    assert document["signer"] == {"on_behalf_of": None, "position": "GIÁM ĐỐC", "name": "Lê Văn An"}
    assert document["number"] is None and document["date"] is None
    assert [t["value"] for t in draft["targets"]] == [95]


def test_deadlines_in_task_tables_and_after_a_time_label():
    draft = read_text(
        "KẾ HOẠCH\nThi đua năm 2026\nI. NHIỆM VỤ\n"
        "1. Tổ chức hội nghị sơ kết. Thời gian: quý III/2026.\n"
        "| 2 | Tổng kết phong trào | Văn phòng Sở | 30/11/2026 |\n"
        "3\tBáo cáo kết quả\tPhòng Kế hoạch - Tài chính\tTháng 12/2026\n"
        "4. Thời gian thực hiện: năm 2026.\n"
    ).to_dict()
    assert [(d["date"], d["bound"], d["text"]) for d in draft["deadlines"]] == [
        ("2026-09-30", "by_end", "Tổ chức hội nghị sơ kết"),
        ("2026-11-30", "on", "Tổng kết phong trào | Văn phòng Sở"),
        ("2026-12-31", "by_end", "Báo cáo kết quả\tPhòng Kế hoạch - Tài chính"),
    ]


def test_phases_named_by_years_and_a_start_without_its_year():
    draft = read_text(
        "KẾ HOẠCH\nThi đua giai đoạn 2026 - 2030\nI. THỜI GIAN\n"
        "- Giai đoạn 2026 - 2027: phát động.\n- Giai đoạn 2028 - 2030: tăng tốc.\n"
        "2. Đợt 1: từ ngày 01/3 đến ngày 30/6/2026.\n3. Thời gian sơ kết: tháng 6/2028.\n"
    ).to_dict()
    assert [(p["name"], p["start"], p["end"]) for p in draft["phases"]] == [
        ("Giai đoạn 2026 - 2027", "2026-01-01", "2027-12-31"),
        ("Giai đoạn 2028 - 2030", "2028-01-01", "2030-12-31"),
        ("Đợt 1", "2026-03-01", "2026-06-30"),
    ]
    assert [(d["date"], d["bound"]) for d in draft["deadlines"]] == [("2028-06-30", "by_end")]


def test_the_reader_is_pure_python():
    """No Django, nothing outside the standard library but python-docx and pdfplumber."""
    import ast
    import sys
    from pathlib import Path

    import thidua.plans.extraction as package

    allowed = set(sys.stdlib_module_names) | {"docx", "pdfplumber"}
    for path in Path(package.__file__).parent.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert "shared" not in source, f"{path.name} must not read ../shared at run time"
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module]
            else:
                continue
            for name in names:
                assert name.split(".")[0] in allowed, f"{path.name} imports {name}"

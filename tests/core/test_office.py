"""The Office guard itself (`core.office`): what it counts, and that it counts without unpacking."""

import zipfile
from io import BytesIO

import pytest

from tests import bombs
from thidua.core.office import OfficeLimits, OfficeProblem, inspect_office
from thidua.plans.extraction import ExtractionError, read_bytes


def many_members(count: int) -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for number in range(count):
            archive.writestr(f"xl/{number}.xml", b"")
    return buffer.getvalue()


def problem(data: bytes, **limits) -> OfficeProblem | None:
    try:
        inspect_office(BytesIO(data), "tep.xlsx", OfficeLimits(**limits))
    except OfficeProblem as found:
        return found
    return None


@pytest.mark.parametrize("count", [1, 999, 70_000])  # 70.000 strings span several 1 MB chunks
def test_it_counts_every_shared_string_exactly(count):
    data = bombs.xlsx_with_shared_strings(count, b"chu\xe1\xbb\x97i %d" % count)
    assert problem(data, max_shared_strings=count, max_ratio=10**6) is None
    assert problem(data, max_shared_strings=count - 1, max_ratio=10**6).code == "shared_strings"


def test_a_false_unique_count_does_not_hide_the_strings():
    data = bombs.xlsx_with_shared_strings(5000, b"ab", declared=1)
    assert problem(data, max_shared_strings=4999).code == "shared_strings"


def test_a_declared_count_over_the_limit_is_refused_before_reading_on():
    data = bombs.xlsx_with_shared_strings(10, declared=10**9)
    found = problem(data, max_shared_strings=1000)
    assert (found.code, found.params["limit"]) == ("shared_strings", 1000)


@pytest.mark.parametrize("count", [1, 80_000])
def test_it_counts_the_paragraphs_of_a_word_document(count):
    data = bombs.docx_with_paragraphs(count, b"mot dong")
    assert problem(data, max_paragraphs=count, max_ratio=10**6) is None
    found = problem(data, max_paragraphs=count - 1, max_ratio=10**6)
    assert (found.code, str(found)) == (
        "paragraphs",
        f"Tệp “tep.xlsx” có hơn {count - 1} đoạn văn, vượt giới hạn của một văn bản tải lên.",
    )


def test_a_part_that_inflates_too_far_is_refused_by_its_ratio():
    data = bombs.xlsx_with_shared_strings(200_000)  # 3,4 MB of "<si><t>x</t></si>" packs ~1000×
    found = problem(data)
    assert (found.code, found.params["member"]) == ("ratio", "xl/sharedStrings.xml")
    assert "bị nén" in str(found)


def test_sizes_members_and_garbage():
    assert problem(bombs.xlsx_bomb(40)).code == "member_size"
    unbounded_part = {"max_member_bytes": 10**9, "max_ratio": 10**6}
    assert problem(bombs.xlsx_bomb(40), max_unpacked_bytes=20 * 2**20, **unbounded_part).code == "unpacked"
    assert problem(bombs.xlsx_with_shared_strings(1), max_members=3).code == "members"
    assert problem(b"PK\x03\x04 not a zip").code == "corrupt"
    assert problem(many_members(1500)).code == "members"  # the default bound is 1.000 parts
    assert str(problem(bombs.xlsx_bomb(40))).startswith("Tệp “tep.xlsx”: phần “xl/sharedStrings.xml”")


def test_the_plan_reader_counts_text_while_it_reads():
    """A Word file of many short paragraphs stops at the character bound, without reading to the end."""
    data = bombs.docx_with_paragraphs(20_000, b"mot dong")
    with pytest.raises(ExtractionError) as refused:
        read_bytes(data, "ke-hoach.docx", max_chars=10_000)
    assert (refused.value.code, str(refused.value)) == (
        "too_large",
        "Văn bản quá dài: tối đa khoảng 3 trang (10.000 ký tự).",
    )

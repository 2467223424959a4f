"""Reasons in words: the engine's reasons (a code and figures) said in Vietnamese, and in English when
the reader chose English, by the one renderer pages, e-mails and documents share."""

from datetime import date

import pytest
from django.template import Context, Template
from django.utils import translation

from tests.tracking.test_progress import (
    EVERY_UNIT,
    GRDP,
    HOUSING,
    LATE,
    ON_TIME,
    PARTY,
    PARTY_REPORTS,
    URBANISATION,
    _judged,
    quarter,
    quarters,
    year_report,
)
from thidua.tracking import progress
from thidua.tracking.progress import Observation, evaluate
from thidua.tracking.reasons import render_reason

D = progress.Decimal
RATE_REPORTS = [
    quarter(2026, 1, numerator=990, denominator=1000),
    quarter(2026, 2, numerator=95, denominator=100),
]
WHOLE_PLAN = [Observation(date(2026, 1, 1), date(2030, 12, 31), numerator=D(992), denominator=D(1000))]
ACCIDENTS = progress.TargetSpec("<=", D(3), None, "vụ", "cumulative", date(2026, 1, 1), date(2030, 12, 31))
ON_TRACK, ACHIEVED, BEHIND, NO_DATA = (
    progress.Status.ON_TRACK,
    progress.Status.ACHIEVED,
    progress.Status.BEHIND,
    progress.Status.NO_DATA,
)


def said(spec, reports, today) -> str:
    return render_reason(evaluate(spec, reports, today).reason)


# Each case: the engine's judgement, and the Vietnamese the office reads.
VIETNAMESE = [
    (
        (HOUSING, quarters([250] * 8), date(2028, 1, 20)),
        "Còn thiếu 5.500 căn hộ; với tốc độ hiện tại sẽ đạt 5.003/7.500 căn hộ vào 31/12/2030. "
        "Đã đạt 2.000 căn hộ tính đến 31/12/2027, theo tiến độ cần 2.998 căn hộ.",
    ),
    (
        (HOUSING, quarters([500] * 15 + [100]), date(2030, 1, 20)),
        "Đã đạt 7.600 căn hộ, yêu cầu từ 7.500 căn hộ trở lên; hoàn thành trước hạn 31/12/2030.",
    ),
    (
        (HOUSING, quarters([370] * 20), date(2031, 2, 1)),
        "Hết hạn 31/12/2030: đạt 7.400 căn hộ, yêu cầu từ 7.500 căn hộ trở lên; không đạt chỉ tiêu.",
    ),
    (
        (ON_TIME, RATE_REPORTS, date(2026, 7, 10)),
        "Còn thiếu 0,36 điểm phần trăm. Hiện đạt 98,64% tính đến 30/06/2026, yêu cầu từ 99% trở lên.",
    ),
    (
        (ON_TIME, WHOLE_PLAN, date(2031, 1, 5)),
        "Đã đạt 99,2%, yêu cầu từ 99% trở lên.",
    ),
    (
        (LATE, [quarter(2026, 1, numerator="10.5", denominator=1000)], date(2026, 4, 10)),
        "Vượt mức cho phép 0,05 điểm phần trăm. Hiện ở mức 1,05% tính đến 31/03/2026, yêu cầu không quá 1%.",
    ),
    (
        (PARTY, PARTY_REPORTS, date(2026, 7, 15)),
        "Còn thiếu 2 đảng viên; với tốc độ hiện tại sẽ đạt 6 đảng viên (yêu cầu từ 5 đến 10 đảng viên) "
        "vào 31/12/2026. Năm 2026 đã đạt 3 đảng viên tính đến 30/06/2026, theo tiến độ cần 2,5 đảng viên.",
    ),
    (
        (PARTY, PARTY_REPORTS[:4], date(2027, 2, 1)),
        "Năm 2026 đã đạt 7 đảng viên, yêu cầu từ 5 đến 10 đảng viên.",
    ),
    ((HOUSING, [], date(2026, 2, 10)), "Chưa đến kỳ báo cáo đầu tiên (bắt đầu 01/01/2026)."),
    ((HOUSING, [], date(2026, 4, 10)), "Chưa có số liệu cho kỳ đã kết thúc."),
]


@pytest.mark.parametrize(("case", "text"), VIETNAMESE)
def test_reasons_read_in_vietnamese(case, text):
    assert said(*case) == text


def test_clauses_of_levels_counts_and_trends():
    assert said(HOUSING, quarters([356] * 8), date(2028, 1, 20)).startswith(
        "Còn thiếu 4.652 căn hộ; với tốc độ hiện tại sẽ đạt 7.124/7.500 căn hộ vào 31/12/2030."
    )
    rising = [year_report(2026, 40), year_report(2027, "42.6"), year_report(2028, "45.1")]
    assert "với xu hướng hiện tại sẽ đạt 50,2% (yêu cầu từ 50% trở lên) vào 31/12/2030" in said(
        URBANISATION, rising, date(2029, 2, 1)
    )
    grdp = said(GRDP, [year_report(2026, "10.5"), year_report(2027, "10.7")], date(2028, 2, 1))
    assert grdp.startswith("Còn thiếu 0,4 điểm phần trăm. Bình quân đạt 10,6%")
    accidents = progress.TargetSpec(
        "<=", D(3), None, "vụ", "cumulative", date(2026, 1, 1), date(2030, 12, 31)
    )
    assert said(accidents, quarters([1, 0, 3]), date(2026, 10, 10)).startswith("Vượt mức cho phép 1 vụ")


def test_every_unit_reads_how_many_have_reached_it_and_names_a_few_still_short():
    units = [("Phòng A", _judged(ACHIEVED)), ("Phòng B", _judged(ON_TRACK))]
    result = progress.every_unit(EVERY_UNIT, _judged(ACHIEVED), units)
    assert render_reason(result.reason) == (
        "Đã đạt ở 1/2 phòng, đơn vị (mỗi phòng, đơn vị từ 1 sáng kiến trở lên); chưa đạt: Phòng B."
    )
    everyone = progress.every_unit(EVERY_UNIT, _judged(ACHIEVED), units[:1])
    assert (
        render_reason(everyone.reason)
        == "Cả 1 phòng, đơn vị đã đạt (mỗi phòng, đơn vị từ 1 sáng kiến trở lên)."
    )
    many = [
        (f"Phòng {n}", _judged(status)) for n, status in enumerate([ON_TRACK, BEHIND, NO_DATA, NO_DATA], 1)
    ]
    assert render_reason(progress.every_unit(EVERY_UNIT, _judged(ACHIEVED), many).reason).endswith(
        "chưa đạt: Phòng 1, Phòng 2, Phòng 3 và 1 đơn vị khác."
    )


def test_a_stored_reason_reads_the_same_as_the_engines_and_a_template_filter_says_it():
    reason = evaluate(HOUSING, quarters([250] * 8), date(2028, 1, 20)).reason
    stored = reason.as_json()
    assert render_reason(stored) == render_reason(reason)
    assert Template("{{ reason|reason }}").render(Context({"reason": stored})) == render_reason(reason)
    # a sentence stored before reasons stays readable until the nightly refresh replaces it
    assert (
        render_reason({"code": "text", "params": {"text": "Còn thiếu 2 đảng viên."}})
        == "Còn thiếu 2 đảng viên."
    )
    assert render_reason({}) == render_reason(None) == ""


# The English the catalogue gives for each kind of reason.
ENGLISH = [
    (
        (HOUSING, quarters([250] * 8), date(2028, 1, 20)),
        "5.500 căn hộ short; at the current pace will reach 5.003/7.500 căn hộ by 31/12/2030. "
        "Reached 2.000 căn hộ as of 31/12/2027; the schedule needs 2.998 căn hộ.",
    ),
    (
        (ON_TIME, WHOLE_PLAN, date(2031, 1, 5)),
        "Reached 99,2%; required: at least 99%.",
    ),
    ((HOUSING, [], date(2026, 4, 10)), "No data for the periods already over."),
]


@pytest.mark.parametrize(("case", "text"), ENGLISH)
def test_reasons_read_in_english_for_an_english_reader(case, text):
    with translation.override("en"):
        assert said(*case) == text

"""Reasons in words: the one renderer of the progress engine's reasons (`progress.Reason`, or the JSON a
`ProgressSnapshot` stores), in the active language through gettext.

Pages use the template filter `{{ snapshot.reason|reason }}` (`tracking_tags`); e-mails, documents and
other apps call `render_reason(reason)`. Numbers and dates keep the Vietnamese form (7.500, 30/09/2026)
in every language, like the rest of the interface.
"""

import datetime
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from thidua.core.formatting import format_date, format_number, format_quantity
from thidua.tracking.progress import FLOORS, LOWER_IS_BETTER, Reason, ReasonCode

# Before reasons, snapshots stored a Vietnamese sentence: the migration keeps it under this code, and
# it is shown as it was until the nightly refresh replaces it with a reason.
STORED_TEXT = "text"


def render_reason(reason: Reason | Mapping | None) -> str:
    """The reason as a sentence ("" for none)."""
    if isinstance(reason, Reason):
        code, params = reason.code.value, reason.params
    elif reason:
        code, params = reason.get("code", ""), reason.get("params", {})
    else:
        return ""
    if code == STORED_TEXT:
        return str(params.get("text", ""))
    render = _RENDERERS.get(code)
    return render(params) if render else ""


def _number(text) -> Decimal:
    return Decimal(str(text))


def _date(text: str) -> str:
    return format_date(datetime.date.fromisoformat(text))


def _quantity(params: Mapping, key: str) -> str:
    return format_quantity(_number(params[key]), params["unit"])


def requirement(params: Mapping) -> str:
    """The commitment in words: "từ 99% trở lên", "từ 5 đến 10 đảng viên"."""
    amount = _quantity(params, "value")
    match params["comparator"]:
        case ">":
            return _("trên {amount}").format(amount=amount)
        case "<=":
            return _("không quá {amount}").format(amount=amount)
        case "<":
            return _("dưới {amount}").format(amount=amount)
        case "=":
            return _("đạt {amount}").format(amount=amount)
        case "range":
            return _("từ {low} đến {high}").format(
                low=format_number(_number(params["value"])), high=_quantity(params, "value_max")
            )
        case _:
            return _("từ {amount} trở lên").format(amount=amount)


def _rounded(params: Mapping, figure: Decimal) -> Decimal:
    """An estimate, rounded as people say it: 6.592 căn hộ, 50,1%, 2,5 đảng viên."""
    places = 1 if params["unit"] == "%" or abs(figure) < 10 else 0
    return figure.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def _not_started(params: Mapping) -> str:
    return _("Chưa đến kỳ báo cáo đầu tiên (bắt đầu {date}).").format(date=_date(params["starts_on"]))


def _no_data(params: Mapping) -> str:
    return _("Chưa có số liệu cho kỳ đã kết thúc.")


def _achieved(params: Mapping) -> str:
    values = {
        "actual": _quantity(params, "actual"),
        "requirement": requirement(params),
    }
    if params["due"] and params["year"] is not None:
        text = _("Năm {year} đã đạt {actual}, yêu cầu {requirement}; hoàn thành trước hạn {due}.")
    elif params["due"]:
        text = _("Đã đạt {actual}, yêu cầu {requirement}; hoàn thành trước hạn {due}.")
    elif params["year"] is not None:
        text = _("Năm {year} đã đạt {actual}, yêu cầu {requirement}.")
    else:
        text = _("Đã đạt {actual}, yêu cầu {requirement}.")
    return text.format(**values, year=params["year"], due=_date(params["due"]) if params["due"] else "")


def _missed(params: Mapping) -> str:
    values = {"actual": _quantity(params, "actual"), "requirement": requirement(params)}
    if params["year"] is not None:
        return _("Năm {year}: đạt {actual}, yêu cầu {requirement}; không đạt chỉ tiêu.").format(
            year=params["year"], **values
        )
    return _("Hết hạn {date}: đạt {actual}, yêu cầu {requirement}; không đạt chỉ tiêu.").format(
        date=_date(params["ended_on"]), **values
    )


def _difference(params: Mapping, difference: Decimal) -> str:
    if params["unit"] == "%":  # a difference of percentages is in points, not in percent
        return _("{n} điểm phần trăm").format(n=format_number(difference))
    return format_quantity(difference, params["unit"])


def _shortfall(params: Mapping) -> str | None:
    gap = _number(params["gap"])
    if gap > 0 and params["comparator"] in LOWER_IS_BETTER:
        return _("vượt mức cho phép {amount}").format(amount=_difference(params, gap))
    if gap > 0:
        return _("còn thiếu {amount}").format(amount=_difference(params, gap))
    if gap < 0 and params["comparator"] == "range":
        return _("vượt mức tối đa {amount}").format(amount=_difference(params, -gap))
    return None


def _of_target(params: Mapping, figure: Decimal) -> str:
    """A figure against the target: "6.592/7.500 căn hộ" for a floor in a counted noun,
    "50,1% (yêu cầu từ 50% trở lên)" otherwise."""
    if params["comparator"] in FLOORS and params["unit"] != "%":
        return f"{format_number(figure)}/{_quantity(params, 'value')}"
    return _("{figure} (yêu cầu {requirement})").format(
        figure=format_quantity(figure, params["unit"]), requirement=requirement(params)
    )


def _projection(params: Mapping) -> str | None:
    if params["projected"] is None:
        return None
    values = {
        "figure": _of_target(params, _rounded(params, _number(params["projected"]))),
        "date": _date(params["projected_on"]),
    }
    ceiling = params["comparator"] in LOWER_IS_BETTER  # a ceiling is not "reached"
    if params["trend"]:
        if ceiling:
            return _("với xu hướng hiện tại sẽ ở mức {figure} vào {date}").format(**values)
        return _("với xu hướng hiện tại sẽ đạt {figure} vào {date}").format(**values)
    if ceiling:
        return _("với tốc độ hiện tại sẽ ở mức {figure} vào {date}").format(**values)
    return _("với tốc độ hiện tại sẽ đạt {figure} vào {date}").format(**values)


def _standing_verb(params: Mapping) -> str:
    lower = params["comparator"] in LOWER_IS_BETTER
    if params["year"] is not None:
        verbs = {
            ("count", True): _("năm {year} đã có"),
            ("count", False): _("năm {year} đã đạt"),
        }
        default = _("năm {year} ở mức") if lower else _("năm {year} đạt")
        return verbs.get((params["measure"], lower), default).format(year=params["year"])
    return {
        ("count", True): _("đã có"),
        ("count", False): _("đã đạt"),
        ("average", True): _("bình quân ở mức"),
        ("average", False): _("bình quân đạt"),
        ("level", True): _("hiện ở mức"),
        ("level", False): _("hiện đạt"),
    }[(params["measure"], lower)]


def _standing(params: Mapping) -> str:
    text = _("{verb} {actual} tính đến {date}").format(
        verb=_standing_verb(params), actual=_quantity(params, "actual"), date=_date(params["as_of"])
    )
    lower = params["comparator"] in LOWER_IS_BETTER
    expected = format_quantity(_rounded(params, _number(params["expected"])), params["unit"])
    values = {"standing": text, "expected": expected, "requirement": requirement(params)}
    if params.get("path") == "milestones":  # the yearly path the plan or the office set
        if lower:
            return _("{standing}, theo lộ trình từng năm không quá {expected}; yêu cầu {requirement}").format(
                **values
            )
        return _("{standing}, theo lộ trình từng năm cần {expected}; yêu cầu {requirement}").format(**values)
    if params["measure"] == "count":
        if lower:
            return _("{standing}, theo tiến độ không quá {expected}").format(standing=text, expected=expected)
        return _("{standing}, theo tiến độ cần {expected}").format(standing=text, expected=expected)
    if _number(params["expected"]) != _number(params["value"]):
        if lower:
            return _("{standing}, theo lộ trình không quá {expected}; yêu cầu {requirement}").format(**values)
        return _("{standing}, theo lộ trình cần {expected}; yêu cầu {requirement}").format(**values)
    return _("{standing}, yêu cầu {requirement}").format(**values)


def _under_way(params: Mapping) -> str:
    headline = "; ".join(clause for clause in (_shortfall(params), _projection(params)) if clause)
    return " ".join(_capitalized(part) + "." for part in (headline, _standing(params)) if part)


def _every_unit(params: Mapping) -> str:
    each = _("mỗi phòng, đơn vị {requirement}").format(requirement=requirement(params))
    if not params["short"]:
        return _("Cả {units} phòng, đơn vị đã đạt ({each}).").format(units=params["units"], each=each)
    named = ", ".join(params["short"])
    if params["more"]:
        named = _("{named} và {more} đơn vị khác").format(named=named, more=params["more"])
    return _("Đã đạt ở {reached}/{units} phòng, đơn vị ({each}); chưa đạt: {named}.").format(
        reached=params["reached"], units=params["units"], each=each, named=named
    )


_RENDERERS = {
    ReasonCode.NOT_STARTED.value: _not_started,
    ReasonCode.NO_DATA.value: _no_data,
    ReasonCode.ACHIEVED.value: _achieved,
    ReasonCode.MISSED.value: _missed,
    ReasonCode.UNDER_WAY.value: _under_way,
    ReasonCode.EVERY_UNIT.value: _every_unit,
}

"""Words for the engine's judgements: the engine returns codes and numbers, this renders them (gettext)."""

from django.utils.translation import gettext as _

from thidua.awards import engine
from thidua.awards.models import Discipline, HoldFlag, Rating, Title
from thidua.core.formatting import format_date, format_number


def verdict_label(verdict: engine.Verdict) -> str:
    return {
        engine.Verdict.ELIGIBLE: _("đủ điều kiện"),
        engine.Verdict.NOT_ELIGIBLE: _("chưa đủ điều kiện"),
        engine.Verdict.NEEDS_REVIEW: _("cần xem xét"),
    }[verdict]


def decider_label(decided_by: str) -> str:
    if decided_by == "director":
        return _("Giám đốc Sở quyết định")
    return _("Sở đề nghị Chủ tịch UBND tỉnh")


def title_label(title: str) -> str:
    return str(Title(title).label)


def _rating(value) -> str:
    return str(Rating(value).label) if value else _("chưa xếp loại")


def _percent(share) -> str:
    return format_number(float(share) * 100) + "%"


def describe(reason: engine.Reason) -> str:
    """One sentence saying what the criterion asks and where the subject stands."""
    d = reason.detail
    c = engine.Criterion
    match reason.criterion:
        case c.REGISTRATION:
            return {
                "approved": _("Đã đăng ký thi đua, bản đăng ký đã được duyệt"),
                "pending": _("Đã đăng ký thi đua nhưng bản đăng ký chưa được duyệt"),
                "missing": _("Chưa đăng ký thi đua danh hiệu này"),
            }[d["state"]]
        case c.RATING | c.UNIT_RATING:
            if d["rating"] is None:
                return _("Cần xếp loại từ “%(minimum)s” trở lên; chưa có xếp loại năm") % {
                    "minimum": _rating(d["minimum"])
                }
            text = _("Cần xếp loại từ “%(minimum)s” trở lên; xếp loại: “%(rating)s”") % {
                "minimum": _rating(d["minimum"]),
                "rating": _rating(d["rating"]),
            }
            return text if d["confirmed"] else text + _(" (Văn phòng chưa xác nhận)")
        case c.TIME_WORKED:
            if d["started_on"] is None:
                return _("Cần công tác đủ %(months)s tháng trong năm; chưa có ngày bắt đầu công tác") % d
            text = _("Cần công tác đủ %(months)s tháng trong năm; bắt đầu công tác ngày %(day)s") % {
                "months": d["months"],
                "day": format_date(d["started_on"]),
            }
            if d.get("leave_days_not_counted"):
                text += _("; %(days)s ngày nghỉ không được tính là thời gian công tác") % {
                    "days": d["leave_days_not_counted"]
                }
            return text
        case c.DISCIPLINE:
            if not d["measures"]:
                return _("Không bị kỷ luật trong năm")
            return _("Bị kỷ luật trong năm: %(measures)s") % {
                "measures": ", ".join(str(Discipline.Measure(m).label) for m in d["measures"])
            }
        case c.HOLD:
            if not d["holds"]:
                return _("Không đang bị tạm dừng xét khen thưởng")
            return _("Đang tạm dừng xét khen thưởng: %(kinds)s") % {
                "kinds": ", ".join(str(HoldFlag.Kind(k).label) for k in d["holds"])
            }
        case c.LDTT_STANDARD:
            return _("Đạt tiêu chuẩn Lao động tiên tiến")
        case c.ACHIEVEMENT:
            joiner = _("và") if d["both"] else _("hoặc")
            return _(
                "Hoàn thành xuất sắc nhiệm vụ %(joiner)s có ít nhất %(min)s sáng kiến được công nhận "
                "trong năm "
                "(xuất sắc: %(excellent)s; sáng kiến: %(count)s)"
            ) % {
                "joiner": joiner,
                "min": d["min_initiatives"],
                "excellent": {True: _("có"), False: _("không"), None: _("chưa xếp loại")}[d["excellent"]],
                "count": d["initiatives"],
            }
        case c.RATING_CAP:
            return _(
                "Tỷ lệ xuất sắc của đơn vị: %(excellent)s người xuất sắc so với %(good)s người "
                "hoàn thành tốt "
                "(tối đa %(share)s)"
            ) % {"excellent": d["excellent"], "good": d["good"], "share": _percent(d["share"])}
        case c.QUOTA:
            return _(
                "Số Chiến sĩ thi đua cơ sở đủ điều kiện: %(eligible)s, "
                "tối đa %(allowed)s (%(share)s của %(ldtt)s)"
            ) % {
                **d,
                "share": _percent(d["share"]),
            }
        case c.CONSECUTIVE_CSTDCS:
            this_year = {True: _("có"), False: _("chưa đạt"), None: _("đang xét")}[d["this_year"]]
            return _(
                "Cần %(needed)s lần liên tục Chiến sĩ thi đua cơ sở: %(earlier)s năm liền trước, "
                "năm nay %(this_year)s"
            ) % {**d, "this_year": this_year}
        case c.PROVINCIAL_INITIATIVE:
            return (
                _("Cần %(needed)s sáng kiến được tỉnh công nhận hiệu quả, phạm vi ảnh hưởng; có %(count)s")
                % d
            )
        case c.CONSECUTIVE_RECORD:
            return (
                _(
                    "Cần %(cstdcs_needed)s năm liên tục Chiến sĩ thi đua cơ sở (đã có %(cstdcs_earlier)s "
                    "năm liền trước), hoặc %(excellent_years)s năm liên tục hoàn thành xuất sắc nhiệm vụ "
                    "với %(initiatives_needed)s "
                    "sáng kiến (có %(initiatives)s)"
                )
                % d
            )
        case c.MEMBERS_COMPLETED:
            text = _("100%% thành viên từ “%(minimum)s” trở lên") % {"minimum": _rating(d["minimum"])}
            if d["below"]:
                text += _("; chưa đạt: %(names)s") % {"names": ", ".join(d["below"])}
            if d["missing"]:
                text += _("; chưa xếp loại: %(names)s") % {"names": ", ".join(d["missing"])}
            return text
        case c.MEMBERS_LDTT_SHARE:
            comparator = _("trên") if d["strict"] else _("từ")
            return _(
                "Cần %(comparator)s %(share)s thành viên đạt Lao động tiên tiến: %(count)s/%(total)s "
                "(%(undecided)s người đang xét)"
            ) % {**d, "comparator": comparator, "share": _percent(d["share"])}
        case c.MEMBERS_CSTDCS:
            return (
                _(
                    "Cần ít nhất %(needed)s thành viên đạt Chiến sĩ thi đua cơ sở: %(count)s "
                    "(%(undecided)s người đang xét)"
                )
                % d
            )
        case c.MEMBERS_DISCIPLINE:
            if not d["names"]:
                return _("Không có thành viên bị kỷ luật từ %(measure)s trở lên") % {
                    "measure": str(Discipline.Measure(d["from"]).label).lower()
                }
            return _("Có thành viên bị kỷ luật từ %(measure)s trở lên: %(names)s") % {
                "measure": str(Discipline.Measure(d["from"]).label).lower(),
                "names": ", ".join(d["names"]),
            }
        case c.UNIT_SCORING:
            return scoring_text(d)
        case c.EXTRA:
            return _("%(text)s (Hội đồng xem xét)") % d
    return str(reason.criterion)


def scoring_rank(scoring: engine.UnitScoring) -> str:
    """The unit's place in the verified chấm điểm thi đua, shown beside its collective titles."""
    return _("Chấm điểm thi đua: hạng %(rank)s/%(ranked)s, %(total)s điểm") % {
        "rank": scoring.rank,
        "ranked": scoring.ranked,
        "total": format_number(scoring.total),
    }


def scoring_text(d) -> str:
    """What the rule asks of the unit's chấm điểm thi đua, and where the unit stands."""
    asked = []
    if d.get("top") is not None:
        asked.append(_("xếp trong %(top)s đơn vị dẫn đầu") % {"top": d["top"]})
    if d.get("min_points") is not None:
        asked.append(_("đạt từ %(points)s điểm") % {"points": format_number(d["min_points"])})
    if d["rank"] is None:
        stand = _("chưa có kết quả chấm điểm đã thẩm định")
    else:
        stand = _("hạng %(rank)s/%(ranked)s, %(total)s điểm") % {
            "rank": d["rank"],
            "ranked": d["ranked"],
            "total": format_number(d["total"]),
        }
    return _("Chấm điểm thi đua: cần %(asked)s; %(stand)s") % {"asked": _(" và ").join(asked), "stand": stand}


def as_dict(judgement: engine.Judgement) -> dict:
    """The judgement as the command line's JSON prints it."""
    return {
        "subject": judgement.name,
        "kind": str(judgement.kind),
        "title": str(judgement.title),
        "title_name": title_label(judgement.title),
        "verdict": str(judgement.verdict),
        "decided_by": judgement.decided_by,
        "reasons": [
            {
                "criterion": str(reason.criterion),
                "met": reason.met,
                "basis": reason.basis,
                "text": describe(reason),
            }
            for reason in judgement.reasons
        ],
    }

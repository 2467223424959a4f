"""Báo cáo thành tích of a nominee, from the nomination: of an individual and of a collective.

The layout follows the usual parts of the achievement-report forms (sơ lược lý lịch / đặc điểm, thành
tích đạt được, hình thức đã được khen thưởng). The number and title of the forms under Nghị định
152/2025/NĐ-CP are not confirmed (see the domain notes, §1.9), so the document says it is the agency's
template, and an agency that has the official form uploads it as its own template for these kinds.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.awards.models import AnnualRating, Award, Nomination, Person, RatingStatus, UnitRating
from thidua.core.formatting import format_date, format_percent
from thidua.documents.kinds.common import letterhead
from thidua.documents.nd30 import DASH, PART, SECTION, TABLE, TEXT, Block, Content, Signature

TEMPLATE_LABEL = gettext_lazy(
    "(Mẫu báo cáo thành tích của cơ quan; số hiệu mẫu theo Nghị định số 152/2025/NĐ-CP chưa được xác nhận)"
)
NOT_A_PERSON = gettext_lazy("Đề nghị này dành cho tập thể: hãy tạo báo cáo thành tích của tập thể.")
NOT_A_UNIT = gettext_lazy("Đề nghị này dành cho cá nhân: hãy tạo báo cáo thành tích của cá nhân.")
PLACEHOLDERS = (
    ("ten", gettext_lazy("Họ tên cá nhân hoặc tên tập thể")),
    ("don_vi", gettext_lazy("Đơn vị đề nghị")),
    ("chuc_vu", gettext_lazy("Chức vụ (cá nhân)")),
    ("danh_hieu", gettext_lazy("Danh hiệu, hình thức đề nghị")),
    ("nam", gettext_lazy("Năm thành tích")),
    ("tom_tat", gettext_lazy("Tóm tắt thành tích của đơn vị đề nghị")),
    ("xep_loai", gettext_lazy("Xếp loại năm đã được xác nhận (trống nếu chưa có)")),
    ("so_nguoi", gettext_lazy("Số người của tập thể (tập thể)")),
    ("so_ldtt", gettext_lazy("Số người đạt Lao động tiên tiến trong năm (tập thể)")),
    (
        "khen_thuong",
        gettext_lazy("Hình thức đã được khen thưởng: danh sách nam, hinh_thuc, so_quyet_dinh, ngay"),
    ),
    ("nguoi_bao_cao", gettext_lazy("Người ký báo cáo")),
)


def _rewards(awards) -> list[dict]:
    return [
        {
            "nam": award.year,
            "hinh_thuc": award.title_text or award.get_title_display(),
            "so_quyet_dinh": award.decision_number,
            "ngay": format_date(award.decision_date),
        }
        for award in awards.order_by("year", "decision_date", "pk")
    ]


def _rating(queryset) -> str:
    rating = queryset.filter(status=RatingStatus.CONFIRMED).first()
    return rating.get_rating_display() if rating else ""


def _unit_head(nomination: Nomination) -> str:
    head = (
        Person.objects.filter(unit=nomination.unit, is_active=True, position__istartswith="trưởng")
        .order_by("pk")
        .first()
    )
    return head.full_name if head else ""


def data(nomination: Nomination, as_of: datetime.date) -> dict:
    person = nomination.person
    base = {
        "ten": str(nomination.subject),
        "don_vi": nomination.unit.name,
        "chuc_vu": person.position if person else "",
        "danh_hieu": nomination.get_title_display(),
        "nam": nomination.year,
        "tom_tat": nomination.summary,
        "so_nguoi": 0,
        "so_ldtt": 0,
    }
    if person is not None:
        awards = Award.objects.filter(person=person)
        rating = _rating(AnnualRating.objects.filter(person=person, year=nomination.year))
        signer = person.full_name
    else:
        awards = Award.objects.filter(unit=nomination.unit, person=None)
        rating = _rating(UnitRating.objects.filter(unit=nomination.unit, year=nomination.year))
        members = Person.objects.filter(unit=nomination.unit, is_active=True)
        base["so_nguoi"] = members.count()
        base["so_ldtt"] = (
            Award.objects.filter(person__in=members, year=nomination.year, title="ldtt")
            .values("person")
            .distinct()
            .count()
        )
        signer = _unit_head(nomination)
    return base | {"xep_loai": rating, "khen_thuong": _rewards(awards), "nguoi_bao_cao": signer}


def _history(figures: dict) -> list[Block]:
    if not figures["khen_thuong"]:
        return [Block(TEXT, _("Chưa được khen thưởng."))]
    return [
        Block(
            TABLE,
            rows=[
                [_("Năm"), _("Hình thức khen thưởng"), _("Số, ngày quyết định")],
                *(
                    [
                        str(r["nam"]),
                        r["hinh_thuc"],
                        _("{number} ngày {day}").format(number=r["so_quyet_dinh"], day=r["ngay"]),
                    ]
                    for r in figures["khen_thuong"]
                ),
            ],
            widths=[1, 3, 3],
        )
    ]


def _content(
    nomination: Nomination, as_of: datetime.date, figures: dict, blocks: list[Block], signature
) -> Content:
    organization = nomination.organization
    letter = letterhead(organization, symbol="BC")
    letter["issuer_parent"] = organization.short_name or organization.name
    letter["issuer"] = nomination.unit.name
    return Content(
        **letter,
        dated=as_of,
        kind_title=_("Báo cáo thành tích"),
        summary=_("Đề nghị tặng {title} năm {year}").format(title=figures["danh_hieu"], year=nomination.year),
        blocks=[Block(TEXT, str(TEMPLATE_LABEL)), *blocks],
        signature=signature,
        recipients=[_("Hội đồng Thi đua – Khen thưởng Sở;"), _("Lưu: đơn vị.")],
    )


def build_person(nomination: Nomination, as_of: datetime.date) -> Content:
    person = nomination.person
    if person is None:
        raise ValidationError(NOT_A_PERSON)
    figures = data(nomination, as_of)
    blocks = [
        Block(PART, _("SƠ LƯỢC LÝ LỊCH")),
        Block(DASH, _("Họ và tên: {name}.").format(name=person.full_name)),
        Block(DASH, _("Chức vụ: {position}.").format(position=person.position or "…")),
        Block(DASH, _("Đơn vị công tác: {unit}.").format(unit=person.unit.name)),
        Block(DASH, _("Đối tượng: {category}.").format(category=person.get_category_display())),
        Block(DASH, _("Ngày bắt đầu công tác: {day}.").format(day=format_date(person.started_on) or "…")),
        Block(PART, _("THÀNH TÍCH ĐẠT ĐƯỢC")),
        Block(SECTION, _("Quyền hạn, nhiệm vụ được giao")),
        Block(
            TEXT,
            _("{position} tại {unit}.").format(
                position=person.position or _("Công chức"), unit=person.unit.name
            ),
        ),
        Block(SECTION, _("Thành tích đạt được trong năm {year}").format(year=nomination.year)),
        Block(TEXT, nomination.summary),
        Block(
            TEXT,
            _("Kết quả xếp loại năm {year}: {rating}.").format(
                year=nomination.year, rating=figures["xep_loai"] or _("chưa được xác nhận")
            ),
        ),
        Block(PART, _("CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG")),
        *_history(figures),
        Block(TEXT, _("Xác nhận của thủ trưởng đơn vị: {head}.").format(head=_unit_head(nomination) or "…")),
    ]
    signature = Signature(title=_("Người báo cáo thành tích"), name=figures["nguoi_bao_cao"])
    return _content(nomination, as_of, figures, blocks, signature)


def build_unit(nomination: Nomination, as_of: datetime.date) -> Content:
    if nomination.person_id is not None or nomination.enterprise_id is not None:
        raise ValidationError(NOT_A_UNIT)
    figures = data(nomination, as_of)
    share = format_percent(100 * figures["so_ldtt"] / figures["so_nguoi"], 1) if figures["so_nguoi"] else "—"
    blocks = [
        Block(PART, _("ĐẶC ĐIỂM, TÌNH HÌNH")),
        Block(DASH, _("Tên tập thể: {unit}.").format(unit=nomination.unit.name)),
        Block(DASH, _("Số người của tập thể: {count}.").format(count=figures["so_nguoi"])),
        Block(PART, _("THÀNH TÍCH ĐẠT ĐƯỢC")),
        Block(SECTION, _("Kết quả thực hiện nhiệm vụ năm {year}").format(year=nomination.year)),
        Block(TEXT, nomination.summary),
        Block(
            TEXT,
            _("Kết quả xếp loại năm {year}: {rating}.").format(
                year=nomination.year, rating=figures["xep_loai"] or _("chưa được xác nhận")
            ),
        ),
        Block(SECTION, _("Phong trào thi đua")),
        Block(
            TEXT,
            _("Số cá nhân được công nhận Lao động tiên tiến năm {year}: {count}/{total} ({share}).").format(
                year=nomination.year, count=figures["so_ldtt"], total=figures["so_nguoi"], share=share
            ),
        ),
        Block(PART, _("CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG")),
        *_history(figures),
    ]
    signature = Signature(title=_("Thủ trưởng đơn vị"), name=figures["nguoi_bao_cao"])
    return _content(nomination, as_of, figures, blocks, signature)

"""Quyết định khen thưởng of the Director with its list and bonus amounts, from an awards decision.

The amounts are those recorded on the decision's lines when it was issued (rounded up to 10.000 đồng on
the base salary of the signing date); for a draft, the amounts it would bring if signed on the document's
date, as the decision page previews them (`awards.decisions.bonus_preview`).
"""

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.awards.decisions import bonus_preview
from thidua.awards.models import Decision
from thidua.documents.kinds.rewards.common import (
    LAWS,
    LIST_PLACEHOLDERS,
    council_result,
    director,
    head,
    list_data,
    meeting_basis,
    money,
    split_number,
    subject_fields,
)
from thidua.documents.nd30 import TABLE, TEXT, Block, Content

PLACEHOLDERS = (
    *LIST_PLACEHOLDERS,
    ("tong_tien", gettext_lazy("Tổng tiền thưởng, viết số có dấu chấm (đồng)")),
    ("tong_tien_so", gettext_lazy("Tổng tiền thưởng, số nguyên (đồng)")),
    ("nam", gettext_lazy("Năm thành tích")),
)


def dated(decision: Decision, as_of: datetime.date) -> datetime.date:
    return decision.signed_on or as_of


def data(decision: Decision, as_of: datetime.date) -> dict:
    lines = list(decision.lines.select_related("person__unit", "unit").order_by("title", "pk"))
    issued = decision.status == Decision.Status.ISSUED
    preview = {} if issued else bonus_preview(decision, lines, dated(decision, as_of))
    rows = []
    for line in lines:
        amount = line.bonus if issued else (preview.get(line.pk) or 0)
        rows.append(subject_fields(line) | {"tien_thuong": money(amount), "tien_thuong_so": amount})
    figures = list_data(rows)
    total = sum(row["tien_thuong_so"] for row in rows)
    return figures | {"tong_tien": money(total), "tong_tien_so": total, "nam": decision.year}


def build(decision: Decision, as_of: datetime.date) -> Content:
    figures = data(decision, as_of)
    letter = head(decision.organization, "QĐ")
    number, symbol = (
        split_number(decision.number, letter["symbol"]) if decision.number else ("", letter["symbol"])
    )
    meeting, _items = council_result(decision.organization, decision.year)
    issuer = letter["issuer"]
    blocks = [
        Block(TEXT, _("GIÁM ĐỐC {issuer}").format(issuer=issuer.upper())),
        *(Block(TEXT, line) for line in LAWS),
        *(Block(TEXT, line) for line in meeting_basis(meeting)),
        Block(TEXT, _("Theo đề nghị của Chánh Văn phòng Sở.")),
        Block(TEXT, _("QUYẾT ĐỊNH:")),
        Block(
            TEXT,
            _(
                "Điều 1. {content} cho {people} cá nhân và {units} tập thể có thành tích trong năm {year} "
                "(danh sách kèm theo)."
            ).format(
                content=decision.content,
                people=figures["so_ca_nhan"],
                units=figures["so_tap_the"],
                year=decision.year,
            ),
        ),
        Block(
            TABLE,
            rows=[
                [
                    _("STT"),
                    _("Họ và tên, tập thể"),
                    _("Chức vụ, đơn vị"),
                    _("Danh hiệu, hình thức"),
                    _("Tiền thưởng (đồng)"),
                ],
                *(
                    [
                        str(row["stt"]),
                        row["ho_ten"],
                        ", ".join(part for part in (row["chuc_vu"], row["don_vi"]) if part),
                        row["danh_hieu"],
                        row["tien_thuong"],
                    ]
                    for row in figures["danh_sach"]
                ),
                ["", _("Tổng cộng"), "", "", figures["tong_tien"]],
            ],
            widths=[0.6, 2.6, 2.6, 2.2, 1.6],
        ),
        Block(
            TEXT,
            _(
                "Điều 2. Tiền thưởng kèm theo tổng cộng {total} đồng, bằng hệ số nhân với mức lương cơ sở "
                "tại thời điểm ký quyết định, làm tròn lên hàng chục nghìn đồng, chi từ Quỹ thi đua, khen "
                "thưởng của Sở."
            ).format(total=figures["tong_tien"]),
        ),
        Block(
            TEXT,
            _(
                "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng Sở, Trưởng các phòng, "
                "đơn vị thuộc Sở và các cá nhân, tập thể có tên tại Điều 1 chịu trách nhiệm thi hành Quyết "
                "định này."
            ),
        ),
    ]
    return Content(
        **(letter | {"symbol": symbol}),
        dated=dated(decision, as_of),
        kind_title=_("Quyết định"),
        summary=_("Về việc khen thưởng năm {year}").format(year=decision.year),
        blocks=blocks,
        signature=director(decision.organization, decision.signer),
        recipients=[_("Như Điều 3;"), _("Ban Thi đua – Khen thưởng tỉnh (để báo cáo);"), _("Lưu: VT, VP.")],
        number=number,
    )

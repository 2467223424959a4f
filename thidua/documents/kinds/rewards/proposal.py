"""Tờ trình to the Chủ tịch UBND tỉnh proposing the forms beyond the Director's authority, with its list
and, for each line, the council's count where the council voted on the nomination."""

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.awards.council import counted_agree, counting_for
from thidua.awards.models import Proposal
from thidua.core.formatting import format_date
from thidua.documents.kinds.rewards.common import (
    LAWS,
    LIST_PLACEHOLDERS,
    council_result,
    director,
    head,
    list_data,
    meeting_basis,
    split_number,
    subject_fields,
)
from thidua.documents.nd30 import DASH, PART, TABLE, TEXT, Block, Content

PLACEHOLDERS = (
    *LIST_PLACEHOLDERS,
    ("kinh_gui", gettext_lazy("Nơi được trình, ví dụ Chủ tịch UBND tỉnh")),
    ("ngay_hop_hoi_dong", gettext_lazy("Ngày họp Hội đồng Thi đua – Khen thưởng (trống nếu chưa họp)")),
    ("nam", gettext_lazy("Năm thành tích")),
)


def data(proposal: Proposal, as_of: datetime.date) -> dict:
    meeting, items = council_result(proposal.organization, proposal.year)
    counting = counting_for(meeting.council) if meeting else None
    rows = []
    for line in proposal.lines.select_related("person__unit", "unit").order_by("title", "pk"):
        item = items.get(line.nomination_id) if line.nomination_id else None
        votes = (
            f"{counted_agree(item, counting)}/{item.base}"
            if item is not None and counting is not None and item.base
            else ""
        )
        rows.append(subject_fields(line) | {"phieu_dong_y": votes})
    figures = list_data(rows)
    return figures | {
        "kinh_gui": proposal.recipient,
        "ngay_hop_hoi_dong": format_date(meeting.held_on) if meeting else "",
        "nam": proposal.year,
    }


def build(proposal: Proposal, as_of: datetime.date) -> Content:
    figures = data(proposal, as_of)
    letter = head(proposal.organization, "TTr")
    number, symbol = (
        split_number(proposal.number, letter["symbol"]) if proposal.number else ("", letter["symbol"])
    )
    meeting, _items = council_result(proposal.organization, proposal.year)
    issuer = letter["issuer"]
    blocks = [
        Block(TEXT, _("Kính gửi: {recipient}.").format(recipient=proposal.recipient)),
        *(Block(TEXT, line) for line in LAWS),
        *(Block(TEXT, line) for line in meeting_basis(meeting)),
        Block(PART, _("KẾT QUẢ BÌNH XÉT")),
        Block(
            TEXT,
            _(
                "Trên cơ sở đề nghị của các phòng, đơn vị và kết quả bình xét của Hội đồng Thi đua – Khen "
                "thưởng, {issuer} có {people} cá nhân và {units} tập thể đủ tiêu chuẩn đề nghị khen thưởng "
                "năm {year} vượt thẩm quyền của Giám đốc Sở (danh sách dưới đây)."
            ).format(
                issuer=issuer, people=figures["so_ca_nhan"], units=figures["so_tap_the"], year=proposal.year
            ),
        ),
        Block(
            TABLE,
            rows=[
                [
                    _("STT"),
                    _("Họ và tên, tập thể"),
                    _("Chức vụ, đơn vị"),
                    _("Hình thức đề nghị"),
                    _("Phiếu đồng ý"),
                ],
                *(
                    [
                        str(row["stt"]),
                        row["ho_ten"],
                        ", ".join(part for part in (row["chuc_vu"], row["don_vi"]) if part),
                        row["danh_hieu"],
                        row["phieu_dong_y"] or "—",
                    ]
                    for row in figures["danh_sach"]
                ),
            ],
            widths=[0.6, 2.8, 2.8, 2.4, 1.2],
        ),
        Block(PART, _("ĐỀ NGHỊ")),
        Block(
            TEXT,
            _(
                "{issuer} kính trình {recipient} xem xét, {content} cho {total} cá nhân, tập thể nêu trên."
            ).format(
                issuer=issuer,
                recipient=proposal.recipient,
                content=proposal.content[:1].lower() + proposal.content[1:],
                total=figures["tong_so"],
            ),
        ),
        Block(TEXT, _("Hồ sơ kèm theo:")),
        Block(DASH, _("Danh sách cá nhân, tập thể đề nghị khen thưởng;")),
        Block(DASH, _("Báo cáo thành tích của từng cá nhân, tập thể;")),
        Block(DASH, _("Biên bản họp Hội đồng Thi đua – Khen thưởng và kết quả bỏ phiếu kín.")),
        Block(TEXT, _("Kính trình {recipient} xem xét, quyết định./.").format(recipient=proposal.recipient)),
    ]
    return Content(
        **(letter | {"symbol": symbol}),
        dated=proposal.signed_on or as_of,
        kind_title=_("Tờ trình"),
        summary=_("Về việc đề nghị khen thưởng năm {year}").format(year=proposal.year),
        blocks=blocks,
        signature=director(proposal.organization, proposal.signer),
        recipients=[_("Như trên;"), _("Ban Thi đua – Khen thưởng tỉnh;"), _("Lưu: VT, VP.")],
        number=number,
    )

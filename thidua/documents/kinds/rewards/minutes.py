"""Biên bản of a meeting of the council of thi đua – khen thưởng: who attended, the counting rule, and for
each nominee the counts of the secret ballot and the result.

Only counts are written: the ballot keeps no one's choice (`awards.models.BallotCast` records THAT a
member voted, the item's counters what was chosen), so the minutes cannot say who voted how. The names
in the minutes are those of the attendance and of the members who stood aside from an item.
A meeting still voting has no minutes: its counts are not final.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.awards.council import minutes
from thidua.awards.models import CouncilMeeting
from thidua.core.formatting import format_date
from thidua.documents.kinds.common import letterhead
from thidua.documents.nd30 import DASH, PART, TABLE, TEXT, Block, Content, Signature

NOT_CLOSED = gettext_lazy("Cuộc họp chưa kết thúc bỏ phiếu: biên bản có khi kết quả đã được chốt.")
PLACEHOLDERS = (
    ("ngay_hop", gettext_lazy("Ngày họp dd/mm/yyyy")),
    ("ten_hoi_dong", gettext_lazy("Tên Hội đồng")),
    ("tong_thanh_vien", gettext_lazy("Tổng số thành viên Hội đồng")),
    ("co_mat", gettext_lazy("Thành viên có mặt: danh sách, mỗi dòng ho_ten, vai_tro")),
    ("vang_co_y_kien", gettext_lazy("Thành viên vắng mặt có ý kiến bằng văn bản: danh sách ho_ten, vai_tro")),
    ("vang_mat", gettext_lazy("Thành viên vắng mặt: danh sách ho_ten, vai_tro")),
    (
        "ket_qua",
        gettext_lazy(
            "Kết quả bỏ phiếu từng nội dung: stt, ho_ten, don_vi, danh_hieu, dong_y, khong_dong_y, "
            "van_ban_dong_y, van_ban_khong_dong_y, tinh_dong_y, can_cu, ket_qua, khong_tham_gia"
        ),
    ),
    ("so_dat", gettext_lazy("Số nội dung đạt")),
    ("chu_tich", gettext_lazy("Chủ tịch Hội đồng")),
    ("thu_ky", gettext_lazy("Thư ký Hội đồng")),
    ("dem_van_ban", gettext_lazy("Có tính ý kiến bằng văn bản của thành viên vắng mặt (đúng/sai)")),
    ("tru_nguoi_khong_xet", gettext_lazy("Người không tham gia xét không tính vào tổng số (đúng/sai)")),
    ("can_cu_phap_ly", gettext_lazy("Căn cứ của quy định bỏ phiếu")),
)


def _people(attendance) -> list[dict]:
    return [{"ho_ten": str(a.member.user), "vai_tro": a.member.get_role_display()} for a in attendance]


def _result(passed: bool | None) -> str:
    if passed is True:
        return _("Đạt")
    if passed is False:
        return _("Không đạt")
    return _("Thủ trưởng cơ quan xem xét")


def data(meeting: CouncilMeeting, as_of: datetime.date) -> dict:
    if meeting.status != CouncilMeeting.Status.CLOSED:
        raise ValidationError(NOT_CLOSED)
    m = minutes(meeting)
    rows = []
    for index, line in enumerate(m.lines, 1):
        item, nomination = line.item, line.item.nomination
        rows.append(
            {
                "stt": index,
                "ho_ten": str(nomination.subject),
                "don_vi": nomination.unit.name if nomination.person_id else "",
                "danh_hieu": nomination.get_title_display(),
                "dong_y": item.agree,
                "khong_dong_y": item.disagree,
                "van_ban_dong_y": item.written_agree,
                "van_ban_khong_dong_y": item.written_disagree,
                "tinh_dong_y": line.counted_agree,
                "can_cu": item.base or 0,
                "ket_qua": _result(item.passed),
                "khong_tham_gia": [
                    f"{recusal.member.user} ({recusal.get_reason_display()})" for recusal in line.recused
                ],
            }
        )
    return {
        "ngay_hop": format_date(meeting.held_on),
        "ten_hoi_dong": m.council.name,
        "tong_thanh_vien": meeting.members_total,
        "co_mat": _people(m.present),
        "vang_co_y_kien": _people(m.written),
        "vang_mat": _people(m.absent),
        "ket_qua": rows,
        "so_dat": sum(1 for line in m.lines if line.item.passed is True),
        "chu_tich": str(m.chair.user) if m.chair else "",
        "thu_ky": str(m.secretary.user) if m.secretary else "",
        "dem_van_ban": m.counting.count_written_opinions,
        "tru_nguoi_khong_xet": m.counting.base_excludes_recused,
        "can_cu_phap_ly": m.counting.basis,
    }


def _members(label: str, people: list[dict]) -> list[Block]:
    blocks = [Block(TEXT, _("{label}: {count} thành viên.").format(label=label, count=len(people)))]
    blocks += [Block(DASH, f"{p['ho_ten']} — {p['vai_tro']}") for p in people]
    return blocks


def _counting(figures: dict) -> str:
    parts = [
        _("Ý kiến bằng văn bản của thành viên vắng mặt được tính vào kết quả.")
        if figures["dem_van_ban"]
        else _("Ý kiến bằng văn bản của thành viên vắng mặt được ghi nhận, không tính vào kết quả.")
    ]
    if figures["tru_nguoi_khong_xet"]:
        parts.append(
            _("Thành viên không tham gia xét một nội dung không được tính vào tổng số khi tính tỷ lệ.")
        )
    if figures["can_cu_phap_ly"]:
        parts.append(_("Căn cứ: {basis}.").format(basis=figures["can_cu_phap_ly"]))
    return " ".join(parts)


def build(meeting: CouncilMeeting, as_of: datetime.date) -> Content:
    figures = data(meeting, as_of)
    organization = meeting.council.organization
    letter = letterhead(organization, symbol="BB")
    letter["symbol"] = "BB-HĐTĐKT"
    rows = figures["ket_qua"]
    blocks = [
        Block(
            TEXT,
            _("Thời gian: ngày {day}. Thành phần: {council}, tổng số {total} thành viên.").format(
                day=figures["ngay_hop"], council=figures["ten_hoi_dong"], total=figures["tong_thanh_vien"]
            ),
        ),
        Block(PART, _("THÀNH PHẦN THAM DỰ")),
        *_members(_("Có mặt"), figures["co_mat"]),
        *_members(_("Vắng mặt, có ý kiến bằng văn bản"), figures["vang_co_y_kien"]),
        *_members(_("Vắng mặt"), figures["vang_mat"]),
        Block(PART, _("NỘI DUNG VÀ KẾT QUẢ BỎ PHIẾU KÍN")),
        Block(TEXT, _counting(figures)),
        Block(
            TABLE,
            rows=[
                [
                    _("TT"),
                    _("Cá nhân, tập thể"),
                    _("Danh hiệu, hình thức"),
                    _("Đồng ý"),
                    _("Không đồng ý"),
                    _("Văn bản đồng ý / không"),
                    _("Tỷ lệ đồng ý"),
                    _("Kết quả"),
                ],
                *(
                    [
                        str(row["stt"]),
                        f"{row['ho_ten']} ({row['don_vi']})" if row["don_vi"] else row["ho_ten"],
                        row["danh_hieu"],
                        str(row["dong_y"]),
                        str(row["khong_dong_y"]),
                        f"{row['van_ban_dong_y']} / {row['van_ban_khong_dong_y']}",
                        f"{row['tinh_dong_y']}/{row['can_cu']}",
                        row["ket_qua"],
                    ]
                    for row in rows
                ),
            ],
            widths=[0.5, 2.6, 1.9, 0.9, 1.0, 1.2, 1.0, 1.3],
        ),
    ]
    recused = [(row["ho_ten"], name) for row in rows for name in row["khong_tham_gia"]]
    if recused:
        blocks.append(Block(TEXT, _("Thành viên không tham gia xét:")))
        blocks += [Block(DASH, _("{name}, đối với {subject};").format(name=n, subject=s)) for s, n in recused]
    blocks += [
        Block(PART, _("KẾT LUẬN")),
        Block(
            TEXT,
            _(
                "Có {passed}/{total} nội dung đạt tỷ lệ đồng ý theo quy định. Hội đồng đề nghị Giám đốc Sở "
                "xem xét, quyết định khen thưởng hoặc trình cấp trên khen thưởng theo thẩm quyền."
            ).format(passed=figures["so_dat"], total=len(rows)),
        ),
        Block(
            TEXT,
            _("Biên bản do Thư ký Hội đồng {secretary} ghi, được thông qua tại cuộc họp.").format(
                secretary=figures["thu_ky"] or "…"
            ),
        ),
    ]
    return Content(
        **letter,
        dated=meeting.held_on,
        kind_title=_("Biên bản"),
        summary=_("Họp Hội đồng Thi đua – Khen thưởng xét thi đua, khen thưởng năm {year}").format(
            year=meeting.council.year
        ),
        blocks=blocks,
        signature=Signature(
            title=_("Chủ tịch"), name=figures["chu_tich"], authority="TM.", on_behalf_of=_("Hội đồng")
        ),
        recipients=[
            _("Giám đốc Sở (để báo cáo);"),
            _("Thành viên Hội đồng;"),
            _("Lưu: VT, hồ sơ khen thưởng."),
        ],
    )

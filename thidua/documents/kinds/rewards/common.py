"""What the reward documents share: the agency's letterhead, who signs, the list of people and units with
their forms and bonuses (as table rows and as the named figures of an agency's own template)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.awards.models import AgendaItem, CouncilMeeting, SubjectKind
from thidua.core.formatting import format_date, format_number
from thidua.documents.kinds.common import letterhead
from thidua.documents.nd30 import Signature
from thidua.org.models import Organization, User
from thidua.org.roles import Capability

LIST_PLACEHOLDERS = (
    (
        "danh_sach",
        gettext_lazy(
            "Danh sách, mỗi dòng có: stt, ho_ten, chuc_vu, don_vi, doi_tuong, danh_hieu, tien_thuong "
            "(ví dụ {% for d in danh_sach %}{{ d.ho_ten }}{% endfor %})"
        ),
    ),
    ("so_ca_nhan", gettext_lazy("Số cá nhân trong danh sách")),
    ("so_tap_the", gettext_lazy("Số tập thể trong danh sách")),
    ("tong_so", gettext_lazy("Tổng số dòng của danh sách")),
)
LAWS = (
    "Căn cứ Luật Thi đua, khen thưởng năm 2022;",
    "Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết một số điều của Luật Thi đua, "
    "khen thưởng;",
)


def money(amount: int) -> str:
    return format_number(amount, 0)


def head(organization: Organization, symbol: str) -> dict:
    """The letterhead with a ký hiệu; `number/symbol` as the awards record it ("245/QĐ-SXD") split."""
    return letterhead(organization, symbol=symbol)


def split_number(recorded: str, default_symbol: str) -> tuple[str, str]:
    """ "245/QĐ-SXD" → ("245", "QĐ-SXD"); a bare "245" keeps the default ký hiệu."""
    number, _slash, symbol = recorded.strip().partition("/")
    return number.strip(), (symbol.strip() or default_symbol)


def leader_name(organization: Organization) -> str:
    """The agency's leader who signs by default: the first of those who get the leaders' digest."""
    leader = User.objects.holding(Capability.RECEIVE_DIGEST, organization).order_by("pk").first()
    return str(leader) if leader else ""


def director(organization: Organization, name: str = "") -> Signature:
    return Signature(title=_("Giám đốc"), name=name or leader_name(organization))


def subject_fields(line) -> dict:
    """One row of a list: the person (with position and unit) or the unit, and the form."""
    person, unit = line.person, line.unit
    return {
        "ho_ten": person.full_name if person else unit.name,
        "chuc_vu": person.position if person else "",
        "don_vi": person.unit.name if person else "",
        "doi_tuong": str(SubjectKind.PERSON.label if person else SubjectKind.UNIT.label),
        "danh_hieu": line.get_title_display(),
        "ca_nhan": person is not None,
    }


def list_data(rows: list[dict]) -> dict:
    for index, row in enumerate(rows, 1):
        row["stt"] = index
    people = sum(1 for row in rows if row["ca_nhan"])
    return {"danh_sach": rows, "so_ca_nhan": people, "so_tap_the": len(rows) - people, "tong_so": len(rows)}


def council_result(
    organization: Organization, year: int
) -> tuple[CouncilMeeting | None, dict[int, AgendaItem]]:
    """The last closed meeting of the year's council and its items by nomination: the council's result a
    tờ trình and a quyết định cite."""
    meeting = (
        CouncilMeeting.objects.filter(
            council__organization=organization, council__year=year, status=CouncilMeeting.Status.CLOSED
        )
        .order_by("-held_on", "-pk")
        .first()
    )
    if meeting is None:
        return None, {}
    return meeting, {item.nomination_id: item for item in meeting.items.all()}


def meeting_basis(meeting: CouncilMeeting | None) -> list[str]:
    if meeting is None:
        return []
    return [
        _("Căn cứ kết quả họp Hội đồng Thi đua – Khen thưởng ngày {day};").format(
            day=format_date(meeting.held_on)
        )
    ]

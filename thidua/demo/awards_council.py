"""Demo year-end 2026, the council's part: the units' nominations (bình xét), the agency's own counting
rule for the council, the Hội đồng Thi đua – Khen thưởng 2026 seated from the demo logins, and one
meeting held and closed: ballots cast through the real service (so the counters are what the members
chose), one member absent who sent a written opinion, the nominee and the head of the nominated unit
standing aside from their own items, and the minutes.

Idempotent like the rest of the demo: each row is looked up by its natural key first, and the meeting
is only held while the council has none.
"""

import contextlib
import datetime

from django.core.exceptions import ValidationError

from thidua.awards import council as council_services
from thidua.awards import services
from thidua.awards.models import (
    AwardCouncil,
    AwardCouncilMember,
    CouncilMeeting,
    CouncilVotingRule,
    Nomination,
    Person,
    Registration,
    RegistrationEntry,
    Title,
)
from thidua.org.roles import Role

YEAR = 2026
HELD_ON = datetime.date(2026, 12, 4)
DECISION = {"sxd-thanh-hoa": "215/QĐ-SXD", "sxd-lang-son": "187/QĐ-SXD"}
# Who sits on the council, from the demo logins: the Director chairs, the office's head is the standing
# vice-chair, a unit head sits as member, a staff member keeps the minutes.
SEATS = [
    (Role.LEADER, AwardCouncilMember.Role.CHAIR),
    (Role.OFFICE, AwardCouncilMember.Role.VICE_CHAIR),
    (Role.UNIT_HEAD, AwardCouncilMember.Role.MEMBER),
    (Role.STAFF, AwardCouncilMember.Role.SECRETARY),
]
ABSENT = Role.UNIT_HEAD  # away on the day; sends a written opinion
# How each member present votes (True: agree), by the nominee's position in the agenda; a member
# standing aside from an item is skipped by the service's own rule.
BALLOTS = {
    Role.LEADER: lambda index: True,
    Role.OFFICE: lambda index: index != 3,
    Role.STAFF: lambda index: index not in (2, 3),
}


def load_council(organization, people: dict) -> None:
    if (
        organization.slug not in DECISION
        or not Registration.objects.filter(organization=organization, year=YEAR).exists()
    ):
        return
    _nominations(organization, people)
    _counting_rule(organization)
    council = _council(organization, people)
    if not council.meetings.exists():
        _meeting(council, people)


def _nominate(people: dict, unit, title: str, summary: str, person=None) -> None:
    lookup = {"person": person} if person else {"unit": unit, "person__isnull": True}
    if Nomination.objects.filter(year=YEAR, title=title, **lookup).exists():
        return
    head = people[Role.UNIT_HEAD]
    user = head if head.unit_id == unit.pk else people[Role.OFFICE]
    with contextlib.suppress(ValidationError):  # the engine refuses one never registered: left out
        services.nomination_create(
            unit=unit, user=user, year=YEAR, title=title, summary=summary, person=person
        )


def _nominations(organization, people: dict) -> None:
    """The chain's holder for CSTĐCS, the unit head's unit for its collective title, two of its people
    and one of another unit for LĐTT: all registered and approved."""
    head = people[Role.UNIT_HEAD]
    holder = Person.objects.get(organization=organization, user=people[Role.STAFF])
    _nominate(
        people,
        holder.unit,
        Title.CSTDCS,
        "Hoàn thành xuất sắc nhiệm vụ; có sáng kiến được công nhận áp dụng tại Sở.",
        person=holder,
    )
    registration = Registration.objects.filter(
        organization=organization, year=YEAR, unit=head.unit, status=Registration.Status.APPROVED
    ).first()
    if registration and registration.collective_title:
        _nominate(
            people,
            head.unit,
            registration.collective_title,
            "Tập thể hoàn thành xuất sắc nhiệm vụ năm 2026, 100% chỉ tiêu được giao đạt và vượt.",
        )
    entries = (
        RegistrationEntry.objects.filter(
            registration__organization=organization,
            registration__year=YEAR,
            registration__status=Registration.Status.APPROVED,
            title=Title.LDTT,
        )
        .select_related("person__unit")
        .order_by("registration__unit__position", "person__full_name", "pk")
    )
    own = [e.person for e in entries if e.person.unit_id == head.unit_id and e.person.user_id is None][:2]
    other = [e.person for e in entries if e.person.unit_id != head.unit_id][:1]
    for person in own + other:
        _nominate(
            people, person.unit, Title.LDTT, "Hoàn thành tốt nhiệm vụ, chấp hành tốt kỷ luật.", person=person
        )


def _counting_rule(organization) -> None:
    """The agency's regulation (quy chế) sets the share for titles whose rule names none."""
    CouncilVotingRule.objects.get_or_create(
        organization=organization,
        valid_from=datetime.date(2026, 1, 1),
        defaults={
            "legal_basis": "Quy chế thi đua, khen thưởng của Sở (dữ liệu mẫu)",
            "article": "Điều 12",
            "default_share": "0.6667",
            "note": (
                "Tỷ lệ 2/3 tổng số thành viên Hội đồng cho danh hiệu do Giám đốc Sở quyết định là quy định "
                "riêng của cơ quan (dữ liệu mẫu), không phải quy định chung."
            ),
        },
    )


def _council(organization, people: dict) -> AwardCouncil:
    office = people[Role.OFFICE]
    council = AwardCouncil.objects.filter(organization=organization, year=YEAR).first()
    if council is None:
        council = council_services.council_create(
            organization=organization,
            user=office,
            year=YEAR,
            name="Hội đồng Thi đua – Khen thưởng Sở năm 2026",
            decision_number=DECISION[organization.slug],
        )
    seated = set(council.members.values_list("user_id", flat=True))
    for role, seat in SEATS:
        if people[role].pk not in seated:
            council_services.council_member_add(
                council=council, user=office, member_user=people[role], role=seat
            )
    return council


def _meeting(council: AwardCouncil, people: dict) -> None:
    office = people[Role.OFFICE]
    try:
        meeting = council_services.meeting_open(council=council, user=office, held_on=HELD_ON)
    except ValidationError:  # nothing to put to the council
        return
    items = list(meeting.items.order_by("pk"))
    for role, agrees in BALLOTS.items():
        member = council.members.get(user=people[role])
        aside = set(member.recusals.values_list("item_id", flat=True))
        choices = {item.pk: agrees(index) for index, item in enumerate(items) if item.pk not in aside}
        if choices:
            council_services.ballot_cast(meeting=meeting, user=people[role], choices=choices)
    absent = council.members.get(user=people[ABSENT])
    aside = set(absent.recusals.values_list("item_id", flat=True))
    written = {item.pk: (1, 0) for item in items if item.pk not in aside}
    council_services.meeting_close(
        meeting=CouncilMeeting.objects.get(pk=meeting.pk),
        user=office,
        written=written,
        absent_note=(
            f"Đồng chí {people[ABSENT].full_name} đi công tác, gửi phiếu ý kiến bằng văn bản ngày 03/12/2026."
        ),
        presence={absent.pk: "written"},
    )

"""Movement rewards: at sơ kết or tổng kết of a movement, who Thi Đua's records put forward for the
movement's own rewards, each with its evidence, and the office's confirmation (a thematic nomination,
which never counts toward a chain of yearly titles) or discarding.

Proposed from: units whose targets of the movement's plans stand reached (at sơ kết, on track counts
too), authors of initiatives recognised in the year (the initiative's unit when no author is on the
staff register), and the enterprises at the top of the year's verified ranking ("doanh nghiệp tiêu
biểu"). Proposing again adds only what is new.
"""

import datetime
from collections import defaultdict

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.awards.models import Award, MovementRewardProposal, Nomination, Person, Title
from thidua.awards.services import name_key
from thidua.core.audit import save_audited
from thidua.core.formatting import format_date, format_number
from thidua.engagement.models import Assessment
from thidua.initiatives.models import Initiative, InitiativeAuthor
from thidua.org.access import require
from thidua.org.models import Unit
from thidua.org.roles import Capability
from thidua.plans.models import Plan
from thidua.tracking.models import ProgressSnapshot
from thidua.tracking.progress import Status

Proposal = MovementRewardProposal
# How many enterprises of the verified ranking are put forward as "doanh nghiệp tiêu biểu".
TOP_ENTERPRISES = 3
MANAGE = Capability.MANAGE_AWARDS


class MovementError(Exception):
    """A workflow rule refused the change; the message is for the user."""


def _evidence(label: str, value: str, url: str = "") -> dict:
    return {"label": label, "value": value, "url": url}


def _units_reaching(movement, stage: str) -> list[dict]:
    """Units whose every started target of the movement's plans is reached (on track too at sơ kết)."""
    plans = Plan.objects.filter(movement=movement, status=Plan.Status.PUBLISHED)
    good = {Status.ACHIEVED} | ({Status.ON_TRACK} if stage == Proposal.Stage.INTERIM else set())
    by_unit: dict[int, list[str]] = defaultdict(list)
    for unit_id, status in (
        ProgressSnapshot.objects.filter(target__plan__in=plans, unit__isnull=False)
        .exclude(status=Status.NOT_STARTED)
        .values_list("unit_id", "status")
    ):
        by_unit[unit_id].append(status)
    units = Unit.objects.in_bulk([u for u, statuses in by_unit.items() if all(s in good for s in statuses)])
    found = []
    for unit_id, unit in sorted(units.items(), key=lambda item: (item[1].position, item[1].name)):
        statuses = by_unit[unit_id]
        reached = sum(1 for s in statuses if s == Status.ACHIEVED)
        evidence = [
            _evidence(
                _("Chỉ tiêu đã đạt"),
                _("{reached}/{total}").format(reached=reached, total=len(statuses)),
                reverse("tracking:unit", args=[unit_id]),
            )
        ]
        if reached < len(statuses):
            evidence.append(_evidence(_("Chỉ tiêu đúng tiến độ"), str(len(statuses) - reached)))
        found.append(
            {
                "source": Proposal.Source.TARGETS,
                "key": f"unit:{unit_id}",
                "unit": unit,
                "subject_name": unit.name,
                "evidence": evidence,
            }
        )
    return found


def _people_by_author(organization) -> tuple[dict, dict]:
    people = list(Person.objects.filter(organization=organization, is_active=True))
    by_user = {p.user_id: p for p in people if p.user_id}
    by_name: dict[str, list[Person]] = defaultdict(list)
    for person in people:
        by_name[name_key(person.full_name)].append(person)
    return by_user, by_name


def _initiative_authors(organization, year: int) -> list[dict]:
    """Authors (on the staff register) of the initiatives recognised in the year, one proposal per
    person with each initiative as evidence; an initiative none of whose authors is on the register is
    proposed for its unit."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    initiatives = list(
        Initiative.objects.recognised_between(organization.pk, start, end).select_related("unit")
    )
    authors = InitiativeAuthor.objects.filter(initiative__in=initiatives).order_by("initiative", "position")
    by_user, by_name = _people_by_author(organization)
    found: dict[str, dict] = {}
    matched: set[int] = set()
    for author in authors:
        person = by_user.get(author.user_id) if author.user_id else None
        if person is None and author.user_id is None:
            namesakes = by_name.get(name_key(author.name), [])
            person = namesakes[0] if len(namesakes) == 1 else None
        if person is None:
            continue
        initiative = next(i for i in initiatives if i.pk == author.initiative_id)
        matched.add(initiative.pk)
        row = found.setdefault(
            f"person:{person.pk}",
            {
                "source": Proposal.Source.AUTHOR,
                "key": f"person:{person.pk}",
                "person": person,
                "unit": person.unit,
                "subject_name": person.full_name,
                "evidence": [],
            },
        )
        row["evidence"].append(_initiative_evidence(initiative, author.share))
    for initiative in initiatives:
        if initiative.pk not in matched:
            found[f"initiative:{initiative.pk}"] = {
                "source": Proposal.Source.INITIATIVE,
                "key": f"initiative:{initiative.pk}",
                "initiative": initiative,
                "unit": initiative.unit,
                "subject_name": initiative.unit.name,
                "evidence": [_initiative_evidence(initiative, None)],
            }
    return list(found.values())


def _initiative_evidence(initiative, share) -> dict:
    value = _("Quyết định {number} ngày {date}").format(
        number=initiative.decision_number, date=format_date(initiative.decision_date)
    )
    if share is not None:
        value += _("; tỷ lệ đóng góp {share}%").format(share=format_number(share))
    return _evidence(
        _("Sáng kiến “{title}”").format(title=initiative.title),
        value,
        reverse("initiatives:detail", args=[initiative.pk]),
    )


def _top_enterprises(organization, year: int) -> list[dict]:
    """The enterprises ranked first to TOP_ENTERPRISES in the year's verified assessment."""
    rows = Assessment.objects.filter(
        organization=organization,
        criterion_set__year=year,
        state=Assessment.State.VERIFIED,
        rank__lte=TOP_ENTERPRISES,
    ).select_related("enterprise")
    return [
        {
            "source": Proposal.Source.ENTERPRISE,
            "key": f"enterprise:{a.enterprise_id}",
            "enterprise": a.enterprise,
            "subject_name": a.enterprise.name,
            "evidence": [
                _evidence(
                    _("Xếp hạng thi đua doanh nghiệp năm {year}").format(year=year),
                    _("hạng {rank}, {total} điểm (đã thẩm định)").format(
                        rank=a.rank, total=format_number(a.total)
                    ),
                    reverse("engagement:assessment", args=[a.pk]),
                )
            ],
        }
        for a in rows.order_by("rank", "enterprise__name")
    ]


def candidates(movement, stage: str, year: int) -> list[dict]:
    """Everyone the records put forward, as proposal fields (not saved)."""
    organization = movement.organization
    return (
        _units_reaching(movement, stage)
        + _initiative_authors(organization, year)
        + _top_enterprises(organization, year)
    )


@transaction.atomic
def proposals_make(*, movement, stage: str, year: int, user) -> list[MovementRewardProposal]:
    """Record what the records propose for the movement's stage and year; existing ones are kept as
    they are (confirmed, discarded or waiting), only new subjects are added. Returns the new ones."""
    require(user, MANAGE, movement.organization)
    if stage not in Proposal.Stage.values:
        raise MovementError(_("Chọn đợt sơ kết hoặc tổng kết."))
    known = set(
        Proposal.objects.filter(movement=movement, stage=stage, year=year).values_list("key", flat=True)
    )
    made = []
    for fields in candidates(movement, stage, year):
        if fields["key"] in known:
            continue
        proposal = Proposal(
            organization=movement.organization, movement=movement, stage=stage, year=year, **fields
        )
        made.append(save_audited(proposal, user=user, reason=_("Đề xuất khen thưởng phong trào từ số liệu")))
    return made


def _summary(proposal: MovementRewardProposal) -> str:
    lines = [
        _("{stage} phong trào “{movement}” năm {year}: {source}.").format(
            stage=proposal.get_stage_display(),
            movement=proposal.movement.name,
            year=proposal.year,
            source=proposal.get_source_display(),
        )
    ]
    lines += [f"- {item['label']}: {item['value']}" for item in proposal.evidence]
    return "\n".join(lines)


def _proposing_unit(proposal: MovementRewardProposal, user):
    """Who puts the nominee forward: the subject's unit; for an enterprise, the office's."""
    if proposal.unit_id:
        return proposal.unit
    own = user.unit if user.unit_id and user.unit.organization_id == proposal.organization_id else None
    return own or Unit.objects.filter(organization=proposal.organization, kind=Unit.Kind.OFFICE).first()


@transaction.atomic
def proposal_confirm(*, proposal: MovementRewardProposal, user) -> Nomination:
    """The office confirms: the nominee becomes a thematic nomination of the movement (bình xét)."""
    require(user, MANAGE, proposal.organization)
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != Proposal.Status.PROPOSED:
        raise MovementError(_("Đề xuất này đã được xem xét."))
    unit = _proposing_unit(proposal, user)
    if unit is None:
        raise MovementError(_("Cơ quan chưa có Văn phòng để đứng tên đề nghị cho doanh nghiệp."))
    nomination = Nomination(
        organization=proposal.organization,
        unit=unit,
        person=proposal.person,
        enterprise=proposal.enterprise,
        kind=Award.Kind.THEMATIC,
        movement=proposal.movement,
        year=proposal.year,
        title=proposal.title or Title.GIAY_KHEN,
        summary=_summary(proposal),
        created_by=user,
    )
    save_audited(nomination, user=user, reason=_("Đề nghị khen thưởng theo chuyên đề của phong trào"))
    proposal.status, proposal.nomination = Proposal.Status.CONFIRMED, nomination
    proposal.decided_by, proposal.decided_at = user, timezone.now()
    save_audited(proposal, user=user, reason=_("Xác nhận đề xuất khen thưởng phong trào"))
    return nomination


@transaction.atomic
def proposal_discard(*, proposal: MovementRewardProposal, user, reason: str) -> MovementRewardProposal:
    require(user, MANAGE, proposal.organization)
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != Proposal.Status.PROPOSED:
        raise MovementError(_("Đề xuất này đã được xem xét."))
    if not reason.strip():
        raise MovementError(_("Ghi lý do không đề nghị."))
    proposal.status, proposal.discard_reason = Proposal.Status.DISCARDED, reason.strip()
    proposal.decided_by, proposal.decided_at = user, timezone.now()
    return save_audited(
        proposal, user=user, reason=_("Không đề nghị: %(reason)s") % {"reason": reason.strip()}
    )

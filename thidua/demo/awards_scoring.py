"""Demo: the 2026 chấm điểm thi đua of both agencies' units (the unit head's unit scores itself, two
more units' paper sheets are typed in by the office; two sheets verified, one of them adjusted with a
reason, so a ranking shows) and, for each agency's movement, the proposals for its own rewards at the
year's sơ kết (one confirmed into bình xét, one not proposed, with its reason).

Idempotent: each step looks at what is already there.
"""

from decimal import ROUND_HALF_UP, Decimal

from thidua.awards import movement, scoring
from thidua.awards.models import MovementRewardProposal, ScoringTable, UnitScore
from thidua.org.models import Unit
from thidua.org.roles import Role
from thidua.plans.models import Plan

YEAR = 2026
BASIS = "Quy chế thi đua, khen thưởng của Sở Xây dựng (bảng tiêu chí chấm điểm các phòng, đơn vị)"
# Per sheet: the share of each self-scored criterion's maximum the unit claims, the deduction it
# declares, and whether the office verifies it (with the adjustment it makes on the first criterion).
SHEETS = [
    ("0.9", Decimal(0), ("2", "Minh chứng chưa thể hiện đủ số văn bản tham mưu được ban hành.")),
    ("0.8", Decimal(2), None),
    ("0.95", Decimal(0), False),
]


def load_unit_scoring(organization, people: dict) -> None:
    office, head = people[Role.OFFICE], people[Role.UNIT_HEAD]
    table = ScoringTable.objects.filter(organization=organization, year=YEAR).first()
    table = table or scoring.table_create(
        organization=organization,
        year=YEAR,
        name=f"Bảng tiêu chí chấm điểm thi đua các phòng, đơn vị năm {YEAR}",
        legal_basis=BASIS,
        user=office,
    )
    others = Unit.objects.filter(organization=organization).carrying_out().exclude(pk=head.unit_id)
    units = [head.unit, *others.order_by("position", "name")[:2]]
    for unit, (share, deduction, verify) in zip(units, SHEETS, strict=True):
        author = head if unit.pk == head.unit_id else office
        sheet = scoring.sheet_start(table=table, unit=unit, user=author)
        if sheet.state == UnitScore.State.DRAFT:
            sheet = scoring.sheet_submit(sheet=sheet, scores=_claims(table, share, deduction), user=author)
        if verify is not None and sheet.state == UnitScore.State.SUBMITTED:
            _verify(sheet, verify, office)
    _movement_rewards(organization, office)


def _claims(table, share: str, deduction: Decimal) -> dict:
    claims = {}
    for criterion in table.criteria.all():
        if criterion.is_computed:
            continue
        if criterion.kind == criterion.Kind.DEDUCTION:
            claims[criterion] = deduction
        else:
            claims[criterion] = (criterion.max_points * Decimal(share) * 2).quantize(
                Decimal(1), ROUND_HALF_UP
            ) / 2
    return claims


def _verify(sheet, adjustment, office) -> None:
    """Accept the sheet (`adjustment` False), or take points off its first self-scored criterion."""
    scores, reasons = {}, {}
    if adjustment:
        points, reason = adjustment
        criterion = next(
            c for c in sheet.table.criteria.all() if not c.is_computed and c.kind == c.Kind.POINTS
        )
        claimed = sheet.lines.get(criterion=criterion).self_points
        scores, reasons = {criterion: max(Decimal(0), claimed - Decimal(points))}, {criterion: reason}
    scoring.sheet_verify(sheet=sheet, scores=scores, reasons=reasons, user=office)


def _movement_rewards(organization, office) -> None:
    """The year's sơ kết of the movement of the agency's published plan: what the records propose;
    the office confirms the first and does not propose the last."""
    plan = Plan.objects.filter(
        organization=organization, status=Plan.Status.PUBLISHED, movement__isnull=False
    ).first()
    if plan is None:
        return
    stage = MovementRewardProposal.Stage.INTERIM
    existing = MovementRewardProposal.objects.filter(movement=plan.movement, stage=stage, year=YEAR)
    if existing.exists():
        return
    made = movement.proposals_make(movement=plan.movement, stage=stage, year=YEAR, user=office)
    if made:
        movement.proposal_confirm(proposal=made[0], user=office)
    if len(made) > 2:
        movement.proposal_discard(
            proposal=made[-1], user=office, reason="Đã được khen thưởng cho cùng thành tích trong năm."
        )

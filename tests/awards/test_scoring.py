"""Chấm điểm thi đua of the units: computed criteria, deductions, verification, ranking, who may do what."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tests import factories
from tests.awards.test_services import recognise
from thidua.awards import engine, scoring
from thidua.awards.models import ScoringCriterion, ScoringTable, UnitScore
from thidua.core.scoring import competition_ranks, net_total
from thidua.engagement.models import Feedback
from thidua.tracking.models import ProgressSnapshot
from thidua.tracking.progress import Status

pytestmark = pytest.mark.django_db
YEAR = 2026
TODAY = datetime.date(2026, 12, 20)
Source, Kind = ScoringCriterion.Source, ScoringCriterion.Kind


def make_table(cast, *criteria) -> ScoringTable:
    table = ScoringTable.objects.create(organization=cast.org, year=YEAR, name="Bảng tiêu chí 2026")
    for position, (text, kind, source, threshold, points) in enumerate(criteria, start=1):
        ScoringCriterion.objects.create(
            table=table,
            group="I. Nhiệm vụ",
            text=text,
            kind=kind,
            source=source,
            threshold=threshold,
            max_points=Decimal(points),
            position=position,
        )
    return table


SELF = ("Chất lượng tham mưu", Kind.POINTS, Source.SELF, None, 60)
DEDUCTION = ("Có cán bộ bị kỷ luật", Kind.DEDUCTION, Source.SELF, None, 10)
INITIATIVES = ("Có sáng kiến được công nhận", Kind.POINTS, Source.INITIATIVES, Decimal(2), 20)
FEEDBACK = ("Trả lời phản ánh đúng hạn", Kind.POINTS, Source.FEEDBACK, Decimal(100), 20)


def criterion(table, text):
    return table.criteria.get(text=text)


def submit(cast, table, unit, user, **points):
    sheet = scoring.sheet_start(table=table, unit=unit, user=user)
    scores = {criterion(table, text): Decimal(p) for text, p in points.items()}
    return scoring.sheet_submit(sheet=sheet, scores=scores, user=user, today=TODAY)


def test_a_computed_criterion_earns_its_maximum_at_the_threshold_and_a_share_below():
    c = ScoringCriterion(threshold=Decimal(90), max_points=Decimal(30), source=Source.TARGETS)
    assert scoring.points_for(c, Decimal(90)) == 30
    assert scoring.points_for(c, Decimal(100)) == 30
    assert scoring.points_for(c, Decimal("89.99")) == Decimal("29.99")
    assert scoring.points_for(c, Decimal(45)) == 15
    assert scoring.points_for(c, Decimal(0)) == 0
    assert scoring.points_for(c, None) == 30  # nothing to fall short of


def test_initiatives_recognised_in_the_year_feed_their_criterion(cast):
    table = make_table(cast, SELF, INITIATIVES)
    recognise(cast, [("Trịnh Thu Trang", cast.staff)])
    recognise(cast, [("Trịnh Thu Trang", cast.staff)], decided_on=datetime.date(2025, 6, 1))  # last year
    sheet = submit(cast, table, cast.unit, cast.unit_head, **{SELF[0]: 50})
    line = sheet.lines.get(criterion__source=Source.INITIATIVES)
    assert (line.measured, line.self_points, line.detail["count"]) == (1, 10, 1)  # below the 2 asked
    recognise(cast, [("Trịnh Thu Trang", cast.staff)], decided_on=datetime.date(2026, 9, 1))
    assert scoring.initiatives_recognised(cast.unit, YEAR).value == 2  # at the threshold: full points


def _feedback(cast, unit, answered_after: int | None, due=datetime.date(2026, 5, 10)):
    return Feedback.objects.create(
        organization=cast.org,
        subject="Phản ánh",
        content="Nội dung",
        received_on=datetime.date(2026, 4, 20),
        answer_due_on=due,
        unit=unit,
        state=Feedback.State.ASSIGNED if answered_after is None else Feedback.State.ANSWERED,
        answered_on=None if answered_after is None else due + datetime.timedelta(days=answered_after),
    )


def test_feedback_answered_on_time_is_measured_for_the_unit_only(cast):
    _feedback(cast, cast.unit, 0)
    _feedback(cast, cast.unit, -3)
    _feedback(cast, cast.unit, 2)  # late
    _feedback(cast, cast.unit, None)  # overdue, unanswered
    _feedback(cast, cast.office_unit, 5)
    found = scoring.feedback_on_time(cast.unit, YEAR, TODAY)
    assert found.value == 50 and found.detail == {"count": 2, "total": 4}
    table = make_table(cast, FEEDBACK)
    c = criterion(table, FEEDBACK[0])
    assert scoring.points_for(c, found.value) == 10
    assert scoring.feedback_on_time(factories.make_unit(cast.org), YEAR, TODAY).value is None


def test_targets_reached_counts_the_units_standing_and_leaves_out_those_not_started(cast):
    plan = factories.make_plan(cast.org)
    for status in (Status.ACHIEVED, Status.ON_TRACK, Status.BEHIND, Status.NOT_STARTED):
        target = factories.make_target(plan)
        ProgressSnapshot.objects.create(
            organization=cast.org, target=target, unit=cast.unit, status=status, computed_on=TODAY
        )
    found = scoring.targets_reached(cast.unit, YEAR)
    assert found.detail == {"count": 2, "total": 3}
    assert found.value == Decimal("66.67")
    assert scoring.targets_reached(cast.unit, 2031).value is None  # the plan ends in 2030


def test_a_deduction_is_taken_off_and_the_total_never_goes_below_zero(cast):
    table = make_table(cast, SELF, DEDUCTION)
    sheet = submit(cast, table, cast.unit, cast.unit_head, **{SELF[0]: 40, DEDUCTION[0]: 6})
    assert sheet.self_total == 34 and sheet.state == UnitScore.State.SUBMITTED
    assert net_total([Decimal(3)], [Decimal(10)]) == 0


def test_every_self_scored_criterion_must_be_scored_and_within_its_maximum(cast):
    table = make_table(cast, SELF, DEDUCTION)
    sheet = scoring.sheet_start(table=table, unit=cast.unit, user=cast.unit_head)
    with pytest.raises(scoring.ScoringError):
        scoring.sheet_submit(sheet=sheet, scores={criterion(table, SELF[0]): Decimal(1)}, user=cast.unit_head)
    with pytest.raises(ValidationError):
        scoring.sheet_submit(
            sheet=sheet,
            scores={criterion(table, SELF[0]): Decimal(61), criterion(table, DEDUCTION[0]): Decimal(0)},
            user=cast.unit_head,
        )
    sheet.refresh_from_db()
    assert sheet.state == UnitScore.State.DRAFT and not sheet.lines.exists()


def test_the_office_adjusts_only_with_a_reason_and_ranks_ties_together(cast):
    table = make_table(cast, SELF)
    units = [cast.unit, factories.make_unit(cast.org, "Phòng B"), factories.make_unit(cast.org, "Phòng C")]
    sheets = [
        submit(cast, table, unit, cast.office, **{SELF[0]: p})
        for unit, p in zip(units, (50, 45, 40), strict=True)
    ]
    c = criterion(table, SELF[0])
    with pytest.raises(scoring.ScoringError):
        scoring.sheet_verify(sheet=sheets[0], scores={c: Decimal(45)}, reasons={}, user=cast.office)
    sheets[0].refresh_from_db()
    assert sheets[0].state == UnitScore.State.SUBMITTED
    scoring.sheet_verify(
        sheet=sheets[0], scores={c: Decimal(45)}, reasons={c: "Thiếu minh chứng"}, user=cast.office
    )
    scoring.sheet_verify(sheet=sheets[1], scores={}, reasons={}, user=cast.office)
    scoring.sheet_verify(sheet=sheets[2], scores={}, reasons={}, user=cast.office)
    ranks = {s.unit_id: (s.total, s.rank) for s in UnitScore.objects.all()}
    assert ranks == {units[0].pk: (45, 1), units[1].pk: (45, 1), units[2].pk: (40, 3)}
    assert competition_ranks([Decimal(9), Decimal(8), Decimal(8), Decimal(7)]) == [1, 2, 2, 4]


def test_the_criteria_are_fixed_once_a_unit_has_sent_its_sheet(cast):
    table = make_table(cast, SELF)
    submit(cast, table, cast.unit, cast.unit_head, **{SELF[0]: 10})
    with pytest.raises(scoring.ScoringError):
        scoring.criterion_add(table=table, user=cast.office, group="II", text="Mới", max_points=Decimal(5))


def test_a_unit_scores_only_itself(cast, client):
    table = make_table(cast, SELF)
    with pytest.raises(PermissionDenied):
        scoring.sheet_start(table=table, unit=cast.office_unit, user=cast.unit_head)
    with pytest.raises(PermissionDenied):
        scoring.sheet_start(table=table, unit=cast.unit, user=cast.staff)
    other = scoring.sheet_start(table=table, unit=cast.office_unit, user=cast.office)
    client.force_login(cast.unit_head)
    assert client.get(reverse("awards:unit_score", args=[other.pk])).status_code == 404
    response = client.post(reverse("awards:unit_score_start", args=[table.pk]))
    own = UnitScore.objects.get(unit=cast.unit)
    assert response.url == reverse("awards:unit_score", args=[own.pk])
    field = f"c{criterion(table, SELF[0]).pk}"
    response = client.post(reverse("awards:unit_score", args=[own.pk]), {field: "55"})
    own.refresh_from_db()
    assert own.state == UnitScore.State.SUBMITTED and own.self_total == 55


def test_the_office_verifies_and_a_unit_head_cannot(cast, client):
    table = make_table(cast, SELF)
    sheet = submit(cast, table, cast.unit, cast.unit_head, **{SELF[0]: 50})
    field = f"c{criterion(table, SELF[0]).pk}"
    client.force_login(cast.unit_head)
    assert client.post(reverse("awards:unit_score", args=[sheet.pk]), {field: "60"}).status_code == 403
    client.force_login(cast.office)
    response = client.post(reverse("awards:unit_score", args=[sheet.pk]), {field: "40"})
    assert response.status_code == 200 and "Ghi lý do" in response.content.decode()
    client.post(
        reverse("awards:unit_score", args=[sheet.pk]), {field: "40", f"r{field[1:]}": "Thiếu minh chứng"}
    )
    sheet.refresh_from_db()
    assert (sheet.state, sheet.total, sheet.rank) == (UnitScore.State.VERIFIED, 40, 1)


def test_another_agency_sees_nothing(cast, client):
    table = make_table(cast, SELF)
    sheet = submit(cast, table, cast.unit, cast.unit_head, **{SELF[0]: 50})
    client.force_login(cast.other_office)
    assert client.get(reverse("awards:unit_score", args=[sheet.pk])).status_code == 404
    assert client.get(reverse("awards:scoring_table", args=[table.pk])).status_code == 404
    page = client.get(reverse("awards:scoring"), {"nam": YEAR})
    assert page.status_code == 200 and cast.unit.name not in page.content.decode()


def test_the_overview_ranks_the_units_and_says_when_there_is_no_table(cast, client):
    client.force_login(cast.office)
    assert "Chưa có bảng tiêu chí" in client.get(reverse("awards:scoring"), {"nam": 2030}).content.decode()
    response = client.post(
        reverse("awards:scoring_table_new") + "?nam=2030", {"year": 2030, "with_defaults": "on"}
    )
    table = ScoringTable.objects.get(organization=cast.org, year=2030)
    assert response.url == table.get_absolute_url()
    assert table.total_points == 100 and table.criteria.filter(kind=Kind.DEDUCTION).count() == 1


# The ranking feeds the collective titles (a rule parameter, absent from the national rules).

RULE = engine.RuleVersion(
    title=engine.Title.CO_THI_DUA_TINH,
    document="Quy chế thi đua của Sở",
    article="Điều 8",
    parameters={"min_unit_rating": "excellent", "decided_by": "province", "extra_criteria": []},
)


def _unit(scoring_=None):
    rating = engine.RatingEntry(engine.Rating.EXCELLENT, True)
    return engine.UnitFacts(key=1, name="Phòng A", rating=rating, scoring=scoring_)


def test_a_rule_without_scoring_parameters_judges_as_before():
    judged = engine.judge_co_thi_dua(_unit(engine.UnitScoring(Decimal(10), 9, 9)), YEAR, RULE)
    assert [r.criterion for r in judged.reasons] == [engine.Criterion.UNIT_RATING, engine.Criterion.HOLD]


@pytest.mark.parametrize(
    ("rank", "total", "met"),
    [(2, Decimal(90), True), (3, Decimal(90), False), (1, Decimal("79.99"), False), (None, None, None)],
)
def test_the_units_rank_and_points_are_a_criterion_when_the_rule_asks(rank, total, met):
    rule = engine.RuleVersion(
        RULE.title,
        RULE.document,
        RULE.article,
        RULE.parameters | {"scoring_top_rank": 2, "scoring_min_points": 80},
    )
    found = None if rank is None else engine.UnitScoring(total, rank, 5)
    judged = engine.judge_co_thi_dua(_unit(found), YEAR, rule)
    reason = judged.reasons[-1]
    assert reason.criterion == engine.Criterion.UNIT_SCORING and reason.met is met
    assert engine.parameter_problems(engine.Title.CO_THI_DUA_TINH, rule.parameters) == []
    assert engine.parameter_problems(
        engine.Title.CO_THI_DUA_TINH, rule.parameters | {"scoring_top_rank": 0}
    ) == ["scoring_top_rank"]

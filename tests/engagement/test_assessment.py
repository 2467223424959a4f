from decimal import Decimal

import pytest

from tests import factories
from thidua.engagement import services
from thidua.engagement.models import Assessment, Criterion, CriterionSet

pytestmark = pytest.mark.django_db


@pytest.fixture
def criteria(cast):
    criterion_set = CriterionSet.objects.create(
        organization=cast.org, year=2026, name="Tiêu chí thi đua doanh nghiệp năm 2026"
    )
    groups = ["efficiency", "compliance", "innovation", "workers"]
    return criterion_set, [
        Criterion.objects.create(
            criterion_set=criterion_set, group=group, text=f"Tiêu chí {group}", max_points=25, position=i
        )
        for i, group in enumerate(groups)
    ]


def _assess(cast, criterion_set, criteria, enterprise, claimed, verified=None):
    assessment = Assessment.objects.create(
        organization=cast.org, enterprise=enterprise, criterion_set=criterion_set
    )
    services.assessment_submit(
        assessment=assessment,
        scores={c: Decimal(p) for c, p in zip(criteria, claimed, strict=True)},
        user=cast.enterprise_user,
    )
    verified = {c: Decimal(p) for c, p in zip(criteria, verified or claimed, strict=True)}
    return services.assessment_verify(assessment=assessment, scores=verified, user=cast.office)


def test_the_verified_total_ranks_enterprises_and_ties_share_a_rank(cast, criteria):
    criterion_set, items = criteria
    first = _assess(cast, criterion_set, items, cast.enterprise, [25, 25, 20, 20], [25, 20, 20, 20])
    second = _assess(cast, criterion_set, items, factories.make_enterprise(cast.org), [20, 20, 20, 25])
    third = _assess(cast, criterion_set, items, factories.make_enterprise(cast.org), [10, 10, 10, 10])
    for assessment in (first, second, third):
        assessment.refresh_from_db()
    assert first.self_total == 90 and first.total == 85
    assert (first.rank, second.rank, third.rank) == (1, 1, 3)


def test_a_score_above_the_maximum_is_refused(cast, criteria):
    from django.core.exceptions import ValidationError

    criterion_set, items = criteria
    assessment = Assessment.objects.create(
        organization=cast.org, enterprise=cast.enterprise, criterion_set=criterion_set
    )
    with pytest.raises(ValidationError):
        services.assessment_submit(
            assessment=assessment, scores={c: Decimal(30) for c in items}, user=cast.enterprise_user
        )


def test_every_criterion_must_be_scored(cast, criteria):
    criterion_set, items = criteria
    assessment = Assessment.objects.create(
        organization=cast.org, enterprise=cast.enterprise, criterion_set=criterion_set
    )
    with pytest.raises(services.EngagementError, match="Chưa chấm"):
        services.assessment_submit(
            assessment=assessment, scores={items[0]: Decimal(5)}, user=cast.enterprise_user
        )


def test_an_enterprise_scores_itself_with_evidence_and_the_office_verifies(cast, client, criteria):
    from django.core.files.uploadedfile import SimpleUploadedFile

    criterion_set, items = criteria
    client.force_login(cast.enterprise_user)
    response = client.post(f"/doanh-nghiep/tieu-chi/{criterion_set.pk}/tu-cham/")
    assessment = Assessment.objects.get(enterprise=cast.enterprise)
    assert response.status_code == 302
    data = {f"c{c.pk}": "20" for c in items}
    data[f"e{items[0].pk}"] = SimpleUploadedFile("bao-cao-tai-chinh.pdf", b"%PDF-1.4 bao cao")
    assert client.post(f"/doanh-nghiep/ket-qua/{assessment.pk}/", data).status_code == 302
    assessment.refresh_from_db()
    assert assessment.state == Assessment.State.SUBMITTED and assessment.self_total == 80
    score = assessment.scores.get(criterion=items[0])
    assert client.get(f"/doanh-nghiep/diem/{score.pk}/minh-chung/").status_code == 200
    # Until verified the enterprise may only amend its own points; the office verifies.
    client.post(f"/doanh-nghiep/ket-qua/{assessment.pk}/", {f"c{c.pk}": "25" for c in items})
    assessment.refresh_from_db()
    assert assessment.state == Assessment.State.SUBMITTED and assessment.total is None
    client.force_login(cast.office)
    verified = {f"c{c.pk}": "15" for c in items}
    assert client.post(f"/doanh-nghiep/ket-qua/{assessment.pk}/", verified).status_code == 302
    assessment.refresh_from_db()
    assert assessment.state == Assessment.State.VERIFIED and assessment.total == 60 and assessment.rank == 1
    client.force_login(cast.other_office)
    assert client.get(f"/doanh-nghiep/diem/{score.pk}/minh-chung/").status_code == 404


def test_ties_are_ranked_and_listed_the_same_way_every_time(cast, criteria):
    criterion_set, items = criteria
    twins = [factories.make_enterprise(cast.org, name="Công ty Cổ phần Trùng Tên") for _ in range(2)]
    for enterprise in reversed(twins):
        _assess(cast, criterion_set, items, enterprise, [20, 20, 20, 20])
    pending = Assessment.objects.create(
        organization=cast.org,
        enterprise=factories.make_enterprise(cast.org, name="A Chưa thẩm định"),
        criterion_set=criterion_set,
    )
    ranked = services.assessments_rank(criterion_set=criterion_set, user=cast.office)
    assert [a.rank for a in ranked] == [1, 1]
    assert [a.pk for a in ranked] == sorted(a.pk for a in ranked)
    listed = list(Assessment.objects.filter(criterion_set=criterion_set))
    assert listed[-1] == pending and [a.pk for a in listed[:2]] == [a.pk for a in ranked]

import datetime

import pytest
from django.core.cache import cache

from tests.api.factories import make_assignment, make_token
from thidua.api import services
from thidua.api.models import ApiToken
from thidua.awards.models import Award, Title
from thidua.engagement.models import Feedback
from thidua.initiatives.models import Initiative
from thidua.tracking import services as tracking
from thidua.tracking.workload import assignment_period


@pytest.fixture(autouse=True)
def fresh_cache():
    """Request counts of the rate limit live in the cache: each test starts from none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(cast):
    """The cast's agency with one row of every kind the API reads, and four tokens: read, read-write for
    the cast's unit, a read-write token of the other agency, and a revoked one."""
    w = cast
    w.assignment = make_assignment(w.org, w.unit)
    w.plan, w.target = w.assignment.target.plan, w.assignment.target
    w.q1, w.q2 = (assignment_period(w.assignment, key) for key in ("2026-01-01", "2026-04-01"))
    w.draft = tracking.report_start(assignment=w.assignment, period=w.q2, user=w.staff)
    w.initiative = Initiative.objects.create(
        organization=w.org,
        unit=w.unit,
        title="Số hóa hồ sơ cấp phép",
        field="Cấp phép xây dựng",
        changes="Quét và gắn mã hồ sơ",
        first_applied_on=datetime.date(2026, 3, 1),
        effect="Rút ngắn thời gian tra cứu",
        status=Initiative.Status.RECEIVED,
        created_by=w.staff,
    )
    w.feedback = Feedback.objects.create(
        organization=w.org,
        subject="Thời hạn cấp phép",
        content="Bao lâu thì có giấy phép?",
        received_on=datetime.date(2026, 5, 2),
        state=Feedback.State.ANSWERED,
        answer="Trong 15 ngày.",
        answered_on=datetime.date(2026, 5, 10),
        publish_consent=True,
        is_published=True,
    )
    w.award = Award.objects.create(
        organization=w.org,
        unit=w.unit,
        year=2025,
        title=Title.TTLDTT,
        decision_number="12/QĐ-SXD",
        decision_date=datetime.date(2026, 1, 20),
    )
    w.other_unit = w.other_org.units.create(name="Phòng Quản lý xây dựng")
    w.other_assignment = make_assignment(w.other_org, w.other_unit)
    w.tokens = {
        "read": make_token(w.org, w.office)[1],
        "read_write": make_token(w.org, w.office, ApiToken.Scope.READ_WRITE, w.unit)[1],
        "other_agency": make_token(w.other_org, w.other_office, ApiToken.Scope.READ_WRITE, w.other_unit)[1],
    }
    revoked, w.tokens["revoked"] = make_token(w.org, w.office, ApiToken.Scope.READ_WRITE, w.unit)
    services.token_revoke(token=revoked, user=w.office)
    return w

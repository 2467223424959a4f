"""Error pages speak Vietnamese, like the rest of the product."""

from django.test import RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

from tests import factories


def test_a_missing_page_says_so_in_vietnamese(client, cast):
    client.force_login(cast.office)
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Không tìm thấy trang" in page and 'data-testid="error-page"' in page


def test_a_refused_action_says_why_in_vietnamese(client, cast):
    target = factories.make_target(factories.make_plan(cast.org))
    client.force_login(cast.unit_head)
    response = client.post(reverse("tracking:target_measurement", args=[target.pk]), {})
    assert response.status_code == 403
    assert "Không có quyền thực hiện" in response.content.decode()


def test_a_server_error_page_needs_nothing_from_the_request(db):
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Hệ thống gặp lỗi" in response.content.decode()

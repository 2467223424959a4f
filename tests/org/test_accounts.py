"""Accounts: a person changes their password, resets a forgotten one by e-mail, and the office resets
the password of a person of its agency; each reset is in the person's history with who did it."""

import re

import pytest
from django.core import mail

from tests import factories
from thidua.org.roles import Role

NEW = "Thi-dua-2027-moi"


@pytest.fixture
def agency(db):
    return factories.make_organization()


@pytest.fixture
def staff(agency):
    return factories.make_user(
        agency, Role.STAFF, unit=factories.make_unit(agency), email="can.bo@sxd.gov.vn"
    )


@pytest.fixture
def office(agency):
    return factories.make_user(agency, Role.OFFICE)


def can_log_in(user, password) -> bool:
    user.refresh_from_db()
    return user.check_password(password)


def test_a_person_changes_their_password_with_the_old_one(client, staff):
    client.force_login(staff)
    wrong = client.post(
        "/tai-khoan/doi-mat-khau/",
        {"old_password": "sai", "new_password1": NEW, "new_password2": NEW},
    )
    assert wrong.status_code == 200
    assert "Mật khẩu cũ" in wrong.content.decode()  # the message names the field
    assert can_log_in(staff, "mat-khau-thu")

    right = client.post(
        "/tai-khoan/doi-mat-khau/",
        {"old_password": "mat-khau-thu", "new_password1": NEW, "new_password2": NEW},
        follow=True,
    )
    assert "Đã đổi mật khẩu." in right.content.decode()
    assert can_log_in(staff, NEW) and not can_log_in(staff, "mat-khau-thu")


def test_a_forgotten_password_is_reset_by_a_one_time_link(client, staff):
    client.post("/quen-mat-khau/", {"email": "can.bo@sxd.gov.vn"})
    (message,) = mail.outbox
    assert message.to == ["can.bo@sxd.gov.vn"]
    assert message.subject == "Thi Đua: đặt lại mật khẩu"
    assert staff.username in message.body
    link = re.search(r"http://testserver(/dat-lai-mat-khau/\S+/)", message.body).group(1)

    form = client.get(link, follow=True)
    page = form.redirect_chain[-1][0]
    client.post(page, {"new_password1": NEW, "new_password2": NEW})
    assert can_log_in(staff, NEW)

    again = client.get(link, follow=True).content.decode()
    assert "Liên kết không còn dùng được" in again


def test_an_unknown_address_sends_nothing_and_says_the_same(client, staff):
    response = client.post("/quen-mat-khau/", {"email": "khong.co@sxd.gov.vn"}, follow=True)
    assert "Hãy kiểm tra hộp thư" in response.content.decode()  # no hint whether the account exists
    assert mail.outbox == []


def test_the_office_sets_a_new_password_and_the_history_says_who(client, office, staff):
    client.force_login(office)
    listed = client.get("/tai-khoan/nguoi-dung/").content.decode()
    assert staff.username in listed and office.username not in listed  # one's own: with the old password

    client.post(f"/tai-khoan/nguoi-dung/{staff.pk}/mat-khau/", {"new_password1": NEW, "new_password2": NEW})
    assert can_log_in(staff, NEW)
    latest = staff.history.latest()
    assert latest.history_user == office
    assert latest.history_change_reason == "Văn phòng đặt mật khẩu mới"


def test_the_office_sends_the_link_to_that_person_only(client, agency, office, staff):
    factories.make_user(agency, Role.STAFF, email="can.bo@sxd.gov.vn")  # the same address on two accounts
    client.force_login(office)
    client.post(f"/tai-khoan/nguoi-dung/{staff.pk}/gui-lien-ket/")
    (message,) = mail.outbox
    assert staff.username in message.body
    assert staff.history.latest().history_change_reason == "Văn phòng gửi liên kết đặt lại mật khẩu"


def test_without_an_email_the_office_is_told_to_set_a_password(client, agency, office):
    person = factories.make_user(agency, Role.STAFF)
    client.force_login(office)
    response = client.post(f"/tai-khoan/nguoi-dung/{person.pk}/gui-lien-ket/", follow=True)
    assert "chưa có địa chỉ e-mail" in response.content.decode()
    assert mail.outbox == []


def test_only_the_office_resets_and_only_its_own_agency(client, agency, office, staff):
    head = factories.make_user(agency, Role.UNIT_HEAD, unit=staff.unit)
    client.force_login(head)
    assert client.get("/tai-khoan/nguoi-dung/").status_code == 403
    assert client.post(f"/tai-khoan/nguoi-dung/{staff.pk}/mat-khau/", {}).status_code == 403

    other = factories.make_organization()
    stranger = factories.make_user(other, Role.STAFF)
    superuser = factories.make_user(agency, Role.OFFICE, is_superuser=True)
    client.force_login(office)
    assert client.get(f"/tai-khoan/nguoi-dung/{stranger.pk}/mat-khau/").status_code == 404
    assert client.get(f"/tai-khoan/nguoi-dung/{superuser.pk}/mat-khau/").status_code == 403
    assert client.get(f"/tai-khoan/nguoi-dung/{staff.pk}/mat-khau/").status_code == 200

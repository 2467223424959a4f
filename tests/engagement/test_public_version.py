"""Before an answer goes public the office reads and edits the public copy, personal data marked."""

import pytest

from tests.engagement.factories import make_feedback, make_rule
from thidua.engagement import services
from thidua.engagement.models import Feedback
from thidua.engagement.personal_data import find_personal_data

ORIGINAL_QUESTION = (
    "Tôi là ông Nguyễn Văn Bình, nhà số 12 ngõ 5 đường Lê Lợi, điện thoại 0912 345 678, "
    "thư binh.nv@example.vn, CCCD 038085001234: vì sao hồ sơ cấp phép xây dựng chậm 05 ngày?"
)


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Liên hệ 0912 345 678 hoặc 0912.345.678", ["phone", "phone"]),
        ("Tổng đài (0237) 3852 123, +84 912 345 678", ["phone", "phone"]),
        ("Gửi thư tới binh.nv@example.vn", ["email"]),
        ("CCCD số 038085001234", ["id"]),
        ("Nhà số 12 ngõ 5 đường Lê Lợi, phường Ba Đình", ["address"]),
        ("Bà Trần Thị Mai đề nghị", ["name"]),
        ("Đạt 99,5% hồ sơ đúng hạn, 05 đơn vị, ngày 30/8/2026, năm 2026", []),
        ("Sở Xây dựng trả lời theo Kế hoạch số 123/KH-SXD ngày 15/7/2026", []),
    ],
)
def test_personal_data_is_found_and_figures_of_the_plan_are_not(text, kinds):
    assert [finding.kind for finding in find_personal_data(text)] == kinds


def test_names_the_record_holds_are_marked_wherever_the_text_repeats_them():
    found = find_personal_data("Đề nghị của Phạm Quốc Khánh đã được xem xét", ("phạm quốc khánh",))
    assert [(f.kind, f.text) for f in found] == [("name", "Phạm Quốc Khánh")]


@pytest.fixture
def answered(cast):
    make_rule()
    feedback = make_feedback(
        cast.org,
        cast.enterprise,
        cast.enterprise_user,
        subject="Cấp phép xây dựng chậm",
        content=ORIGINAL_QUESTION,
        publish_consent=True,
    )
    services.feedback_assign(feedback=feedback, unit=cast.unit, user=cast.office)
    services.feedback_answer(
        feedback=feedback,
        answer="Sở đã liên hệ ông Nguyễn Văn Bình qua số 0912 345 678.",
        user=cast.unit_head,
    )
    return feedback


def test_the_office_sees_personal_data_marked_and_must_remove_or_confirm_it(cast, client, answered):
    client.force_login(cast.office)
    url = f"/doanh-nghiep/phan-anh/{answered.pk}/cong-khai/"
    page = client.get(url).content.decode()
    assert '<mark class="hl-personal" title="số điện thoại" data-kind="phone">0912 345 678</mark>' in page
    assert 'data-kind="address"' in page and 'data-kind="email"' in page and 'data-kind="id"' in page
    form = {"subject": answered.subject, "content": ORIGINAL_QUESTION, "answer": answered.answer}
    refused = client.post(url, form)
    assert refused.status_code == 200
    errors = refused.context["form"].errors
    assert "số điện thoại “0912 345 678”" in errors["content"][0] and "answer" in errors
    assert not Feedback.objects.get(pk=answered.pk).is_published
    edited = form | {
        "content": "Vì sao hồ sơ cấp phép xây dựng chậm 05 ngày?",
        "answer": "Sở đã liên hệ người gửi và giải quyết hồ sơ trong ngày.",
    }
    assert client.post(url, edited).url == answered.get_absolute_url()
    feedback = Feedback.objects.get(pk=answered.pk)
    assert feedback.is_published and feedback.content == ORIGINAL_QUESTION  # the original stays internal
    public = client.get(f"/cong-khai/phan-anh-kien-nghi/{answered.pk}/").content.decode()
    assert "Vì sao hồ sơ cấp phép xây dựng chậm 05 ngày?" in public
    assert "0912 345 678" not in public and "Nguyễn Văn Bình" not in public and "Lê Lợi" not in public
    assert feedback.history.first().history_change_reason == "Công khai trả lời"


def test_the_office_may_keep_what_is_marked_and_edit_the_public_copy_later(cast, client, answered):
    client.force_login(cast.office)
    url = f"/doanh-nghiep/phan-anh/{answered.pk}/cong-khai/"
    form = {"subject": "Cấp phép chậm", "content": "Ông Nguyễn Văn Bình hỏi", "answer": "Đã giải quyết"}
    client.post(url, form | {"keep_marked": "on"})
    assert Feedback.objects.get(pk=answered.pk).public_content == "Ông Nguyễn Văn Bình hỏi"
    client.post(url, form | {"content": "Người dân hỏi"})
    feedback = Feedback.objects.get(pk=answered.pk)
    assert feedback.public_content == "Người dân hỏi"
    assert feedback.history.first().history_change_reason == "Sửa bản công khai"
    assert "Người dân hỏi" in client.get("/cong-khai/phan-anh-kien-nghi/").content.decode()


def test_checking_again_publishes_nothing(cast, client, answered):
    client.force_login(cast.office)
    url = f"/doanh-nghiep/phan-anh/{answered.pk}/cong-khai/"
    form = {"subject": "Cấp phép chậm", "content": "Hỏi về cấp phép", "answer": "Đã giải quyết", "check": ""}
    page = client.post(url, form)
    assert page.status_code == 200 and not Feedback.objects.get(pk=answered.pk).is_published

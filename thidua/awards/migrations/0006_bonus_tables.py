"""The bonus tables (steering notes on the law, §1.8) and the Director's authority (§1.3), as data:

- the base salary (mức lương cơ sở) by date, with the decree that set it;
- the multiple of the base salary each form brings (Nghị định 98/2023/NĐ-CP Điều 54, restated by
  Nghị định 152/2025/NĐ-CP), where the current value is unsettled the row's note says so;
- on every national title rule, the basis of its `decided_by` parameter (Luật 2022 Điều 80 khoản 1);
- the reward book's existing lines: each (number, date) becomes an issued decision they link to.
"""

import datetime
from decimal import Decimal

from django.db import migrations

BONUS_DECREE = "Nghị định 98/2023/NĐ-CP (nội dung được Nghị định 152/2025/NĐ-CP kế thừa)"
BONUS_IN_FORCE = datetime.date(2023, 12, 31)  # Nghị định 98/2023 took effect on 31/12/2023
UNSETTLED = (
    "Chưa xác minh: hệ số hiện hành. Giá trị ghi ở đây là của Nghị định 91/2017/NĐ-CP; hệ số cho tập thể "
    "được cho là gấp đôi cá nhân. Kiểm tra lại văn bản gốc và sửa khi có căn cứ."
)
MULTIPLES = [
    ("cstd_tinh", "person", "3.0", "Điều 54", ""),
    ("cstdcs", "person", "1.0", "Điều 54", ""),
    ("ldtt", "person", "0.3", "Điều 54", ""),
    ("ttldxs", "unit", "1.5", "Điều 54", ""),
    ("ttldtt", "unit", "0.8", "Điều 54", ""),
    ("co_thi_dua_tinh", "unit", "8.0", "Điều 54", ""),
    ("bang_khen_tinh", "person", "1.0", "", UNSETTLED),
    ("bang_khen_tinh", "unit", "2.0", "", UNSETTLED),
    ("giay_khen", "person", "0.3", "", UNSETTLED),
    ("giay_khen", "unit", "0.6", "", UNSETTLED),
]
BASE_SALARIES = [
    (1_800_000, datetime.date(2023, 7, 1), datetime.date(2024, 6, 30), "Nghị định 24/2023/NĐ-CP", ""),
    (
        2_340_000,
        datetime.date(2024, 7, 1),
        None,
        "Nghị định 73/2024/NĐ-CP",
        "Chưa xác minh: mức điều chỉnh năm 2026. Khi có nghị định mới, thêm một dòng với ngày hiệu lực "
        "của nó và ghi ngày hết hiệu lực cho dòng này.",
    ),
]
AUTHORITY = "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 80 khoản 1"


def forward(apps, schema_editor):
    BaseSalary = apps.get_model("awards", "BaseSalary")
    BonusMultiple = apps.get_model("awards", "BonusMultiple")
    TitleRule = apps.get_model("awards", "TitleRule")
    Award = apps.get_model("awards", "Award")
    Decision = apps.get_model("awards", "Decision")
    for amount, valid_from, valid_to, basis, note in BASE_SALARIES:
        BaseSalary.objects.get_or_create(
            organization=None,
            valid_from=valid_from,
            defaults={"amount": amount, "valid_to": valid_to, "legal_basis": basis, "note": note},
        )
    for title, subject, multiple, article, note in MULTIPLES:
        BonusMultiple.objects.get_or_create(
            organization=None,
            title=title,
            subject=subject,
            valid_from=BONUS_IN_FORCE,
            defaults={"multiple": Decimal(multiple), "legal_basis": BONUS_DECREE, "article": article, "note": note},
        )
    for rule in TitleRule.objects.filter(organization__isnull=True):
        if "authority_basis" not in rule.parameters:
            rule.parameters = {**rule.parameters, "authority_basis": AUTHORITY}
            rule.save(update_fields=["parameters"])
    # The reward book's lines written before decisions existed: one issued decision per number and date.
    made = {}
    for award in Award.objects.filter(decision__isnull=True, proposal__isnull=True).order_by("pk"):
        key = (award.organization_id, award.decision_number, award.decision_date)
        if key not in made:
            made[key] = Decision.objects.filter(
                organization_id=key[0], number=key[1], signed_on=key[2]
            ).first() or Decision.objects.create(
                organization_id=key[0],
                year=award.year,
                kind=award.kind,
                content=f"Khen thưởng năm {award.year}",
                number=award.decision_number,
                signed_on=award.decision_date,
                signer=award.signer,
                status="issued",
                created_by_id=_first_user(apps, key[0]),
            )
        award.decision = made[key]
        award.save(update_fields=["decision"])


def _first_user(apps, organization_id):
    User = apps.get_model("org", "User")
    user = User.objects.filter(organization_id=organization_id).order_by("pk").first() or User.objects.order_by(
        "pk"
    ).first()
    return user.pk


class Migration(migrations.Migration):
    dependencies = [("awards", "0005_decisions_proposals")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]

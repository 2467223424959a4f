"""Workbooks the product writes carry text as text: never a formula, whoever typed it."""

import datetime
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from tests import factories
from thidua.core.spreadsheets import set_cell
from thidua.plans.models import Target
from thidua.tracking import services
from thidua.tracking.models import Assignment
from thidua.tracking.periods import QUARTERLY, period_containing

Q3 = period_containing(datetime.date(2026, 7, 1), QUARTERLY)
HYPERLINK = '=HYPERLINK("http://x","y")'


def _saved_and_read(values: list) -> list:
    workbook = Workbook()
    for column, value in enumerate(values, start=1):
        set_cell(workbook.active, 1, column, value)
    buffer = BytesIO()
    workbook.save(buffer)
    return list(load_workbook(BytesIO(buffer.getvalue())).active[1])


@pytest.mark.parametrize("text", [HYPERLINK, "= 100%", "+84 912 345 678", "-1", "@SUM(A1)", "\t=1+1", "\r=1"])
def test_text_that_looks_like_a_formula_is_written_as_text(text):
    (cell,) = _saved_and_read([text])
    assert (cell.data_type, cell.value, cell.quotePrefix) == ("s", text, True)


def test_numbers_and_plain_text_are_written_as_they_are():
    number, text = _saved_and_read([7500, "Đạt kế hoạch"])
    assert (number.data_type, number.value) == ("n", 7500)
    assert (text.data_type, text.value, text.quotePrefix) == ("s", "Đạt kế hoạch", False)


def test_a_staff_analysis_reaches_the_offices_download_as_text(client, cast):
    plan = factories.make_plan(cast.org)
    target = factories.make_target(plan, comparator=Target.Comparator.EQ, value=Decimal(100))
    assignment = Assignment.objects.create(organization=cast.org, target=target, unit=cast.unit)
    report = services.report_start(assignment=assignment, period=Q3, user=cast.staff)
    services.report_update(report=report, user=cast.staff, analysis=HYPERLINK)
    client.force_login(cast.office)

    response = client.get(reverse("tracking:unit_workbook", args=[cast.unit.pk, Q3.key]))

    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).active
    cells = {cell.value: cell for row in sheet.iter_rows() for cell in row if cell.value is not None}
    assert (cells[HYPERLINK].data_type, cells[HYPERLINK].value) == ("s", HYPERLINK)
    assert target.requirement == "= 100%"
    assert (cells["= 100%"].data_type, cells["= 100%"].value) == ("s", "= 100%")
    assert not any(cell.data_type == "f" for cell in cells.values())

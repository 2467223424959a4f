"""A PDF that carries JavaScript, a launch action or embedded files is refused as evidence.

Refused, not flagged: reviewers open evidence in their browser or PDF reader, and no proof of a
reported figure needs a script or a file hidden inside it.
"""

import datetime
import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests import factories
from thidua.core.uploads import pdf_has_active_content
from thidua.tracking import services
from thidua.tracking.models import Assignment, Evidence
from thidua.tracking.periods import period_containing

PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"


def make_pdf(catalog_extra: bytes = b"", *extra_objects: bytes) -> bytes:
    """A one-page PDF with a correct cross-reference table; extra objects are numbered from 4."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        PAGE,
        *extra_objects,
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


PLAIN = make_pdf()
OPEN_ACTION_SCRIPT = make_pdf(b"/OpenAction 4 0 R", b"<< /S /JavaScript /JS (app.alert\\(1\\)) >>")
EMBEDDED_FILE = make_pdf(
    b"/Names << /EmbeddedFiles 4 0 R >>",
    b"<< /Names [(hoa-don.exe) 5 0 R] >>",
    b"<< /Type /Filespec /F (hoa-don.exe) /EF << /F 6 0 R >> >>",
    b"<< /Type /EmbeddedFile /Length 2 >>\nstream\nMZ\nendstream",
)
# The same script with its names written in #xx escapes: no byte scan for "/JavaScript" sees it.
ESCAPED_SCRIPT = make_pdf(b"/OpenAction 4 0 R", b"<< /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>")
LAUNCH = make_pdf(b"/OpenAction 4 0 R", b"<< /S /Launch /F (cmd.exe) >>")


@pytest.fixture
def report(cast):
    plan = factories.make_plan(cast.org, reporting_rhythm="quarterly")
    assignment = Assignment.objects.create(
        organization=cast.org, target=factories.make_target(plan), unit=cast.unit
    )
    period = period_containing(datetime.date(2026, 2, 1), "quarterly")
    return services.report_start(assignment=assignment, period=period, user=cast.unit_head)


def upload(client, report, content: bytes):
    file = SimpleUploadedFile("bien-ban.pdf", content, content_type="application/pdf")
    return client.post(report.get_absolute_url(), {"upload": "", "file": file})


@pytest.mark.parametrize("content", [OPEN_ACTION_SCRIPT, EMBEDDED_FILE, ESCAPED_SCRIPT, LAUNCH])
def test_a_pdf_with_active_content_is_refused_as_evidence(client, cast, report, content):
    client.force_login(cast.unit_head)
    page = html.unescape(upload(client, report, content).content.decode())
    assert "Tệp PDF “bien-ban.pdf” chứa mã JavaScript" in page
    assert not Evidence.objects.exists()


def test_a_plain_pdf_is_kept(client, cast, report):
    client.force_login(cast.unit_head)
    upload(client, report, PLAIN)
    assert Evidence.objects.get().original_name == "bien-ban.pdf"


def test_escaped_names_are_read_as_the_parser_reads_them():
    assert b"/JavaScript" not in ESCAPED_SCRIPT
    assert pdf_has_active_content(ESCAPED_SCRIPT)
    assert not pdf_has_active_content(PLAIN)


def test_a_damaged_pdf_is_searched_byte_by_byte():
    assert pdf_has_active_content(b"%PDF-1.4\ngarbage /JavaScript garbage")
    assert not pdf_has_active_content(b"%PDF-1.4\ngarbage")

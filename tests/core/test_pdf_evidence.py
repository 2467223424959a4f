"""A PDF that carries JavaScript, a launch action or embedded files is refused as evidence.

Refused, not flagged: reviewers open evidence in their browser or PDF reader, and no proof of a
reported figure needs a script or a file hidden inside it. The test files are written by hand, byte
by byte, as a PDF writer would.
"""

import datetime
import html
import struct
import tracemalloc
import zlib
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1

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


def object_stream_pdf() -> bytes:
    """A PDF 1.5 whose script action lives in a compressed object stream, found through an xref stream."""
    out = bytearray(b"%PDF-1.5\n")
    offsets = {}

    def add(number: int, body: bytes) -> None:
        offsets[number] = len(out)
        out.extend(b"%d 0 obj\n%s\nendobj\n" % (number, body))

    add(1, b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>")
    add(2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
    add(3, PAGE)
    header = b"4 0 "
    packed = zlib.compress(header + b"<< /S /JavaScript /JS (app.alert\\(1\\)) >>")
    stream = b"<< /Type /ObjStm /N 1 /First %d /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream"
    add(5, stream % (len(header), len(packed), packed))
    start = len(out)
    rows = [b"\x00" + struct.pack(">IH", 0, 65535)]
    for number in range(1, 7):
        kind, field = {4: (2, 5), 6: (1, start)}.get(number, (1, offsets.get(number, 0)))
        rows.append(bytes([kind]) + struct.pack(">IH", field, 0))
    xref = b"".join(rows)
    add(
        6,
        b"<< /Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n%s\nendstream"
        % (len(xref), xref),
    )
    out.extend(b"startxref\n%d\n%%%%EOF\n" % start)
    return bytes(out)


OBJECT_STREAM_SCRIPT = object_stream_pdf()


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


@pytest.mark.parametrize(
    "content", [OPEN_ACTION_SCRIPT, EMBEDDED_FILE, ESCAPED_SCRIPT, LAUNCH, OBJECT_STREAM_SCRIPT]
)
def test_a_pdf_with_active_content_is_refused_as_evidence(client, cast, report, content):
    client.force_login(cast.unit_head)
    page = html.unescape(upload(client, report, content).content.decode())
    assert "Tệp PDF “bien-ban.pdf” chứa mã JavaScript" in page
    assert not Evidence.objects.exists()


def test_a_plain_pdf_is_kept(client, cast, report):
    client.force_login(cast.unit_head)
    upload(client, report, PLAIN)
    assert Evidence.objects.get().original_name == "bien-ban.pdf"


def test_names_are_found_where_a_reader_finds_them():
    """In #xx escapes and in compressed object streams, where no search of the raw bytes sees them;
    pdfminer, a real reader, resolves the same script (so the test files are real PDFs)."""
    for content in (ESCAPED_SCRIPT, OBJECT_STREAM_SCRIPT):
        assert b"/JavaScript" not in content
        action = resolve1(PDFDocument(PDFParser(BytesIO(content))).catalog["OpenAction"])
        assert action["S"].name == "JavaScript"
        assert pdf_has_active_content(content)
    assert not pdf_has_active_content(PLAIN)


def test_an_object_stream_bomb_is_not_unpacked_past_the_budget():
    """An object stream unpacking past the budget is refused once the budget is spent, not read on."""
    packer = zlib.compressobj()
    bomb = packer.compress(b" " * (8 * 1024 * 1024)) + packer.flush()
    content = PLAIN.replace(
        b"%%EOF",
        b"7 0 obj\n<< /Type /ObjStm /Filter /FlateDecode >>\nstream\n" + bomb + b"\nendstream\n%%EOF",
    )
    assert not pdf_has_active_content(content, budget=16 * 1024 * 1024)  # read through: only spaces
    tracemalloc.start()
    try:
        assert pdf_has_active_content(content, budget=1024 * 1024)
        assert tracemalloc.get_traced_memory()[1] < 3 * 1024 * 1024  # not the 8 MB it unpacks to
    finally:
        tracemalloc.stop()

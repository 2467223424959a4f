"""Demo year-end 2026: the dossier sent up with each agency's tờ trình to the province (the tờ trình as
signed and the council's minutes), attached on the day it was sent. Idempotent: a proposal that has
files is left as it is."""

from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.awards.models import Proposal, ProposalFile
from thidua.core.audit import save_audited
from thidua.core.uploads import save_private_file, validate_evidence
from thidua.demo.dates import backdate
from thidua.org.roles import Role


def _pdf(line: str) -> bytes:
    """A one-page PDF saying `line` (ASCII), with a correct cross-reference table."""
    stream = f"BT /F1 14 Tf 72 760 Td ({line}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def load_dossier(organization, people: dict) -> None:
    office = people[Role.OFFICE]
    for proposal in Proposal.objects.filter(organization=organization, year=2026).exclude(number=""):
        if proposal.files.exists():
            continue
        slug = proposal.number.replace("/", "-")
        for kind, name, line in (
            (ProposalFile.Kind.SUBMISSION, f"to-trinh-{slug}.pdf", f"To trinh so {proposal.number}"),
            (ProposalFile.Kind.MINUTES, "bien-ban-hop-hoi-dong-2026.pdf", "Bien ban hop Hoi dong TDKT 2026"),
        ):
            upload = SimpleUploadedFile(name, _pdf(line), content_type="application/pdf")
            validate_evidence(upload)
            row = ProposalFile(proposal=proposal, kind=kind, uploaded_by=office)
            save_private_file(row, upload)
            save_audited(row, user=office, reason="Thêm tệp hồ sơ đề nghị")
            if proposal.signed_on:
                backdate(row, uploaded_at=proposal.signed_on)

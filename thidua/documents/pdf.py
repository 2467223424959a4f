"""PDF from the .docx by LibreOffice headless, so that the Word file and the PDF look the same.

Needs `soffice` (Debian: `libreoffice-writer-nogui`) and a Times New Roman metric-compatible font
(Debian: `fonts-liberation2`, Liberation Serif): fontconfig puts Liberation Serif in place of Times New
Roman, and LibreOffice embeds the font it used in the PDF. Each conversion runs with its own private
LibreOffice profile, so that conversions in parallel (web workers, tests) do not share one.
"""

import shutil
import subprocess
import tempfile
from pathlib import Path

from django.utils.translation import gettext as _

TIMEOUT_SECONDS = 120


class PdfError(Exception):
    """The PDF could not be made: the message says why, in Vietnamese."""


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(data: bytes, *, timeout: int = TIMEOUT_SECONDS) -> bytes:
    soffice = soffice_path()
    if soffice is None:
        raise PdfError(
            _(
                "Không tạo được tệp PDF: máy chủ chưa cài LibreOffice (lệnh soffice). "
                "Hãy cài gói libreoffice-writer-nogui và fonts-liberation2, hoặc tải bản Word (.docx)."
            )
        )
    with tempfile.TemporaryDirectory(prefix="thidua-pdf-") as folder:
        work = Path(folder)
        source = work / "van-ban.docx"
        source.write_bytes(data)
        command = [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(source),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=timeout, check=False, cwd=work)
        except subprocess.TimeoutExpired as error:
            raise PdfError(
                _("Không tạo được tệp PDF: LibreOffice không xong sau {seconds} giây.").format(
                    seconds=timeout
                )
            ) from error
        result = work / "van-ban.pdf"
        if not result.exists():
            raise PdfError(_("Không tạo được tệp PDF: LibreOffice không chuyển được tệp Word."))
        return result.read_bytes()

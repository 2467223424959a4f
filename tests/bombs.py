"""Real "bomb" files, small packed and huge unpacked, for the upload tests and `bench/bench_uploads.py`.

Built by streaming the huge part into the zip, so building one never holds it in memory.
"""

import zipfile
from io import BytesIO

import docx
from openpyxl import Workbook

MB = 1024 * 1024
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
WORD_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _replace_part(
    package: bytes, part: str, head: bytes, unit: bytes, count: int, tail: bytes, edits: dict | None = None
) -> bytes:
    """`package` with `part` rewritten as head + unit × count + tail (written in 1 MB pieces);
    `edits` maps a member to (text, replacement) to declare the part where the format wants it."""
    out = BytesIO()
    edits = edits or {}
    with (
        zipfile.ZipFile(BytesIO(package)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            if info.filename == part:
                continue
            content = source.read(info)
            if info.filename in edits:
                content = content.replace(*edits[info.filename])
            target.writestr(info, content)
        with target.open(part, "w", force_zip64=True) as stream:
            stream.write(head)
            per_piece = max(1, MB // len(unit))
            piece = unit * per_piece
            written = 0
            while written + per_piece <= count:
                stream.write(piece)
                written += per_piece
            stream.write(unit * (count - written))
            stream.write(tail)
    return out.getvalue()


def xlsx_with_shared_strings(count: int, text: bytes = b"x", declared: int | None = None) -> bytes:
    """A workbook whose shared-strings part holds `count` strings (and says it holds `declared`).

    `text` is each string's text; it may also be a run of whole <si> elements, repeated `count` times."""
    workbook = Workbook()
    workbook.active.append(["Mã dòng (không sửa)", "Kết quả kỳ này"])
    buffer = BytesIO()
    workbook.save(buffer)
    declared = count if declared is None else declared
    head = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<sst xmlns="{MAIN_NS}" count="{declared}" uniqueCount="{declared}">'
    ).encode()
    strings_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
    relation = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
    declare = {  # as Excel writes it: a content type, and a relationship from the workbook
        "[Content_Types].xml": (
            b"</Types>",
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{strings_type}"/></Types>'.encode(),
        ),
        "xl/_rels/workbook.xml.rels": (
            b"</Relationships>",
            f'<Relationship Id="S" Type="{relation}" Target="sharedStrings.xml"/></Relationships>'.encode(),
        ),
    }
    return _replace_part(
        buffer.getvalue(),
        "xl/sharedStrings.xml",
        head,
        text if text.startswith(b"<si>") else b"<si><t>" + text + b"</t></si>",
        count,
        b"</sst>",
        edits=declare,
    )


def xlsx_bomb(unpacked_mb: int = 300) -> bytes:
    """A workbook of a few hundred kilobytes whose shared strings unpack to `unpacked_mb` MB."""
    unit = len(b"<si><t>x</t></si>")
    return xlsx_with_shared_strings(unpacked_mb * MB // unit)


def docx_with_paragraphs(count: int, text: bytes = b"a") -> bytes:
    """A Word file of `count` one-word paragraphs."""
    buffer = BytesIO()
    docx.Document().save(buffer)
    head = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{WORD_NS}"><w:body>'
    )
    unit = b"<w:p><w:r><w:t>" + text + b"</w:t></w:r></w:p>"
    return _replace_part(
        buffer.getvalue(), "word/document.xml", head.encode(), unit, count, b"</w:body></w:document>"
    )


def docx_bomb(unpacked_mb: int = 190) -> bytes:
    """A Word file of a few hundred kilobytes whose tiny paragraphs unpack to `unpacked_mb` MB."""
    return docx_with_paragraphs(unpacked_mb * MB // len(b"<w:p><w:r><w:t>a</w:t></w:r></w:p>"))


def xlsx_with_distinct_strings(count: int) -> bytes:
    """A workbook of `count` different shared strings: too varied to trip the ratio bound, so only
    counting them refuses it."""
    body = b"".join(b"<si><t>s%x</t></si>" % (number * 7919 % 1000003) for number in range(count))
    return xlsx_with_shared_strings(1, body, declared=count)

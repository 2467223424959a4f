"""Is an Office file (.xlsx, .docx: a zip of XML parts) safe to open? Decided before any parser runs.

A 1,5 MB workbook can unpack to half a gigabyte of shared strings, which openpyxl reads in full
even in read-only mode; a 600 KB Word file can unpack to 200 MB of tiny paragraphs, which
python-docx holds as one tree. So before a parser sees an upload, `inspect_office` reads the zip's
directory (member count, each member's and the total unpacked size, each member's compression
ratio) and streams once, through a bounded reader, the one part a parser would hold whole: a
workbook's shared strings, a document's body, counting their strings or paragraphs. Nothing is
unpacked in full; a refusal costs milliseconds and a few kilobytes.

Python's zipfile never returns more than a member's declared size (and fails on a CRC mismatch),
so the sizes read from the directory bind every parser that reads through it (openpyxl,
python-docx).

Pure Python, no Django (usable by any reader). Messages are Vietnamese source texts marked for
translation; `core.uploads` renders them with gettext for the web.
"""

from __future__ import annotations

import re
import struct
import zipfile
from dataclasses import dataclass, field
from typing import IO
from xml.etree.ElementTree import ParseError

from defusedxml.ElementTree import fromstring  # type: ignore[import-untyped]


def gettext_noop(text: str) -> str:
    """Marks a text for the translation catalogue without importing Django."""
    return text


# Defaults, overridden from settings (UPLOAD_OFFICE_*). Apache POI, which reads Office files for
# most of the Java world, refuses a member inflating more than 100 times: so do we.
@dataclass(frozen=True)
class OfficeLimits:
    max_members: int = 1000
    max_unpacked_bytes: int = 100 * 1024 * 1024
    max_member_bytes: int = 32 * 1024 * 1024
    max_ratio: int = 100
    # Below this unpacked size a member's ratio is not judged (a tiny, repetitive part is harmless).
    ratio_floor_bytes: int = 100 * 1024
    max_shared_strings: int = 200_000
    # A 1.000-page plan has some 40.000 paragraphs (table cells included); python-docx holds about
    # 0,5 KB per paragraph.
    max_paragraphs: int = 100_000


MESSAGES = {
    "corrupt": gettext_noop(
        "Không đọc được tệp “{name}”: tệp bị hỏng hoặc không phải là tệp Word, Excel (.docx, .xlsx)."
    ),
    "members": gettext_noop("Tệp “{name}” gồm {count} phần nén, vượt giới hạn {limit} phần."),
    "unpacked": gettext_noop("Tệp “{name}” khi giải nén nặng {size}, vượt giới hạn {limit}."),
    "member_size": gettext_noop(
        "Tệp “{name}”: phần “{member}” khi giải nén nặng {size}, vượt giới hạn {limit}."
    ),
    "ratio": gettext_noop(
        "Tệp “{name}”: phần “{member}” bị nén {ratio} lần, vượt giới hạn {limit} lần "
        "(dấu hiệu của một “bom nén”)."
    ),
    "shared_strings": gettext_noop(
        "Tệp “{name}” có hơn {limit} chuỗi chữ (shared strings), vượt giới hạn của một bảng tính nhập vào."
    ),
    "paragraphs": gettext_noop(
        "Tệp “{name}” có hơn {limit} đoạn văn, vượt giới hạn của một văn bản tải lên."
    ),
}


@dataclass
class OfficeProblem(Exception):
    """Why a file is refused: a `code` of MESSAGES and the numbers its message needs (sizes in bytes)."""

    code: str
    params: dict = field(default_factory=dict)

    def __str__(self) -> str:
        return self.render(MESSAGES[self.code], lambda size: f"{size / 1048576:.1f} MB")

    def render(self, message: str, size_format) -> str:
        """`message` (this problem's text, translated or not) with its sizes written by `size_format`."""
        params = dict(self.params)
        if self.code in SIZE_CODES:
            params["size"], params["limit"] = size_format(params["size"]), size_format(params["limit"])
        return message.format(**params)


SIZE_CODES = {"member_size", "unpacked"}  # their `size` and `limit` are in bytes


def _element(tag: bytes) -> re.Pattern:
    """An opening tag, with or without a namespace prefix, however it ends (<w:p>, <p/>, <si a="…">)."""
    return re.compile(rb"<(?:[A-Za-z_][\w.-]{0,30}:)?" + tag + rb"[\s/>]")


@dataclass(frozen=True)
class Counted:
    """What is counted in a part: an element, the limit (an OfficeLimits field), the problem's code."""

    element: re.Pattern
    limit: str
    code: str
    declared: re.Pattern | None = None  # a count the part states about itself, checked first


SHARED_STRINGS = Counted(
    _element(b"si"),
    "max_shared_strings",
    "shared_strings",
    re.compile(rb"\buniqueCount\s*=\s*[\"'](\d+)[\"']"),
)
PARAGRAPHS = Counted(_element(b"p"), "max_paragraphs", "paragraphs")
# Content type of a part → what is counted in it: openpyxl reads every shared string at once, and
# python-docx builds the whole document tree before the first paragraph can be read.
COUNTED = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml": SHARED_STRINGS,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": PARAGRAPHS,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": PARAGRAPHS,
    "application/vnd.ms-word.document.macroEnabled.main+xml": PARAGRAPHS,
}
CONTENT_TYPES = "[Content_Types].xml"
OVERLAP = 64  # longer than any tag the patterns match
CHUNK = 1024 * 1024
END_OF_DIRECTORY = b"PK\x05\x06"
CENTRAL_ENTRY_BYTES = 46 + 210  # the fixed part of a directory entry and a generous name
# What reading a damaged zip or XML may raise (defusedxml's refusals are ValueErrors).
BROKEN = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, ParseError, struct.error)


def inspect_office(file: IO[bytes], name: str, limits: OfficeLimits | None = None) -> None:
    """Raise OfficeProblem when `file` (a seekable binary file) is not a zip or is over a limit.

    The file is left at its start.
    """
    limits = limits or OfficeLimits()
    try:
        count = _member_count(file)
        if count > limits.max_members:
            raise OfficeProblem("members", {"name": name, "count": count, "limit": limits.max_members})
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
            if len(members) > limits.max_members:
                raise OfficeProblem(
                    "members", {"name": name, "count": len(members), "limit": limits.max_members}
                )
            _check_sizes(members, name, limits)
            _check_counts(archive, name, limits)
    except BROKEN as error:
        raise OfficeProblem("corrupt", {"name": name}) from error
    finally:
        file.seek(0)


def _member_count(file: IO[bytes]) -> int:
    """The entry count of the zip's end record, read before Python builds one object per entry."""
    file.seek(0, 2)
    size = file.tell()
    tail_start = max(0, size - (22 + 65535))
    file.seek(tail_start)
    tail = file.read()
    at = tail.rfind(END_OF_DIRECTORY)
    if at < 0 or len(tail) < at + 22:
        raise zipfile.BadZipFile("no end of central directory")
    entries, directory_size = struct.unpack("<HI", tail[at + 10 : at + 16])
    if entries == 0xFFFF:
        return 0xFFFFFFFF  # a ZIP64 count: far beyond any Office file
    # Python lists every entry of the directory whatever count the end record states: judge its size
    # too (an entry takes 46 bytes and its name; Office names are short).
    return max(entries, directory_size // CENTRAL_ENTRY_BYTES)


def _check_sizes(members: list[zipfile.ZipInfo], name: str, limits: OfficeLimits) -> None:
    total = 0
    for member in members:
        params = {"name": name, "member": member.filename}
        if member.file_size > limits.max_member_bytes:
            raise OfficeProblem(
                "member_size", {**params, "size": member.file_size, "limit": limits.max_member_bytes}
            )
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > limits.ratio_floor_bytes and ratio > limits.max_ratio:
            raise OfficeProblem("ratio", {**params, "ratio": int(ratio), "limit": limits.max_ratio})
        total += member.file_size
        if total > limits.max_unpacked_bytes:
            raise OfficeProblem("unpacked", {"name": name, "size": total, "limit": limits.max_unpacked_bytes})


def counted_parts(archive: zipfile.ZipFile) -> list[tuple[str, Counted]]:
    """The parts whose elements are counted, as [Content_Types].xml names them (as parsers find them)."""
    try:
        info = archive.getinfo(CONTENT_TYPES)
    except KeyError:
        return []
    if info.file_size > CHUNK:  # a real one is a few kilobytes
        raise zipfile.BadZipFile("content types too large")
    parts = []
    for override in fromstring(archive.read(info)):
        counted = COUNTED.get(override.get("ContentType") or "")
        part = (override.get("PartName") or "").lstrip("/")
        if counted is not None and part in archive.NameToInfo:
            parts.append((part, counted))
    return parts


def _check_counts(archive: zipfile.ZipFile, name: str, limits: OfficeLimits) -> None:
    for part, counted in counted_parts(archive):
        limit = getattr(limits, counted.limit)
        refused = OfficeProblem(counted.code, {"name": name, "member": part, "limit": limit})
        with archive.open(part) as stream:
            if count_elements(stream, counted, limit) > limit:
                raise refused


def count_elements(stream: IO[bytes], counted: Counted, limit: int) -> int:
    """How many elements of the kind `counted` the stream holds, read once in 1 MB chunks; the count
    stops just past `limit`. A count the part declares (uniqueCount) over the limit stops it at once."""
    count, tail, first = 0, b"", True
    while chunk := stream.read(CHUNK):
        declared = counted.declared.search(chunk[:4096]) if first and counted.declared else None
        if declared and int(declared[1]) > limit:
            return int(declared[1])
        first = False
        window = tail + chunk
        # A tag starting in the window's last bytes may be cut: it is counted with the next chunk.
        cut = max(0, len(window) - OVERLAP)
        count += sum(1 for match in counted.element.finditer(window) if match.start() < cut)
        tail = window[cut:]
        if count > limit:
            return count
    return count + len(counted.element.findall(tail))

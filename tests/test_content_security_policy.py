"""The Content-Security-Policy header, and templates that need nothing it forbids."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = sorted((ROOT / "thidua").glob("**/templates/**/*.html"))


def directives(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    return {name: values for name, *values in (part.split() for part in header.split(";") if part.strip())}


@pytest.mark.parametrize("url", ["/dang-nhap/", "/", "/quan-tri/", "/cong-khai/phan-anh-kien-nghi/"])
def test_every_page_carries_the_policy(client, cast, url):
    client.force_login(cast.office)
    policy = directives(client.get(url))
    assert policy["script-src"] == ["'self'"]  # no 'unsafe-inline', no 'unsafe-eval', no other host
    assert policy["style-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]


def test_templates_have_no_inline_script_event_handler_or_style():
    assert len(TEMPLATES) > 50
    offences = []
    for template in TEMPLATES:
        source = template.read_text(encoding="utf-8")
        for pattern in (
            r"<script(?![^>]*\bsrc=)[^>]*>",  # a script element without src (json_script renders at runtime)
            r"\son[a-z]+\s*=",  # onclick=, onchange=, onsubmit= …
            r"\sstyle\s*=",
            r"<style",
            r"javascript:",
        ):
            offences += [f"{template.relative_to(ROOT)}: {m.group()}" for m in re.finditer(pattern, source)]
    assert offences == []

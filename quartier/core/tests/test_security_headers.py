"""Every page carries a Content-Security-Policy without inline scripts or styles, and a
Permissions-Policy; no template holds an inline script, style or event handler that the
policy would block."""

import re
from pathlib import Path

import pytest

import quartier

PACKAGE = Path(quartier.__file__).parent
INLINE = [
    (re.compile(r"<style\b", re.I), "a <style> element"),
    (re.compile(r"\sstyle\s*=", re.I), "a style= attribute"),
    (re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.I), "a <script> without src"),
    (re.compile(r"\son[a-z]+\s*=\s*[\"']", re.I), "an inline event handler"),
    (re.compile(r"javascript:", re.I), "a javascript: URL"),
]


def templates() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("templates/**/*.html"))


def test_there_are_templates_to_check():
    assert len(templates()) > 50


@pytest.mark.parametrize("pattern,what", INLINE, ids=[what for _p, what in INLINE])
def test_no_template_has_inline_script_or_style(pattern, what):
    found = [
        f"{path.relative_to(PACKAGE)}:{text[: match.start()].count(chr(10)) + 1}"
        for path in templates()
        for text in [path.read_text()]
        for match in pattern.finditer(text)
    ]
    assert not found, f"{what} in: {', '.join(found)}"


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/orte/", "/akteure/", "/konto/login/", "/api/v1/health"])
def test_pages_send_a_strict_content_security_policy(client, url):
    response = client.get(url)
    policy = response["Content-Security-Policy"]
    directives = dict(
        (part.split()[0], part.split()[1:]) for part in policy.split(";") if part.strip()
    )
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"] and directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"] and directives["frame-ancestors"] == ["'none'"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "geolocation=()" in response["Permissions-Policy"]
    assert "camera=()" in response["Permissions-Policy"]


def test_hsts_preload_and_subdomains_are_only_switched_on_by_configuration():
    prod = (PACKAGE / "settings" / "prod.py").read_text()
    assert 'SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)' in prod
    assert (
        'SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)'
        in prod
    )

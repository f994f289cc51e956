"""A content security policy on every page, without inline scripts anywhere in the
portal's templates (the browser tests draw the plotly charts under it)."""

import pathlib
import re

import pytest

TEMPLATES = pathlib.Path(__file__).resolve().parent.parent / "portal" / "templates"

pytestmark = pytest.mark.django_db


def test_every_page_sends_the_policy(client):
    for url in ("/", "/leveranciers/", "/api/v1/vendors/", "/api/docs/"):
        policy = client.get(url)["Content-Security-Policy"]
        assert "script-src 'self';" in policy and "frame-ancestors 'none'" in policy, url
    assert "unsafe-inline" in client.get("/cms/login/")["Content-Security-Policy"]


def test_templates_have_no_inline_scripts_or_handlers():
    offenders = []
    for template in TEMPLATES.rglob("*.html"):
        text = template.read_text()
        for tag in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in tag:
                offenders.append(f"{template.name}: {tag}")
        if re.search(r"\son[a-z]+\s*=\s*[\"']", text):
            offenders.append(f"{template.name}: inline event handler")
    assert offenders == []


def test_api_docs_load_their_script_from_a_url(client):
    html = client.get("/api/docs/").content.decode()
    assert re.findall(r"<script>", html) == []
    assert client.get("/api/docs/?script=").status_code == 200

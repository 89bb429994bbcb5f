from __future__ import annotations

import re
from pathlib import Path

from django.test import Client
from django.urls import reverse

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "regie"


def test_security_headers_on_pages(client: Client, db) -> None:
    response = client.get(reverse("accounts:login"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp  # a nonce appears only when a page uses one
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Request-ID"]


def test_no_inline_scripts_or_handlers_in_templates() -> None:
    offenders = []
    for template in TEMPLATES.rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        for match in re.finditer(r"<script\b[^>]*>", text):
            if "src=" not in match.group(0):
                offenders.append(f"{template}: {match.group(0)}")
        if re.search(r"\son[a-z]+\s*=", text) or re.search(r"\bhx-on", text):
            offenders.append(f"{template}: inline event handler")
    assert offenders == []


def test_health_endpoint(client: Client, db) -> None:
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_language_switch(client: Client, db) -> None:
    response = client.post(reverse("set_language"), {"language": "en", "next": "/inloggen/"})
    assert response.status_code == 302
    page = client.get(reverse("accounts:login"))
    assert page.content.startswith(b"<!DOCTYPE html>")
    assert b'lang="en"' in page.content


def test_signed_in_pages_are_not_cached(login_as, personas) -> None:
    response = login_as("regisseur_a").get(reverse("accounts:home"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "HX-Request" in response["Vary"]


def test_public_pages_vary_by_htmx_too(client: Client, db) -> None:
    response = client.get(reverse("accounts:login"))
    assert "HX-Request" in response["Vary"]

"""Request bodies over the limit are refused with 413 before anything reads them (issue 10,
point 14)."""

from __future__ import annotations

import socket
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse

from regie.audit.models import AuditEvent

SIXTY_MB = 60 * 1024 * 1024


def untouchable() -> dict[str, Any]:
    return {"wsgi.input": Untouchable()}


class Untouchable:
    """A request body that fails the test if anything reads it."""

    def read(self, *args: Any) -> bytes:
        raise AssertionError("the body was read")

    readline = read


def test_an_oversized_anonymous_post_is_refused_unread(client: Client, db: Any) -> None:
    response = client.post(
        reverse("accounts:login"),
        CONTENT_TYPE="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(SIXTY_MB),
        **untouchable(),
    )
    assert response.status_code == 413
    page = response.content.decode()
    assert "Te veel gegevens" in page
    assert "Er is niets opgeslagen" in page
    event = AuditEvent.objects.get(action="security.request_too_large")
    assert (event.result, event.object_type, event.object_id) == (
        "denied",
        "url",
        reverse("accounts:login"),
    )
    assert event.changes == {
        "content_length": SIXTY_MB,
        "limit": settings.REGIE_MAX_REQUEST_BYTES,
    }


def test_a_form_body_over_the_field_limit_is_refused_unread(login_as: Any) -> None:
    client = login_as("regisseur_a")
    response = client.post(
        reverse("cases:search"),
        CONTENT_TYPE="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1),
        **untouchable(),
    )
    assert response.status_code == 413


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=4096)
def test_multipart_fields_over_the_limit_get_the_same_413(login_as: Any) -> None:
    """Within the multipart limit, but its form fields exceed what is held in memory: Django
    refuses while parsing, and says so with the same page instead of a bare 400."""
    client = login_as("regisseur_a")
    response = client.post(reverse("cases:search"), {"q": "x" * 10_000})
    assert response.status_code == 413
    assert "Te veel gegevens" in response.content.decode()


def test_bodies_within_the_limits_pass(login_as: Any) -> None:
    response = login_as("regisseur_a").post(reverse("cases:search"), {"q": "jansen"})
    assert response.status_code == 200


@pytest.mark.django_db(transaction=True)
def test_a_real_connection_gets_413_without_sending_its_body(live_server: Any) -> None:
    """Over a socket, as a client would: the headers announce 60 MB, the body never comes, and
    the answer is there at once (a server that read the body first would wait for it)."""
    address = urlsplit(live_server.url)
    with socket.create_connection((address.hostname, address.port), timeout=10) as conn:
        conn.sendall(
            (
                f"POST {reverse('accounts:login')} HTTP/1.1\r\n"
                f"Host: {address.hostname}\r\n"
                "Content-Type: multipart/form-data; boundary=x\r\n"
                f"Content-Length: {SIXTY_MB}\r\n\r\n"
            ).encode()
        )
        status_line = conn.makefile("rb").readline().decode()
    assert status_line.split()[1] == "413"

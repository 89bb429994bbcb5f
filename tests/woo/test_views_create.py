# ruff: noqa: F811  (pytest fixtures imported by name and taken as arguments)
"""Creating a publication from adopted minutes or from an uploaded file; what the services
refuse comes back as a form error with status 400, and nothing is created."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from regie.meetings.models import Meeting
from regie.woo.export import diwoo
from regie.woo.models import Publication
from tests.woo.views_support import (  # noqa: F401
    LoginAs,
    adopted,
    meeting,
    no_deduce,
    secretary,
    series,
    teams,
)

pytestmark = pytest.mark.usefixtures("no_deduce")

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64


def _upload(name: str, content: bytes, **extra: Any) -> dict[str, Any]:
    return {
        "upload-file": SimpleUploadedFile(name, content),
        "upload-title": "Memo over de casus",
        "upload-adopted_on": "2021-06-15",
        "upload-information_category": diwoo.VERGADERSTUKKEN_DECENTRALE_OVERHEDEN.resource,
        "upload-document_type": diwoo.VERGADERSTUK.resource,
        **extra,
    }


def test_only_meetings_with_adopted_stored_minutes_are_offered(
    login_as: LoginAs,
    adopted: Meeting,
    meeting: Meeting,
) -> None:
    page = login_as("woo").get(reverse("woo:create"))
    assert page.status_code == 200
    offered = list(page.context["meeting_form"].fields["meeting"].queryset)
    assert offered == [adopted]
    assert meeting.status != Meeting.Status.ADOPTED


def test_create_from_adopted_minutes_opens_the_review(
    login_as: LoginAs,
    adopted: Meeting,
) -> None:
    response = login_as("woo").post(
        reverse("woo:create_from_meeting"),
        {
            "meeting-meeting": adopted.pk,
            "meeting-information_category": diwoo.VERGADERSTUKKEN_DECENTRALE_OVERHEDEN.resource,
            "meeting-document_type": diwoo.BESLUITENLIJST.resource,
        },
    )
    publication = Publication.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("woo:review", args=[publication.pk])
    assert publication.meeting == adopted
    assert publication.document_type == diwoo.BESLUITENLIJST.resource


def test_minutes_that_are_not_adopted_are_refused(
    login_as: LoginAs,
    meeting: Meeting,
) -> None:
    response = login_as("woo").post(
        reverse("woo:create_from_meeting"),
        {
            "meeting-meeting": meeting.pk,
            "meeting-information_category": diwoo.VERGADERSTUKKEN_DECENTRALE_OVERHEDEN.resource,
            "meeting-document_type": diwoo.VERGADERVERSLAG.resource,
        },
    )
    assert response.status_code == 400
    assert response.context["meeting_form"].errors["meeting"]
    assert not Publication.objects.exists()


def test_create_from_a_text_file(login_as: LoginAs, db: None) -> None:
    content = b"# Memo\nMarloes Quaadvliet belt met de GGD.\n"
    response = login_as("woo").post(reverse("woo:create_from_upload"), _upload("memo.txt", content))
    publication = Publication.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("woo:review", args=[publication.pk])
    assert publication.original_name == "memo.txt"
    assert bytes(publication.original) == content
    assert publication.title == "Memo over de casus"


def test_a_png_named_pdf_is_refused(login_as: LoginAs, db: None) -> None:
    response = login_as("woo").post(reverse("woo:create_from_upload"), _upload("scan.pdf", PNG))
    assert response.status_code == 400
    errors = " ".join(str(e) for e in response.context["upload_form"].errors["file"])
    assert "Upload een Word-document" in errors or "Word" in errors
    assert "Word" in response.content.decode()
    assert not Publication.objects.exists()


def test_a_file_over_the_limit_is_refused(login_as: LoginAs, settings: Any) -> None:
    settings.REGIE_WOO_MAX_UPLOAD_BYTES = 1024
    response = login_as("woo").post(
        reverse("woo:create_from_upload"), _upload("lang.txt", b"tekst " * 400)
    )
    assert response.status_code == 400
    errors = " ".join(str(e) for e in response.context["upload_form"].errors["file"])
    assert "groter dan" in errors
    assert not Publication.objects.exists()


def test_missing_fields_are_said_per_field(login_as: LoginAs, db: None) -> None:
    response = login_as("woo").post(
        reverse("woo:create_from_upload"),
        _upload("memo.txt", b"Tekst", **{"upload-title": "", "upload-adopted_on": "2999-01-01"}),
    )
    assert response.status_code == 400
    form = response.context["upload_form"]
    assert set(form.errors) >= {"title", "adopted_on"}
    assert not Publication.objects.exists()

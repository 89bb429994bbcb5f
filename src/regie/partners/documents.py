"""The registration form as a PDF: the record of the agreement under the covenant."""

from __future__ import annotations

from pathlib import Path

from django.http import HttpRequest
from django.utils import timezone

from regie.core.pdf import render_pdf
from regie.partners.models import Registration

ASSETS = Path(__file__).resolve().parent / "templates" / "partners" / "pdf"


def registration_pdf(registration: Registration, request: HttpRequest | None = None) -> bytes:
    return render_pdf(
        "partners/pdf/registration.html",
        {
            "registration": registration,
            "generated_at": timezone.localtime(),
            "categories": list(registration.categories.all()),
        },
        assets=ASSETS,
    )

"""The registration form as a PDF: the record of the agreement under the covenant."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.core.pdf import render_pdf
from regie.partners.models import Registration

ASSETS = Path(__file__).resolve().parent / "templates" / "partners" / "pdf"


def registration_pdf(registration: Registration, request: HttpRequest | None = None) -> bytes:
    reader: Any = getattr(request, "user", None)
    in_team = reader is not None and reader.in_regie_team()

    def name(person: Any, role: str) -> str:
        # A partner's copy names the regie team's staff by role only: their names are not
        # part of what the covenant shares (and never on a protected case).
        if person is None:
            return ""
        return str(person.get_full_name()) if in_team else role

    staff = _("staff member")
    return render_pdf(
        "partners/pdf/registration.html",
        {
            "registration": registration,
            "generated_at": timezone.localtime(),
            "categories": list(registration.categories.all()),
            "requested_by": name(registration.requested_by, staff),
            "decided_by": name(registration.decided_by, _("team leader")),
            "ended_by": name(registration.ended_by, staff),
        },
        assets=ASSETS,
    )

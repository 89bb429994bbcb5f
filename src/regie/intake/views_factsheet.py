"""The shareable factsheet (issue 14): a preview page and its PDF, for the programme team and
the team leader. Counts only, protected by ``insights.disclosure``; the download is audited
with its period."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.views.decorators.http import require_GET

from regie.core import audit
from regie.core.http import AuthenticatedRequest
from regie.core.policy import requires
from regie.intake.insights import factsheet_pdf
from regie.intake.insights.factsheet import (
    CHOICE_QUARTERS,
    Factsheet,
    factsheet,
    full_quarters,
    period,
)
from regie.intake.vocabulary import Intake


def _sheet(request: AuthenticatedRequest) -> Factsheet:
    quarters = period(request.GET.get("van", ""), request.GET.get("tot", ""))
    return factsheet(request.user, quarters)


@require_GET
@requires(Intake.FACTSHEET)
def index(request: AuthenticatedRequest) -> HttpResponse:
    sheet = _sheet(request)
    return render(
        request,
        "intake/insights/factsheet.html",
        {
            "sheet": sheet,
            "choices": full_quarters(timezone.localdate(), CHOICE_QUARTERS),
            "query": f"van={sheet.first.key}&tot={sheet.last.key}",
        },
    )


@require_GET
@requires(Intake.FACTSHEET_EXPORT)
def export_pdf(request: AuthenticatedRequest) -> HttpResponse:
    # Shared outside the organisation: in the installation's language, labels included.
    with translation.override(settings.LANGUAGE_CODE):
        sheet = _sheet(request)
        content = factsheet_pdf.render(sheet, timezone.localdate())
    # What left the system, and for which period: the counts themselves can be made again.
    audit.record(
        action=Intake.FACTSHEET_EXPORT,
        actor=request.user,
        changes={
            "period": f"{sheet.first.key}/{sheet.last.key}",
            "threshold": sheet.threshold,
            "format": "pdf",
        },
        independent=True,
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{factsheet_pdf.filename(sheet)}"'
    return response

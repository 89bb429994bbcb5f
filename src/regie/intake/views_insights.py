"""The informatiebeeld's trends page and its confidential PDF (issue 14): counts only, for the
programme team and the team leader."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from regie.core import policy
from regie.core.http import AuthenticatedRequest
from regie.core.policy import requires
from regie.intake.insights import charts, counts, export
from regie.intake.insights.forms import PeriodForm, form_for
from regie.intake.vocabulary import Intake

TEMPLATE = "intake/insights/index.html"


def _refused(request: AuthenticatedRequest, form: PeriodForm) -> HttpResponse:
    return render(request, TEMPLATE, {"form": form}, status=400)


# ``personal_data``: no signal is shown, but the access log keeps who looked at the trends
# (one row per page view), as for the caseload overview.
@require_GET
@requires(Intake.INSIGHTS_VIEW, personal_data=True)
def index(request: AuthenticatedRequest) -> HttpResponse:
    today = timezone.localdate()
    form, chosen = form_for(request.GET, today)
    if chosen is None:
        return _refused(request, form)
    trends = counts.trends(request.user, chosen)
    query = f"van={chosen.first:%Y-%m}&tot={chosen.last_day:%Y-%m}&per={chosen.grain.value}"
    return render(
        request,
        TEMPLATE,
        {
            "form": form,
            "trends": trends,
            "sections": charts.sections(trends),
            "period_text": charts.period_text(chosen),
            "previous_text": charts.period_text(chosen.previous),
            "query": query,
            # A month or quarter not yet over reads as a fall in the chart: say so.
            "unfinished": chosen.end > today,
            "can_export": policy.permits(request.user, Intake.INSIGHTS_EXPORT_CONFIDENTIAL),
            "can_factsheet": policy.permits(request.user, Intake.FACTSHEET),
        },
    )


@require_GET
@requires(Intake.INSIGHTS_EXPORT_CONFIDENTIAL)
def confidential_pdf(request: AuthenticatedRequest) -> HttpResponse:
    form, chosen = form_for(request.GET, timezone.localdate())
    if chosen is None:
        return _refused(request, form)
    response = HttpResponse(
        export.confidential_pdf(request.user, chosen), content_type="application/pdf"
    )
    # The name is made of ISO dates only: nothing in it needs quoting.
    response["Content-Disposition"] = f'attachment; filename="{export.filename(chosen)}"'
    return response

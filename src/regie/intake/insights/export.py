"""The confidential informatiebeeld: the trends page as a PDF for the programme team, every
page marked "Vertrouwelijk — niet verder verspreiden". Who took it out, when, and of which
period is in the audit log."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from django.utils import timezone

from regie.core import audit, pdf
from regie.intake.insights import charts, counts
from regie.intake.insights.period import Period
from regie.intake.vocabulary import Intake

if TYPE_CHECKING:
    from regie.accounts.models import User

TEMPLATE = "intake/insights/confidential_pdf.html"
ASSETS = Path(__file__).resolve().parent.parent / "templates" / "intake" / "insights"


def filename(period: Period) -> str:
    first, last = period.first.isoformat(), period.last_day.isoformat()
    return f"informatiebeeld-vertrouwelijk-{first}-{last}.pdf"


def confidential_pdf(user: User, period: Period) -> bytes:
    trends = counts.trends(user, period, action=Intake.INSIGHTS_EXPORT_CONFIDENTIAL)
    content = pdf.render_pdf(
        TEMPLATE,
        {
            "trends": trends,
            "sections": charts.sections(trends, prefix="pdf"),
            "period_text": charts.period_text(period),
            "previous_text": charts.period_text(period.previous),
            "generated_at": timezone.localtime(),
            "unfinished": period.end > timezone.localdate(),
        },
        assets=ASSETS,
    )
    # A read, written whatever happens to the response after it (``independent``): the
    # document has left the system once it is rendered for the user.
    audit.record(
        action=Intake.INSIGHTS_EXPORT_CONFIDENTIAL,
        actor=user,
        object_type="intake.insights",
        object_id=f"{period.first.isoformat()}/{period.last_day.isoformat()}",
        changes={
            "van": period.first.isoformat(),
            "tot": period.last_day.isoformat(),
            "per": period.grain.value,
        },
        independent=True,
    )
    return content

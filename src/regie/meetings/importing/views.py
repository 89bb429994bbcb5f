"""The import pages: paste or upload minutes (step 1), review the parsed draft (step 2), save a
fresh parse of exactly the reviewed text (step 3)."""

from __future__ import annotations

from django.contrib import messages
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regie.core import policy
from regie.core.dates import long_date
from regie.core.forms import submit
from regie.core.http import AuthenticatedRequest
from regie.core.policy import requires
from regie.meetings.importing import parser, review, saving
from regie.meetings.importing.forms import ConfirmForm, ImportForm
from regie.meetings.models import MeetingSeries
from regie.meetings.vocabulary import Meetings
from regie.meetings.web import error_messages

IMPORT = Meetings.IMPORT

SIGNING_SALT = "regie.meetings.import"
# Long enough to read a long draft carefully, short enough that a stale review is not saved.
REVIEW_MAX_AGE = 2 * 60 * 60


def _series(request: AuthenticatedRequest, pk: int) -> MeetingSeries:
    return policy.get_for_user(request.user, MeetingSeries, action=IMPORT, pk=pk)


def _review_page(
    request: HttpRequest, series: MeetingSeries, source: str, status: int = 200
) -> HttpResponse:
    draft = parser.parse_text(source)
    payload = signing.dumps({"series": series.pk, "text": source}, salt=SIGNING_SALT, compress=True)
    return render(
        request,
        "meetings/documents/import_review.html",
        {
            "series": series,
            "review": review.review(series, draft),
            "confirm_form": ConfirmForm(initial={"payload": payload}),
        },
        status=status,
    )


@requires(IMPORT, personal_data=True, target=MeetingSeries)
def import_minutes(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Step 1 (form) and 2 (review of the parsed draft)."""
    series = _series(request, pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        return _review_page(request, series, form.cleaned_data["source"])
    return render(
        request,
        "meetings/documents/import_form.html",
        {"series": series, "form": form},
        status=400 if form.errors else 200,
    )


@requires(IMPORT, personal_data=True, target=MeetingSeries)
@require_POST
def import_confirm(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Step 3: save a fresh parse of the reviewed text."""
    series = _series(request, pk)
    form = ConfirmForm(request.POST)
    try:
        if not form.is_valid():
            raise signing.BadSignature("no payload")
        data = signing.loads(
            form.cleaned_data["payload"], salt=SIGNING_SALT, max_age=REVIEW_MAX_AGE
        )
        if data.get("series") != series.pk or not isinstance(data.get("text"), str):
            raise signing.BadSignature("another series")
    except signing.BadSignature:  # includes SignatureExpired
        messages.error(
            request, _("The review has expired or was changed; import the minutes again.")
        )
        return redirect("meetings:import", pk=series.pk)
    source: str = data["text"]
    saved = submit(
        form, lambda _data: saving.save_draft(request.user, series, parser.parse_text(source))
    )
    if saved.value is None:
        messages.error(request, " ".join(error_messages(form)))
        return _review_page(request, series, source, status=400)
    result = saved.value
    messages.success(
        request,
        _(
            "The minutes of %(date)s are imported: %(items)s items, %(decisions)s decisions, "
            "%(actions)s new actions and %(terms)s new forward agenda items."
        )
        % {
            "date": long_date(result.meeting.date),
            "items": result.items,
            "decisions": result.decisions,
            "actions": result.actions_added,
            "terms": result.term_items_added,
        },
    )
    return redirect("meetings:meeting", pk=result.meeting.pk)

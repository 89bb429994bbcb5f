"""The data-subject export as a service: the privacy officer's one write here is the audit event
that says an export was made, and whether (and why) it names staff."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.cases import export
from regie.cases.models import Person
from regie.cases.vocabulary import Cases
from regie.core import audit, policy

if TYPE_CHECKING:
    from regie.accounts.models import User

ACTION = Cases.DSAR
# A reason is a sentence someone can check later, not a tick in another box.
REASON_MIN = 10

Format = Literal["json", "pdf"]


@dataclass(frozen=True)
class Export:
    content: bytes
    content_type: str
    filename: str


def export_subject_data(
    *,
    actor: User,
    person: Person,
    fmt: Format,
    staff_names: bool = False,
    reason: str = "",
    sender: str = "",
    language: str = "nl",
) -> Export:
    """Everything held on ``person`` as JSON or PDF, staff by role unless ``staff_names`` with a
    written ``reason`` (kept in the audit event; applies to this export only)."""
    policy.check(actor, ACTION, person)
    reason = " ".join(reason.split())
    if staff_names and len(reason) < REASON_MIN:
        raise ValidationError(
            _("Write down why this export names staff members (at least %(n)d characters).")
            % {"n": REASON_MIN},
            code="reason",
        )
    now = timezone.now()
    data = export.subject_access_data(
        person, generated_at=now, sender=sender, staff_names=staff_names
    )
    reference = export.reference_for(person, now)
    if fmt == "pdf":
        options = export.PdfOptions(reference=reference, language=language)
        content, content_type = export.render_pdf(data, options=options), "application/pdf"
    else:
        content, content_type = export.render_json(data), "application/json"
    changes: dict[str, Any] = {"format": fmt}
    if staff_names:
        changes.update(staff_names=True, reason=reason)
    # Only the event is written, after the document is built: rendering a PDF inside the
    # transaction would hold the audit chain's lock (on SQLite the database's) meanwhile.
    with transaction.atomic():
        audit.record(action=Cases.DSAR_EXPORT, actor=actor, obj=person, changes=changes)
    return Export(content, content_type, f"{reference}.{fmt}")

"""Writes for Woo publications (issue 13): from adopted minutes or an upload, through the review
of the suggested redactions and a second coordinator's approval, to the published files and,
if need be, the withdrawal.

concept → ter_beoordeling → goedgekeurd → gepubliceerd → ingetrokken; a reviewer may send a
publication under review back to concept. Every service checks the policy (``woo.rules``) and
writes its audit event in the same transaction; a publication in the wrong status is refused
with a ValidationError (code ``status``). Each write raises the publication's version
(``core.locking.bump``): two coordinators deciding from the same screen get a ``Conflict``.

Four-eyes: nobody approves a publication they created, submitted, or decided a redaction on
(``woo.rules.involved``). The approver is then the only one who looked at the result fresh.

The audit events name the redaction by its place (block, start, end) and ground, never by the
redacted text: the log must not hold what the publication withholds.
"""

from __future__ import annotations

import datetime as dt
from typing import IO, TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.core import audit, locking, policy
from regie.meetings import selectors as meetings
from regie.meetings.models import Meeting
from regie.woo import rules, selectors
from regie.woo.document import Document, Span
from regie.woo.export import diwoo
from regie.woo.export.pdf import PdfMetadata, render_pdf
from regie.woo.export.redact import checked
from regie.woo.export.sources import minutes_document, read_upload, upload_document
from regie.woo.export.text import render_text
from regie.woo.models import Ground, Publication, PublishedFile, Redaction, document_to_json
from regie.woo.suggest import Lexicon, suggest
from regie.woo.vocabulary import Woo

if TYPE_CHECKING:
    from regie.accounts.models import User

Status = Publication.Status
State = Redaction.State


# --- Helpers -----------------------------------------------------------------------------------


def _require(publication: Publication, *statuses: str) -> None:
    """Refuse unless the publication, as stored now, is in one of ``statuses``. The row stays
    locked for the rest of the transaction: a screen loaded before someone else published
    must not decide on what was published since."""
    locking.hold(publication)
    publication.refresh_from_db(fields=["status"])
    if publication.status not in statuses:
        raise ValidationError(
            _("This publication is %(status)s: this cannot be done now.")
            % {"status": publication.get_status_display()},
            code="status",
        )


def _reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Give a reason."), code="reason")
    return reason


def _term(name: str, resource: str) -> diwoo.Term:
    label = diwoo.value_list(name).get(resource)
    if label is None:
        raise ValidationError(
            _("%(value)s is not a value of the DiWoo list.") % {"value": resource},
            code="diwoo",
        )
    return diwoo.Term(resource, label)


def _event(action: Woo, actor: User, obj: Publication | Redaction, **changes: Any) -> None:
    audit.record(action=action, actor=actor, obj=obj, changes=changes)


def _redaction_changes(redaction: Redaction) -> dict[str, Any]:
    return {
        "publication": redaction.publication_id,
        "block": redaction.block,
        "start": redaction.start,
        "end": redaction.end,
        "ground": redaction.ground.code,
        "source": redaction.source,
        "state": redaction.state,
    }


def _grounds(codes: set[str]) -> dict[str, Ground]:
    """The grounds by code, inactive ones included: a suggestion on a ground the administrator
    has since switched off is still a suggestion to decide on, not one to drop unseen."""
    found = {g.code: g for g in Ground.objects.filter(code__in=codes)}
    missing = sorted(codes - set(found))
    if missing:
        raise ValidationError(
            _("These grounds are not configured: %(codes)s.") % {"codes": ", ".join(missing)},
            code="ground",
        )
    return found


def _create(
    document: Document,
    *,
    actor: User,
    lexicon: Lexicon | None,
    information_category: str,
    document_type: str,
    adopted_on: dt.date,
    **source: Any,
) -> Publication:
    _term("informatiecategorielijst", information_category)
    _term("documentsoortlijst", document_type)
    # The pipeline reads the database only through the lexicon; running it before the
    # transaction keeps the write lock short.
    spans = suggest(document, lexicon if lexicon is not None else selectors.lexicon())
    grounds = _grounds({span.ground for span in spans})
    with transaction.atomic():
        policy.check(actor, Woo.PUBLICATION_CREATE)
        publication = Publication.objects.create(
            title=document.title,
            document=document_to_json(document),
            information_category=information_category,
            document_type=document_type,
            adopted_on=adopted_on,
            created_by=actor,
            **source,
        )
        Redaction.objects.bulk_create(
            Redaction(
                publication=publication,
                block=span.block,
                start=span.start,
                end=span.end,
                ground=grounds[span.ground],
                source=span.source,
            )
            for span in spans
        )
        _event(
            Woo.PUBLICATION_CREATE,
            actor,
            publication,
            meeting=publication.meeting_id,
            original_name=publication.original_name,
            suggestions=len(spans),
        )
    return publication


# --- Creating ----------------------------------------------------------------------------------


def create_from_meeting(
    meeting: Meeting,
    *,
    actor: User,
    information_category: str = diwoo.VERGADERSTUKKEN_DECENTRALE_OVERHEDEN.resource,
    document_type: str = diwoo.VERGADERVERSLAG.resource,
    lexicon: Lexicon | None = None,
) -> Publication:
    """A concept publication of the adopted minutes of ``meeting`` with the suggested
    redactions. ValidationError ``not_adopted`` when the minutes are not adopted."""
    policy.check(actor, Woo.PUBLICATION_CREATE)
    document = minutes_document(meeting)
    adopted = meetings.adopted_minutes(meeting)
    adopted_on = adopted.adopted_on if adopted is not None and adopted.adopted_on else None
    return _create(
        document,
        actor=actor,
        lexicon=lexicon,
        information_category=information_category,
        document_type=document_type,
        adopted_on=adopted_on or meeting.date,
        meeting=meeting,
    )


def create_from_upload(
    upload: IO[bytes] | bytes,
    *,
    actor: User,
    title: str,
    file_name: str,
    information_category: str,
    document_type: str,
    adopted_on: dt.date,
    lexicon: Lexicon | None = None,
) -> Publication:
    """A concept publication of an uploaded file, kept as uploaded beside its blocks.
    ValidationError as ``sources.upload_document`` refuses the file, or ``title``."""
    policy.check(actor, Woo.PUBLICATION_CREATE)
    title = " ".join(title.split())
    if not title:
        raise ValidationError(_("Give the publication a title."), code="title")
    data = read_upload(upload)
    document = upload_document(data, title=title)
    return _create(
        document,
        actor=actor,
        lexicon=lexicon,
        information_category=information_category,
        document_type=document_type,
        adopted_on=adopted_on,
        original=data,
        original_name=file_name[:255],
    )


# --- Reviewing the redactions ------------------------------------------------------------------


def _decided(
    redaction: Redaction,
    *,
    actor: User,
    action: Woo,
    expected_version: int | None,
    reason: str,
    **fields: Any,
) -> Redaction:
    publication = redaction.publication
    with transaction.atomic():
        policy.check(actor, action, redaction)
        _require(publication, Status.CONCEPT)
        locking.bump(publication, expected_version)
        before = redaction.ground.code
        for name, value in fields.items():
            setattr(redaction, name, value)
        redaction.decided_by = actor
        redaction.decided_at = timezone.now()
        redaction.reason = reason
        redaction.save()
        changes = _redaction_changes(redaction)
        if redaction.ground.code != before:
            changes["ground"] = [before, redaction.ground.code]
        _event(action, actor, redaction, reason=reason, **changes)
    return redaction


def decide(
    redaction: Redaction,
    *,
    actor: User,
    accept: bool,
    reason: str = "",
    expected_version: int | None = None,
) -> Redaction:
    """Accept or reject a redaction. Rejecting publishes the text, so it needs a reason;
    accepting is explained by the ground."""
    reason = reason.strip() if accept else _reason(reason)
    return _decided(
        redaction,
        actor=actor,
        action=Woo.REDACTION_ACCEPT if accept else Woo.REDACTION_REJECT,
        expected_version=expected_version,
        reason=reason,
        state=State.ACCEPTED if accept else State.REJECTED,
    )


def change_ground(
    redaction: Redaction,
    *,
    actor: User,
    ground: Ground,
    reason: str,
    expected_version: int | None = None,
) -> Redaction:
    """Redact on another ground than suggested: the redaction is then accepted."""
    if not ground.is_active:
        raise ValidationError(_("This ground is not active."), code="ground")
    return _decided(
        redaction,
        actor=actor,
        action=Woo.REDACTION_GROUND,
        expected_version=expected_version,
        reason=_reason(reason),
        ground=ground,
        state=State.ACCEPTED,
    )


def add_manual(
    publication: Publication,
    *,
    actor: User,
    block: int,
    start: int,
    end: int,
    ground: Ground,
    reason: str = "",
    expected_version: int | None = None,
) -> Redaction:
    """Redact a part of a block the pipeline did not suggest (accepted at once). Refused
    (ValidationError ``span``) outside the block or over another redaction still standing."""
    with transaction.atomic():
        policy.check(actor, Woo.REDACTION_ADD, publication)
        _require(publication, Status.CONCEPT)
        if not ground.is_active:
            raise ValidationError(_("This ground is not active."), code="ground")
        standing = selectors.redactions(publication).exclude(state=State.REJECTED)
        try:
            new = Span(block, start, end, ground.code, Redaction.Source.MANUAL)
            checked(publication.source_document(), [*(r.span() for r in standing), new])
        except ValueError as error:
            raise ValidationError(
                _(
                    "This part cannot be redacted: it is outside the text or overlaps another "
                    "redaction."
                ),
                code="span",
            ) from error
        locking.bump(publication, expected_version)
        redaction = Redaction.objects.create(
            publication=publication,
            block=block,
            start=start,
            end=end,
            ground=ground,
            source=Redaction.Source.MANUAL,
            state=State.ACCEPTED,
            decided_by=actor,
            decided_at=timezone.now(),
            reason=reason.strip(),
        )
        _event(
            Woo.REDACTION_ADD,
            actor,
            redaction,
            reason=redaction.reason,
            **_redaction_changes(redaction),
        )
    return redaction


# --- The review --------------------------------------------------------------------------------


def submit_for_review(
    publication: Publication, *, actor: User, expected_version: int | None = None
) -> Publication:
    """Hand the publication to a second coordinator. Refused (``undecided``) while a
    suggestion is still open: every suggestion is a choice someone must make."""
    with transaction.atomic():
        policy.check(actor, Woo.PUBLICATION_SUBMIT, publication)
        _require(publication, Status.CONCEPT)
        if publication.redactions.filter(state=State.SUGGESTED).exists():
            raise ValidationError(
                _("Decide on every suggested redaction before submitting."), code="undecided"
            )
        locking.bump(
            publication,
            expected_version,
            {
                "status": Status.TER_BEOORDELING,
                "submitted_by": actor,
                "submitted_at": timezone.now(),
            },
        )
        _event(Woo.PUBLICATION_SUBMIT, actor, publication, status=publication.status)
    return publication


def send_back(
    publication: Publication, *, actor: User, reason: str, expected_version: int | None = None
) -> Publication:
    """The reviewer returns the publication to concept, saying why."""
    reason = _reason(reason)
    with transaction.atomic():
        policy.check(actor, Woo.PUBLICATION_SEND_BACK, publication)
        _require(publication, Status.TER_BEOORDELING)
        locking.bump(
            publication,
            expected_version,
            {"status": Status.CONCEPT, "submitted_by": None, "submitted_at": None},
        )
        _event(
            Woo.PUBLICATION_SEND_BACK, actor, publication, status=publication.status, reason=reason
        )
    return publication


def approve(
    publication: Publication, *, actor: User, expected_version: int | None = None
) -> Publication:
    """Approve a publication under review: only a coordinator who was not involved."""
    with transaction.atomic():
        policy.check(actor, Woo.PUBLICATION_APPROVE, publication)
        _require(publication, Status.TER_BEOORDELING)
        if actor.pk in rules.involved(publication):  # the rule says so too; this is the write
            raise PermissionDenied(Woo.PUBLICATION_APPROVE)
        locking.bump(
            publication,
            expected_version,
            {"status": Status.GOEDGEKEURD, "approved_by": actor, "approved_at": timezone.now()},
        )
        _event(Woo.PUBLICATION_APPROVE, actor, publication, status=publication.status)
    return publication


# --- Publishing --------------------------------------------------------------------------------


def renderings(publication: Publication, spans: list[Span]) -> dict[str, bytes]:
    """The files of the publication with ``spans`` redacted: PDF, text and DiWoo XML."""
    document = publication.source_document()
    category = _term("informatiecategorielijst", publication.information_category)
    kind = _term("documentsoortlijst", publication.document_type)
    publisher = diwoo.default_publisher()
    pdf = render_pdf(
        document, spans, metadata=PdfMetadata(author=publisher.label, subject=category.label)
    )
    record = diwoo.DiWooRecord(
        identifier=f"urn:regie:woo:publicatie:{publication.pk}",
        official_title=document.title,
        information_category=category,
        document_type=kind,
        adopted_at=publication.adopted_on,
        publisher=publisher,
    )
    xml = diwoo.diwoo_xml(record)
    diwoo.validate(xml)
    return {
        PublishedFile.Kind.PDF: pdf,
        PublishedFile.Kind.TEXT: render_text(document, spans).encode(),
        PublishedFile.Kind.DIWOO: xml,
    }


def publish(
    publication: Publication, *, actor: User, expected_version: int | None = None
) -> Publication:
    """Render the approved publication with its accepted redactions and store the files; from
    now on the publication, its redactions and its files do not change."""
    with transaction.atomic():
        policy.check(actor, Woo.PUBLICATION_PUBLISH, publication)
        _require(publication, Status.GOEDGEKEURD)
        files = renderings(publication, selectors.accepted_spans(publication))
        locking.bump(
            publication,
            expected_version,
            {"status": Status.GEPUBLICEERD, "published_at": timezone.now()},
        )
        stored = [
            PublishedFile.objects.create(publication=publication, kind=kind, content=content)
            for kind, content in files.items()
        ]
        _event(
            Woo.PUBLICATION_PUBLISH,
            actor,
            publication,
            status=publication.status,
            files={f.kind: f.sha256 for f in stored},
        )
    return publication


def withdraw(
    publication: Publication, *, actor: User, reason: str, expected_version: int | None = None
) -> Publication:
    """Take a publication back. The record and its files stay: what was published, when, and
    why it was withdrawn."""
    reason = _reason(reason)
    with transaction.atomic():
        policy.check(actor, Woo.PUBLICATION_WITHDRAW, publication)
        _require(publication, Status.GEPUBLICEERD)
        locking.bump(
            publication,
            expected_version,
            {
                "status": Status.INGETROKKEN,
                "withdrawn_at": timezone.now(),
                "withdraw_reason": reason,
            },
        )
        _event(
            Woo.PUBLICATION_WITHDRAW, actor, publication, status=publication.status, reason=reason
        )
    return publication

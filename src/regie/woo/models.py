"""Configuration of the Woo suggestion engine (the grounds and the term lists per ground) and
the publications with their redactions and published files.

Grounds and terms are data the functional administrator keeps in the admin: a ground's code is
stored in its canonical form (``regie.woo.grounds.canonical``) whatever spelling was typed.
A publication, once published, is a record: ``Frozen`` guards its rows in ``save``, ``delete``
and the querysets' ``update``/``delete``, besides the services' own refusals."""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from regie.woo.document import Block, BlockKind, Document, Span
from regie.woo.grounds import canonical


class Ground(models.Model):
    code = models.CharField(
        _("code"), max_length=20, unique=True, help_text=_("For example 5.1.2.e or 5.1.2,e.")
    )
    label = models.CharField(_("label"), max_length=200)
    article = models.CharField(_("article reference"), max_length=200)
    is_active = models.BooleanField(_("active"), default=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("Woo ground")
        verbose_name_plural = _("Woo grounds")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.label}"

    def clean(self) -> None:
        try:
            self.code = canonical(self.code)
        except ValueError as error:
            raise ValidationError({"code": str(error)}) from error


class Term(models.Model):
    """A word or phrase always suggested for redaction on ``ground`` (e.g. the name of a
    security-sensitive team on 5.1.2.h), matched as a whole word, case-insensitively."""

    ground = models.ForeignKey(
        Ground, verbose_name=_("ground"), on_delete=models.PROTECT, related_name="terms"
    )
    text = models.CharField(_("text"), max_length=200)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("Woo term")
        verbose_name_plural = _("Woo terms")
        ordering = ["text"]
        constraints = [models.UniqueConstraint(fields=["text"], name="woo_term_unique_text")]

    def __str__(self) -> str:
        return f"{self.text} ({self.ground.code})"

    def clean(self) -> None:
        self.text = " ".join(self.text.split())
        if not self.text:
            raise ValidationError({"text": _("A term cannot be empty.")})


# --- Publications ------------------------------------------------------------------------------


class Frozen(Exception):
    """A write to a publication, redaction or published file that may no longer change."""


class PublicationQuerySet(models.QuerySet["Publication"]):
    def update(self, **kwargs: object) -> int:
        # ``core.locking.bump`` writes through ``update``: the guard must hold there too.
        if (
            set(kwargs) - Publication.AFTER_PUBLICATION
            and self.filter(status__in=Publication.FINAL).exists()
        ):
            raise Frozen("a published publication cannot be changed")
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        if self.filter(status__in=Publication.FINAL).exists():
            raise Frozen("a published publication cannot be deleted")
        return super().delete()


class Publication(models.Model):
    """A document on its way to publication under the Woo: its source, the source document as
    blocks (``document``: ``{"title", "blocks": [{"kind", "text", "level"}]}``), the review
    status and who did what. Once published it is the record of what was published: only its
    withdrawal can still be written (``FINAL``, the guards below and in the queryset)."""

    class Status(models.TextChoices):
        CONCEPT = "concept", _("draft")
        TER_BEOORDELING = "ter_beoordeling", _("under review")
        GOEDGEKEURD = "goedgekeurd", _("approved")
        GEPUBLICEERD = "gepubliceerd", _("published")
        INGETROKKEN = "ingetrokken", _("withdrawn")

    FINAL = (Status.GEPUBLICEERD, Status.INGETROKKEN)
    # What withdrawing writes (through ``bump``); everything else is frozen at publication.
    AFTER_PUBLICATION = frozenset({"status", "withdrawn_at", "withdraw_reason", "version"})

    title = models.CharField(_("title"), max_length=300)
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="woo_publications",
    )
    original = models.BinaryField(_("original file"), blank=True, default=b"", editable=False)
    original_name = models.CharField(_("original file name"), max_length=255, blank=True)
    document = models.JSONField(_("document"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CONCEPT
    )
    information_category = models.CharField(_("information category"), max_length=200)
    document_type = models.CharField(_("document type"), max_length=200)
    adopted_on = models.DateField(_("adopted on"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True)
    published_at = models.DateTimeField(_("published at"), null=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True)
    withdraw_reason = models.TextField(_("reason for withdrawal"), blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("Woo publication")
        verbose_name_plural = _("Woo publications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The coordinators' list per status, newest first; the public list and the
            # sitemaps (published and withdrawn, newest publication first).
            models.Index(fields=["status", "-created_at", "-id"], name="woo_pub_status_created"),
            models.Index(
                fields=["status", "-published_at", "-id"], name="woo_pub_status_published"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            stored = type(self).objects.filter(pk=self.pk).values("status").first()
            if stored is not None and stored["status"] in self.FINAL:
                fields = kwargs.get("update_fields")
                if fields is None or set(fields) - self.AFTER_PUBLICATION:
                    raise Frozen("a published publication cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        if self.status in self.FINAL:
            raise Frozen("a published publication cannot be deleted")
        return super().delete(*args, **kwargs)

    def source_document(self) -> Document:
        return document_from_json(self.document)


def document_to_json(document: Document) -> dict[str, Any]:
    return {
        "title": document.title,
        "blocks": [
            {"kind": str(b.kind), "text": b.text, "level": b.level} for b in document.blocks
        ],
    }


def document_from_json(data: dict[str, Any]) -> Document:
    blocks = tuple(Block(BlockKind(b["kind"]), b["text"], b["level"]) for b in data["blocks"])
    return Document(title=data["title"], blocks=blocks)


class RedactionQuerySet(models.QuerySet["Redaction"]):
    def _refuse_final(self) -> None:
        if self.filter(publication__status__in=Publication.FINAL).exists():
            raise Frozen("the redactions of a published publication cannot be changed")

    def update(self, **kwargs: object) -> int:
        self._refuse_final()
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        self._refuse_final()
        return super().delete()


class Redaction(models.Model):
    """Characters ``start:end`` of block ``block`` of the publication's document, on
    ``ground``: suggested by the pipeline (``source``) or added by hand, then decided."""

    class Source(models.TextChoices):
        KNOWN = "known", _("known person")
        DEDUCE = "deduce", _("recognised name")
        TERM = "term", _("term list")
        CONTEXT = "context", _("found in context")
        MANUAL = "manual", _("added by hand")

    class State(models.TextChoices):
        SUGGESTED = "suggested", _("suggested")
        ACCEPTED = "accepted", _("accepted")
        REJECTED = "rejected", _("rejected")

    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="redactions"
    )
    block = models.PositiveIntegerField(_("block"))
    start = models.PositiveIntegerField(_("start"))
    end = models.PositiveIntegerField(_("end"))
    ground = models.ForeignKey(
        Ground, verbose_name=_("ground"), on_delete=models.PROTECT, related_name="+"
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.SUGGESTED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True)
    reason = models.TextField(_("reason"), blank=True)

    objects = RedactionQuerySet.as_manager()

    class Meta:
        verbose_name = _("redaction")
        verbose_name_plural = _("redactions")
        ordering = ["block", "start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start__lt=models.F("end")), name="woo_redaction_not_empty"
            )
        ]

    def __str__(self) -> str:
        return f"{self.publication_id}:{self.block}:{self.start}-{self.end}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if Publication.objects.filter(
            pk=self.publication_id, status__in=Publication.FINAL
        ).exists():
            raise Frozen("the redactions of a published publication cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        type(self).objects.filter(pk=self.pk)._refuse_final()
        return super().delete(*args, **kwargs)

    def span(self) -> Span:
        return Span(self.block, self.start, self.end, self.ground.code, self.source)


class PublishedFileQuerySet(models.QuerySet["PublishedFile"]):
    def update(self, **kwargs: object) -> int:
        raise Frozen("a published file is never changed")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise Frozen("a published file is never deleted")


class PublishedFile(models.Model):
    """One rendering of a published publication, stored as it was published: written once,
    never changed or deleted; ``sha256`` lets anyone check the bytes they were given."""

    class Kind(models.TextChoices):
        PDF = "pdf", "PDF"
        TEXT = "txt", _("text")
        DIWOO = "diwoo", "DiWoo XML"

    publication = models.ForeignKey(Publication, on_delete=models.PROTECT, related_name="files")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    content = models.BinaryField(editable=False)
    sha256 = models.CharField(max_length=64, editable=False)
    size = models.PositiveIntegerField(editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PublishedFileQuerySet.as_manager()

    class Meta:
        verbose_name = _("published file")
        verbose_name_plural = _("published files")
        ordering = ["publication", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["publication", "kind"], name="woo_file_once_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.publication_id} {self.kind}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None or not self._state.adding:
            raise Frozen("a published file is never changed")
        self.sha256 = hashlib.sha256(bytes(self.content)).hexdigest()
        self.size = len(self.content)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise Frozen("a published file is never deleted")

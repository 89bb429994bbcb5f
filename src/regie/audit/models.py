"""The append-only, hash-chained audit log.

No foreign keys on purpose: a row must never change when the user, case or organisation it
mentions is deleted (the database refuses UPDATE and DELETE on this table), so identities are
copied in as plain values.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    class Result(models.TextChoices):
        OK = "ok", _("ok")
        DENIED = "denied", _("denied")

    id = models.BigAutoField(primary_key=True)
    occurred_at = models.DateTimeField(_("time (UTC)"), db_index=True)
    actor_id = models.BigIntegerField(_("actor id"), null=True, blank=True)
    actor = models.CharField(_("actor"), max_length=150, blank=True)
    on_behalf_of = models.CharField(_("on behalf of"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=64, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    action = models.CharField(_("action"), max_length=100)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=100, blank=True)
    case_id = models.CharField(_("case"), max_length=40, blank=True)
    result = models.CharField(_("result"), max_length=10, choices=Result.choices)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=300, blank=True)
    request_id = models.CharField(_("request id"), max_length=32, blank=True)
    changes = models.JSONField(_("changed fields"), default=dict, blank=True)
    # The request's path, never its query string (that can hold a name or a date of birth);
    # hashed only when filled, so events from before the column verify unchanged (ADR 0014).
    path = models.CharField(_("request path"), max_length=300, blank=True, default="")
    prev_hash = models.CharField(max_length=64)
    # Not indexed (on PostgreSQL; SQLite keeps the UNIQUE of its first table definition): nothing
    # looks an event up by its hash, and the chain, not an index, is what detects a duplicated,
    # inserted or altered event (ADR 0013).
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["actor_id", "-id"], name="audit_actor_idx"),
            models.Index(fields=["case_id", "-id"], name="audit_case_idx"),
            models.Index(fields=["action", "-id"], name="audit_action_idx"),
            # Events on objects outside any case (persons, users, pages); an event on a case or
            # on something recorded on it carries the case number and is found through
            # ``audit_case_idx``. Leaving those out spares every read of a case a write at a
            # random place in this index (a search logs up to 50 of them).
            models.Index(
                fields=["object_type", "object_id"],
                name="audit_object_idx",
                condition=models.Q(case_id=""),
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.occurred_at:%Y-%m-%d %H:%M:%S} {self.actor} {self.action}"


class PrunePermit(models.Model):
    """Lets the database's delete trigger remove the archived prefix, and nothing else.

    ``regie audit prune`` writes one row in the transaction that appends the checkpoint event
    and deletes the events up to ``bound``, and removes it again before committing, so a
    committed database never holds one. The trigger accepts a delete only of an event at or
    below the bound of a permit whose checkpoint is the newest event and names that same bound
    (ADR 0015); without one every delete is refused, as before.
    """

    bound = models.BigIntegerField(_("last archived event"))
    checkpoint_id = models.BigIntegerField(_("checkpoint event"))

    class Meta:
        verbose_name = _("prune permit")
        verbose_name_plural = _("prune permits")

    def __str__(self) -> str:
        return f"prune up to #{self.bound} (checkpoint #{self.checkpoint_id})"

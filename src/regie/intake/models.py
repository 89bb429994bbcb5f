"""Signals to the Steunpunt, their message thread, the Weegploeg's triage and the service
levels that say when a signal has waited too long (issue 14)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from regie.core.dates import short_date


class Stage(models.TextChoices):
    """Where the signal is being handled: the Steunpunt, the Weegploeg, or nowhere any more."""

    STEUNPUNT = "steunpunt", _("Steunpunt")
    WEEGPLOEG = "weegploeg", _("Weegploeg")
    AFGEROND = "afgerond", _("completed")


class Status(models.TextChoices):
    """What the submitter sees: never the stage or the outcome."""

    ONTVANGEN = "ontvangen", _("received")
    IN_BEHANDELING = "in_behandeling", _("being handled")
    AFGEROND = "afgerond", _("completed")


class Signal(models.Model):
    class Kind(models.TextChoices):
        SIGNAL = "signal", _("signal")
        # A question for advice that names no person.
        CONSULTATION = "consultation", _("consultation")

    class Urgency(models.TextChoices):
        NORMAL = "normal", _("normal")
        HIGH = "high", _("high")

    reference = models.CharField(_("reference"), max_length=20, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SIGNAL)
    themes = models.ManyToManyField("cases.Theme", verbose_name=_("themes"), blank=True)
    observation = models.TextField(_("what was observed"))
    observed_since = models.DateField(_("observed since"), null=True, blank=True)
    # The person as the submitter knows them; any of it may be unknown. ``person`` is the
    # registered person, linked later (by the Weegploeg's instroom or by hand).
    person_first_name = models.CharField(_("first name"), max_length=120, blank=True)
    person_last_name = models.CharField(_("last name"), max_length=160, blank=True)
    person_date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    person_area = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("district / municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    person = models.ForeignKey(
        "cases.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="signals"
    )
    source_organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("source organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    # Unknown is an answer too: the submitter may not know whether the person was told.
    person_is_aware = models.BooleanField(_("the person knows about the signal"), null=True)
    # Whose signal it is (sees its status); empty when a caller without an account phoned it in.
    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="submitted_signals",
    )
    # The Steunpunt member who recorded a phoned-in signal, and for whom (the audit's
    # on-behalf-of).
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_on_behalf_of = models.CharField(_("recorded on behalf of"), max_length=200, blank=True)
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.STEUNPUNT
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ONTVANGEN
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handler"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="handled_signals",
    )
    session = models.ForeignKey(
        "intake.TriageSession",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="signals",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # When the signal entered its current stage: the age the service level is measured on.
    stage_since = models.DateTimeField()
    forwarded_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Why the Steunpunt completed the signal itself (internal: the submitter never sees it).
    closing_reason = models.TextField(_("reason for closing"), blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("signal")
        verbose_name_plural = _("signals")
        indexes = [
            models.Index(fields=["stage", "stage_since"], name="signal_stage_idx"),
            models.Index(fields=["submitter", "created_at"], name="signal_submitter_idx"),
            # The informatiebeeld counts a window of months (``insights.counts``).
            models.Index(fields=["created_at"], name="signal_created_idx"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def names_person(self) -> bool:
        return bool(self.person_first_name or self.person_last_name or self.person_date_of_birth)


class SignalMessage(models.Model):
    """The thread between the Steunpunt and the submitter. Every message in it is one the
    submitter may read: the Weegploeg's weighing is never written here."""

    class Kind(models.TextChoices):
        QUESTION = "question", _("question to the submitter")
        ANSWER = "answer", _("answer")
        ADVICE = "advice", _("advice")

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    text = models.TextField(_("message"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.signal.reference}: {self.get_kind_display()}"


class ServiceLevel(models.Model):
    """How many days a signal may stay in a stage (the beheerder sets them in the admin)."""

    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, unique=True)
    days = models.PositiveSmallIntegerField(_("days"), validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = _("service level")
        verbose_name_plural = _("service levels")
        ordering = ["stage"]

    def __str__(self) -> str:
        return f"{self.get_stage_display()}: {self.days}"


class TriageSession(models.Model):
    """A dated sitting of the Weegploeg, possibly held as a meeting of the meetings app."""

    date = models.DateField(_("date"))
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("triage session")
        verbose_name_plural = _("triage sessions")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return short_date(self.date)


class TriageDecision(models.Model):
    class Outcome(models.TextChoices):
        GEEN_ZORGEN = "geen_zorgen", _("no concerns")
        ADVIES = "advies_aan_melder", _("advice to the submitter")
        DOORVERWIJZING = "doorverwijzing", _("referral to regular care")
        INSTROOM = "instroom", _("intake into the approach")

    signal = models.OneToOneField(Signal, on_delete=models.CASCADE, related_name="decision")
    session = models.ForeignKey(
        TriageSession, null=True, blank=True, on_delete=models.SET_NULL, related_name="decisions"
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    referred_to = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("referred to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    motivation = models.TextField(_("motivation"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("triage decision")
        verbose_name_plural = _("triage decisions")

    def __str__(self) -> str:
        return f"{self.signal.reference}: {self.get_outcome_display()}"

    def audit_case_id(self) -> str:
        return self.case.number if self.case is not None else ""

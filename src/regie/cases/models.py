"""Persons (betrokkenen), cases (casussen) and everything recorded on a case."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from regie.cases.names import Name
from regie.cases.names import normalise as normalise
from regie.core.dates import long_date


def validate_bsn(value: str) -> None:
    """The BSN elfproef: 9 digits, weighted sum 9..2 and -1 divisible by 11."""
    if not (value.isdigit() and len(value) == 9):
        raise ValidationError(_("A BSN has exactly 9 digits."), code="bsn_format")
    total = sum(int(d) * w for d, w in zip(value[:8], range(9, 1, -1), strict=True))
    total -= int(value[8])
    if total % 11 != 0 or value == "000000000":
        raise ValidationError(_("This is not a valid BSN (elfproef)."), code="bsn_checksum")


class Phase(models.TextChoices):
    AANMELDING = "aanmelding", _("registration")
    INSTROOM = "instroom", _("intake (assessment)")
    REGIE = "regie", _("case direction")
    NAZORG = "nazorg", _("aftercare")
    AFGESLOTEN = "afgesloten", _("closed")


OPEN_PHASES = [Phase.AANMELDING, Phase.INSTROOM, Phase.REGIE, Phase.NAZORG]
# Sorts cases without a review date last (the caseload's default order and its index).
FAR_FUTURE = date(9999, 12, 31)


class Theme(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    is_active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class FlagType(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    raises_protection = models.BooleanField(
        _("hides staff names"),
        default=False,
        help_text=_(
            "Staff names are hidden from everyone outside the regie team, partners included."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ClosingReason(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("closing reason")
        verbose_name_plural = _("closing reasons")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class JournalCategory(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("journal category")
        verbose_name_plural = _("journal categories")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class LifeDomain(models.Model):
    """A ZRM life domain (configurable; the 13 GGD domains are the default)."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("life domain")
        verbose_name_plural = _("life domains")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """The betrokkene: deliberately minimal data."""

    first_name = models.CharField(_("first name"), max_length=120)
    last_name = models.CharField(_("last name"), max_length=160)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    bsn = models.CharField(
        _("BSN"),
        max_length=9,
        blank=True,
        validators=[validate_bsn],
        help_text=_("Optional. Only when needed for the approach."),
    )
    area = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("district / municipality"),
        on_delete=models.PROTECT,
        related_name="persons",
    )
    search_name = models.CharField(max_length=300, editable=False, db_index=True)
    given_key = models.CharField(max_length=120, editable=False, default="")
    surname_key = models.CharField(max_length=160, editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        indexes = [
            models.Index(fields=["date_of_birth"], name="person_dob_idx"),
            models.Index(fields=["surname_key", "given_key"], name="person_name_key_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["bsn"], condition=~Q(bsn=""), name="person_unique_bsn")
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: object, **kwargs: object) -> None:
        self.search_name = normalise(self.full_name)
        self.given_key, self.surname_key = Name(self.first_name, self.last_name).keys
        update_fields = kwargs.get("update_fields")
        if isinstance(update_fields, list | tuple | set) and (
            {"first_name", "last_name"} & set(update_fields)
        ):
            kwargs["update_fields"] = {*update_fields, "search_name", "given_key", "surname_key"}
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class Case(models.Model):
    number = models.CharField(_("case number"), max_length=20, unique=True)
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="cases"
    )
    theme = models.ForeignKey(Theme, verbose_name=_("theme"), on_delete=models.PROTECT)
    area = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("district / municipality"),
        on_delete=models.PROTECT,
        related_name="cases",
    )
    regisseur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("case director"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="directed_cases",
    )
    phase = models.CharField(
        _("phase"), max_length=20, choices=Phase.choices, default=Phase.AANMELDING
    )
    phase_since = models.DateTimeField(_("in phase since"))
    opened_on = models.DateField(_("registered on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closing_reason = models.ForeignKey(
        ClosingReason,
        verbose_name=_("closing reason"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    delete_after = models.DateField(_("delete after"), null=True, blank=True)
    next_review_on = models.DateField(_("next review"), null=True, blank=True)
    flags = models.ManyToManyField(
        FlagType, verbose_name=_("flags"), blank=True, related_name="cases"
    )
    summary = models.TextField(_("summary"), blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-opened_on", "-id"]
        indexes = [
            models.Index(fields=["regisseur", "phase", "id"], name="case_caseload_idx"),
            models.Index(fields=["phase", "area"], name="case_overview_idx"),
            models.Index(fields=["phase", "phase_since", "id"], name="case_phase_since_idx"),
            models.Index(fields=["next_review_on", "id"], name="case_review_idx"),
            models.Index(fields=["delete_after"], name="case_retention_idx"),
            # "Mijn caseload" in its default order (next review first): walk one page of the
            # index instead of sorting all of a regisseur's open cases.
            models.Index(
                F("regisseur"),
                Coalesce("next_review_on", Value(FAR_FUTURE), output_field=models.DateField()),
                F("id"),
                name="case_caseload_review_idx",
                condition=Q(phase__in=OPEN_PHASES),
            ),
            # The district filter of "Mijn caseload" (distinct districts, index-only).
            models.Index(
                fields=["regisseur", "area"],
                name="case_caseload_area_idx",
                condition=Q(phase__in=OPEN_PHASES),
            ),
            # The overview's list of vacancies, in case-number order.
            models.Index(
                fields=["number", "id"],
                name="case_vacancy_idx",
                condition=Q(regisseur__isnull=True, phase__in=OPEN_PHASES),
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=~Q(phase="afgesloten"),
                name="case_one_open_per_person",
            )
        ]

    def __str__(self) -> str:
        return self.number

    def audit_case_id(self) -> str:
        return self.number

    @property
    def is_open(self) -> bool:
        return self.phase != Phase.AFGESLOTEN

    def is_protected(self) -> bool:
        """Media attention, a safety risk for staff or another protecting flag is set (uses
        prefetched flags)."""
        return any(flag.raises_protection for flag in self.flags.all())

    def days_in_phase(self, today: date) -> int:
        return (today - self.phase_since.date()).days


class CaseItem(models.Model):
    """Common shape of things recorded on a case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE)

    class Meta:
        abstract = True

    def audit_case_id(self) -> str:
        return self.case.number


class Visibility(models.TextChoices):
    REGIE_TEAM = "regie", _("regie team only")
    PARTNERS = "partners", _("shared with registered partners")


class JournalEntry(CaseItem):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="journal")
    occurred_on = models.DateField(_("date"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    category = models.ForeignKey(
        JournalCategory, verbose_name=_("category"), on_delete=models.PROTECT
    )
    text = models.TextField(_("text"))
    visibility = models.CharField(
        _("visibility"), max_length=20, choices=Visibility.choices, default=Visibility.REGIE_TEAM
    )
    shared_with = models.ManyToManyField(
        "organisations.Organisation",
        verbose_name=_("shared with"),
        blank=True,
        related_name="shared_journal_entries",
        help_text=_("Registered partners that may read this entry (need-to-know)."),
    )
    author_organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("author's organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Set when a partner organisation wrote the entry."),
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("journal entry")
        verbose_name_plural = _("journal entries")
        ordering = ["-occurred_on", "-id"]
        indexes = [models.Index(fields=["case", "-occurred_on", "-id"], name="journal_case_idx")]

    def __str__(self) -> str:
        return f"{self.case.number} {self.occurred_on}"


class Task(CaseItem):
    class Kind(models.TextChoices):
        REVIEW = "review", _("review")
        FOLLOW_UP = "follow_up", _("follow-up")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="tasks")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.FOLLOW_UP)
    title = models.CharField(_("task"), max_length=200)
    due_on = models.DateField(_("due on"))
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        on_delete=models.PROTECT,
        related_name="case_tasks",
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["assignee", "done_on", "due_on"], name="task_assignee_idx"),
            models.Index(fields=["case", "done_on", "due_on"], name="task_case_idx"),
        ]

    def __str__(self) -> str:
        return self.title


class ZrmAssessment(CaseItem):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="zrm_assessments")
    assessed_on = models.DateField(_("date"))
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assessor"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ZRM assessment")
        verbose_name_plural = _("ZRM assessments")
        ordering = ["assessed_on", "id"]
        indexes = [models.Index(fields=["case", "assessed_on"], name="zrm_case_idx")]

    def __str__(self) -> str:
        return f"ZRM {self.case.number} {self.assessed_on}"


class ZrmScore(models.Model):
    assessment = models.ForeignKey(ZrmAssessment, on_delete=models.CASCADE, related_name="scores")
    domain = models.ForeignKey(LifeDomain, on_delete=models.PROTECT)
    score = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "domain"], name="zrm_one_score"),
            models.CheckConstraint(
                condition=Q(score__gte=1) & Q(score__lte=5), name="zrm_score_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.domain}: {self.score}"


class TimelineEvent(CaseItem):
    class Kind(models.TextChoices):
        CREATED = "created", _("registered")
        PHASE = "phase", _("phase change")
        ASSIGNMENT = "assignment", _("assignment")
        JOURNAL = "journal", _("journal entry")
        ZRM = "zrm", _("ZRM assessment")
        FLAG = "flag", _("flag")
        TASK = "task", _("task")
        EDIT = "edit", _("change")
        PARTNER = "partner", _("intervention partner")
        INTERVENTION = "intervention", _("intervention")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="timeline")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The untranslated message (English msgid) and its parameters: rendered in the reader's
    # language by ``text``, so a timeline written in English reads Dutch to the next person.
    summary = models.CharField(max_length=300)
    params = models.JSONField(default=dict, blank=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["case", "-at", "-id"], name="timeline_case_idx")]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return self.text_for(hide_staff=False)

    def text_for(self, *, hide_staff: bool) -> str:
        """The message in the reader's language; staff names replaced on protected cases."""
        params = {name: _display_param(name, value) for name, value in self.params.items()}
        if hide_staff and "name" in params:
            params["name"] = gettext("case director")
        message = gettext(self.summary)
        try:
            return message % params if params else message
        except (KeyError, TypeError, ValueError):
            return message


def _display_param(name: str, value: Any) -> Any:
    if name in ("source", "target") and value in Phase.values:
        return Phase(value).label
    if name in ("date", "due") and isinstance(value, str):
        try:
            return long_date(date.fromisoformat(value))
        except ValueError:
            return value
    if name == "fields" and isinstance(value, list):
        labels = {
            f.name: str(f.verbose_name)
            for f in Case._meta.get_fields()
            if hasattr(f, "verbose_name")
        }
        return ", ".join(labels.get(str(v), str(v)) for v in value)
    return value


class Tombstone(models.Model):
    """What remains of a case after retention: no personal data."""

    case_number = models.CharField(max_length=20, unique=True)
    opened_on = models.DateField()
    closed_on = models.DateField(null=True, blank=True)
    deleted_on = models.DateField()
    reason = models.CharField(max_length=200)

    class Meta:
        verbose_name = _("deleted case")
        verbose_name_plural = _("deleted cases")
        ordering = ["-deleted_on"]

    def __str__(self) -> str:
        return f"{self.case_number} (deleted {self.deleted_on})"


from regie.cases.models_duplicates import DuplicateDecision as DuplicateDecision  # noqa: E402

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regie.cases.models import (
    ClosingReason,
    FlagType,
    JournalCategory,
    LifeDomain,
    Phase,
    Task,
    Theme,
    Visibility,
    validate_bsn,
)
from regie.cases.selectors import regisseurs
from regie.core.forms import no_later_than_today, not_in_future
from regie.core.limits import LONG_TEXT, SHORT_TEXT
from regie.core.widgets import AREA, DATE, SELECT, TEXT
from regie.organisations.models import Organisation
from regie.organisations.selectors import areas


class PlainChoiceIterator(forms.models.ModelChoiceIterator):
    """Choices from one plain query. Django's iterator reads the queryset through
    ``.iterator()``, which on PostgreSQL is a server-side cursor (DECLARE, FETCH, CLOSE): three
    round trips for a configuration list of a dozen rows."""

    def __iter__(self) -> Any:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset.all():
            yield self.choice(obj)


class ModelChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    iterator = PlainChoiceIterator


class ModelMultipleChoice(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    iterator = PlainChoiceIterator


def _set_queryset(form: forms.Form, name: str, queryset: Any) -> None:
    cast(forms.ModelChoiceField, form.fields[name]).queryset = queryset  # type: ignore[type-arg]


class RegisseurChoiceField(ModelChoice):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.username)


class CaseCreateForm(forms.Form):
    first_name = forms.CharField(
        label=_("First name"), max_length=120, widget=forms.TextInput(attrs=TEXT)
    )
    last_name = forms.CharField(
        label=_("Last name"), max_length=160, widget=forms.TextInput(attrs=TEXT)
    )
    date_of_birth = forms.DateField(
        label=_("Date of birth"),
        required=False,
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
    )
    bsn = forms.CharField(
        label=_("BSN (optional)"),
        required=False,
        max_length=9,
        validators=[validate_bsn],
        widget=forms.TextInput(attrs={**TEXT, "inputmode": "numeric"}),
    )
    theme = ModelChoice(
        label=_("Theme"),
        queryset=Theme.objects.filter(is_active=True),
        widget=forms.Select(attrs=SELECT),
    )
    area = ModelChoice(
        label=_("District / municipality"), queryset=areas(), widget=forms.Select(attrs=SELECT)
    )
    regisseur = RegisseurChoiceField(
        label=_("Case director"),
        required=False,
        queryset=regisseurs(),
        empty_label=_("Not yet assigned (vacancy)"),
        widget=forms.Select(attrs=SELECT),
    )
    summary = forms.CharField(
        max_length=LONG_TEXT,
        label=_("Reason for registration"),
        required=False,
        widget=forms.Textarea(attrs=AREA),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_queryset(self, "area", areas())
        _set_queryset(self, "regisseur", regisseurs())

    def clean_date_of_birth(self) -> Any:
        value = self.cleaned_data.get("date_of_birth")
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("A date of birth cannot be in the future."))
        return value


class TransitionForm(forms.Form):
    """No phase is preselected and every change needs a reason: a form submitted untouched
    changes nothing (issue 11.4). A closing reason belongs only to closing."""

    target = forms.ChoiceField(
        label=_("New phase"),
        choices=[],
        error_messages={"required": _("Choose the new phase.")},
        widget=forms.Select(attrs=SELECT),
    )
    closing_reason = ModelChoice(
        label=_("Closing reason"),
        required=False,
        queryset=ClosingReason.objects.filter(is_active=True),
        empty_label=_("— only when closing —"),
        widget=forms.Select(attrs=SELECT),
    )
    reason = forms.CharField(
        max_length=SHORT_TEXT,
        label=_("Reason"),
        error_messages={"required": _("Give a reason for this phase change.")},
        widget=forms.Textarea(attrs={**AREA, "rows": 2}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(
        self, *args: Any, targets: list[tuple[str, Any]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["target"]).choices = [
            ("", _("— choose a phase —")),
            *(Phase.choices if targets is None else targets),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        target = data.get("target")
        if target and target != Phase.AFGESLOTEN and data.get("closing_reason"):
            self.add_error(
                "closing_reason",
                _(
                    "A closing reason is only given when the case is closed. Empty it, or "
                    "choose the phase 'closed'."
                ),
            )
        elif target == Phase.AFGESLOTEN and not data.get("closing_reason"):
            self.add_error("closing_reason", _("Choose a closing reason."))
        return data


class AssignForm(forms.Form):
    regisseur = RegisseurChoiceField(
        label=_("Case director"),
        required=False,
        queryset=regisseurs(),
        empty_label=_("Nobody (make it a vacancy)"),
        widget=forms.Select(attrs=SELECT),
    )
    reason = forms.CharField(
        max_length=SHORT_TEXT,
        label=_("Reason for the reassignment"),
        widget=forms.Textarea(attrs={**AREA, "rows": 2}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_queryset(self, "regisseur", regisseurs())


class BulkAssignForm(AssignForm):
    cases = forms.CharField(widget=forms.HiddenInput, required=False)


class CaseEditForm(forms.Form):
    theme = ModelChoice(
        label=_("Theme"), queryset=Theme.objects.all(), widget=forms.Select(attrs=SELECT)
    )
    area = ModelChoice(
        label=_("District / municipality"), queryset=areas(), widget=forms.Select(attrs=SELECT)
    )
    summary = forms.CharField(
        max_length=LONG_TEXT, label=_("Summary"), required=False, widget=forms.Textarea(attrs=AREA)
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_queryset(self, "area", areas())


class FlagsForm(forms.Form):
    flags = ModelMultipleChoice(
        label=_("Flags"),
        required=False,
        queryset=FlagType.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "utrecht-checkbox"}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


# Who sees a journal entry, as one choice: the regie team, or the regie team and the partners
# ticked under that option (issue 11.2). The service refuses the contradictions as well.
AUDIENCE = [
    (Visibility.REGIE_TEAM.value, _("Regie team only")),
    (Visibility.PARTNERS.value, _("Regie team and chosen partners")),
]


class JournalForm(forms.Form):
    occurred_on = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d")
    )
    category = ModelChoice(
        label=_("Category"),
        queryset=JournalCategory.objects.filter(is_active=True),
        widget=forms.Select(attrs=SELECT),
    )
    text = forms.CharField(max_length=LONG_TEXT, label=_("Text"), widget=forms.Textarea(attrs=AREA))
    visibility = forms.ChoiceField(
        label=_("Visible to"),
        choices=AUDIENCE,
        initial=Visibility.REGIE_TEAM.value,
        widget=forms.RadioSelect(
            attrs={"class": "utrecht-radio-button utrecht-radio-button--html-input"}
        ),
    )
    shared_with = ModelMultipleChoice(
        label=_("Choose the partners"),
        required=False,
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "utrecht-checkbox"}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self, *args: Any, partners: list[Organisation] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        no_later_than_today(self, "occurred_on")
        ids = [o.pk for o in partners or []]
        _set_queryset(self, "shared_with", Organisation.objects.filter(pk__in=ids))
        if not ids:
            # No active partner on this case: sharing is not possible, so not offered.
            del self.fields["shared_with"]
            cast(forms.ChoiceField, self.fields["visibility"]).choices = AUDIENCE[:1]

    def clean_occurred_on(self) -> Any:
        return not_in_future(
            self.cleaned_data.get("occurred_on"),
            _("The date of a journal entry cannot be in the future."),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        visibility = data.get("visibility")
        if visibility == Visibility.REGIE_TEAM and data.get("shared_with"):
            self.add_error(
                "visibility",
                _(
                    "You chose 'Regie team only' and ticked partners. Choose 'Regie team and "
                    "chosen partners' to share the entry with them, or untick the partners."
                ),
            )
        elif visibility == Visibility.PARTNERS and not data.get("shared_with"):
            self.add_error("shared_with", _("Choose the partners this entry is shared with."))
        return data


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Task"), max_length=200, widget=forms.TextInput(attrs=TEXT))
    # No default: a review sets the case's next review date, so the kind is a deliberate choice.
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("", _("— choose a kind —")), *Task.Kind.choices],
        error_messages={"required": _("Choose a kind.")},
        widget=forms.Select(attrs=SELECT),
    )
    due_on = forms.DateField(
        label=_("Due on"), widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d")
    )
    assignee = RegisseurChoiceField(
        label=_("Assignee"), queryset=regisseurs(), widget=forms.Select(attrs=SELECT)
    )

    def __init__(self, *args: Any, assignees: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if assignees is not None:
            _set_queryset(self, "assignee", assignees)


class ZrmForm(forms.Form):
    assessed_on = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d")
    )
    note = forms.CharField(
        max_length=SHORT_TEXT,
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={**AREA, "rows": 2}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        no_later_than_today(self, "assessed_on")
        self.domains = list(LifeDomain.objects.filter(is_active=True))
        for domain in self.domains:
            self.fields[f"domain_{domain.pk}"] = forms.TypedChoiceField(
                label=domain.name,
                required=False,
                coerce=int,
                empty_value=None,
                choices=[("", "—")] + [(str(i), str(i)) for i in range(1, 6)],
                widget=forms.Select(attrs=SELECT),
            )

    def clean_assessed_on(self) -> Any:
        return not_in_future(
            self.cleaned_data.get("assessed_on"),
            _("The date of a ZRM assessment cannot be in the future."),
        )

    def scores(self) -> dict[LifeDomain, int]:
        return {
            domain: self.cleaned_data[f"domain_{domain.pk}"]
            for domain in self.domains
            if self.cleaned_data.get(f"domain_{domain.pk}") is not None
        }

    def domain_fields(self) -> list[Any]:
        return [self[f"domain_{domain.pk}"] for domain in self.domains]


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Case number, name or date of birth"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={**TEXT, "type": "search", "autocomplete": "off"}),
    )

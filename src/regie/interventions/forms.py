from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regie.core.limits import LONG_TEXT, SHORT_TEXT
from regie.core.widgets import AREA, DATE, SELECT, TEXT
from regie.interventions import selectors
from regie.interventions.models import CaseIntervention, ChangeRequest, Domain, Intervention
from regie.organisations.models import Organisation

CHECKBOX = {"class": "utrecht-checkbox utrecht-checkbox--html-input"}
PARTNER_KINDS = [("", _("any / not specified")), *Organisation.Kind.choices]


class InterventionChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.get_domain_display()})"


class ProposalForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("The request"),
        choices=ChangeRequest.Kind.choices,
        widget=forms.Select(attrs=SELECT),
    )
    target = InterventionChoiceField(
        label=_("Intervention to change or retire"),
        queryset=Intervention.objects.none(),
        required=False,
        widget=forms.Select(attrs=SELECT),
        help_text=_("Leave empty when you propose a new intervention."),
    )
    name = forms.CharField(
        label=_("Name"), max_length=200, required=False, widget=forms.TextInput(attrs=TEXT)
    )
    domain = forms.ChoiceField(
        label=_("Domain"),
        choices=[("", "—"), *Domain.choices],
        required=False,
        widget=forms.Select(attrs=SELECT),
    )
    typical_partner_kind = forms.ChoiceField(
        label=_("Typical executing partner"),
        choices=PARTNER_KINDS,
        required=False,
        widget=forms.Select(attrs=SELECT),
    )
    description = forms.CharField(
        max_length=LONG_TEXT,
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs=AREA),
    )
    motivation = forms.CharField(
        max_length=SHORT_TEXT,
        label=_("Motivation"),
        widget=forms.Textarea(attrs=AREA),
        help_text=_("Why the pallet should change: experience from cases, new offer, evaluation."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(InterventionChoiceField, self.fields["target"])
        field.queryset = selectors.choosable_interventions()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        has_target = data.get("target") is not None
        if kind == ChangeRequest.Kind.ADD and has_target:
            self.add_error("target", _("A new intervention has no existing one to change."))
        elif kind in (ChangeRequest.Kind.CHANGE, ChangeRequest.Kind.RETIRE) and not has_target:
            self.add_error("target", _("Choose the intervention to change or retire."))
        if kind in (ChangeRequest.Kind.ADD, ChangeRequest.Kind.CHANGE):
            if not data.get("name"):
                self.add_error("name", _("Give the intervention a name."))
            if not data.get("domain"):
                self.add_error("domain", _("Choose a domain."))
        return data


class ReviewForm(forms.Form):
    reason = forms.CharField(
        max_length=SHORT_TEXT,
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={**AREA, "rows": 3}),
        help_text=_("Required when you reject the request."),
    )


class PublishForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the new version"),
        max_length=120,
        widget=forms.TextInput(attrs=TEXT),
        help_text=_('For example "Basispallet 2027".'),
    )


class ExecutorField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """Offers the organisations registered on the case, but accepts any organisation so the
    service can refuse an unregistered one with a message that names it."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class CaseInterventionForm(forms.Form):
    intervention = InterventionChoiceField(
        label=_("Intervention"),
        queryset=Intervention.objects.none(),
        widget=forms.Select(attrs=SELECT),
        help_text=_("From the current pallet."),
    )
    executor = ExecutorField(
        label=_("Carried out by"),
        queryset=Organisation.objects.all(),
        required=False,
        empty_label=_("The regie team"),
        widget=forms.Select(attrs=SELECT),
        help_text=_("The regie team, or a partner with an active registration on this case."),
    )
    starts_on = forms.DateField(
        label=_("Starts on"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
    )
    ends_on = forms.DateField(
        label=_("Ends on"),
        required=False,
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=CaseIntervention.Status.choices,
        initial=CaseIntervention.Status.GEPLAND,
        widget=forms.Select(attrs=SELECT),
    )
    outcome = forms.CharField(
        max_length=LONG_TEXT,
        label=_("Outcome"),
        required=False,
        widget=forms.Textarea(attrs={**AREA, "rows": 3}),
    )
    shared_with_partners = forms.BooleanField(
        label=_("Share with registered partners"),
        required=False,
        widget=forms.CheckboxInput(attrs=CHECKBOX),
        help_text=_(
            "Partners whose registration includes the agreed interventions see it. "
            "The executing partner always sees its own interventions."
        ),
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(
        self, *args: Any, executors: list[Organisation], adding: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if adding:
            field = cast(InterventionChoiceField, self.fields["intervention"])
            field.queryset = selectors.choosable_interventions()
        else:
            del self.fields["intervention"]
        # Offer only the registered organisations (and the one already chosen, if its
        # registration ended meanwhile); anything else is refused by the service.
        current = self.initial.get("executor")
        offered = list(executors)
        if isinstance(current, Organisation) and current not in offered:
            offered.append(current)
        executor = cast(ExecutorField, self.fields["executor"])
        widget = cast(forms.Select, executor.widget)
        widget.choices = [("", executor.empty_label), *((o.pk, o.name) for o in offered)]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The end date is before the start date."))
        return data


class PartnerProgressForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=CaseIntervention.Status.choices,
        widget=forms.Select(attrs=SELECT),
    )
    ends_on = forms.DateField(
        label=_("Ends on"),
        required=False,
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
    )
    outcome = forms.CharField(
        max_length=LONG_TEXT,
        label=_("Outcome"),
        required=False,
        widget=forms.Textarea(attrs={**AREA, "rows": 3}),
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regie.cases.models import JournalCategory
from regie.core.forms import no_later_than_today, not_in_future
from regie.core.limits import LONG_TEXT, SHORT_TEXT
from regie.core.widgets import AREA, DATE, SELECT, TEXT
from regie.partners import selectors
from regie.partners.models import InformationCategory


class RegistrationForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Partner organisation"),
        queryset=selectors.signed_organisations(),
        help_text=_("Only organisations that signed the covenant are listed."),
        widget=forms.Select(attrs=SELECT),
    )
    purpose = forms.CharField(
        max_length=LONG_TEXT, label=_("Purpose"), widget=forms.Textarea(attrs=AREA)
    )
    categories = forms.ModelMultipleChoiceField(
        label=_("Information to share"),
        queryset=InformationCategory.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "utrecht-checkbox"}),
    )
    starts_on = forms.DateField(
        label=_("Starts on"), widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d")
    )
    ends_on = forms.DateField(
        label=_("Ends on"), widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d")
    )
    contact_name = forms.CharField(
        label=_("Contact person at the partner"), max_length=200, widget=forms.TextInput(attrs=TEXT)
    )
    contact_details = forms.CharField(
        label=_("Contact details"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs=TEXT),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = selectors.signed_organisations()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The end date is before the start date."))
        return data


class DecisionForm(forms.Form):
    note = forms.CharField(
        max_length=SHORT_TEXT,
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={**AREA, "rows": 2}),
    )


class EndForm(forms.Form):
    reason = forms.CharField(
        max_length=SHORT_TEXT,
        label=_("Reason for ending"),
        widget=forms.Textarea(attrs={**AREA, "rows": 2}),
    )


class JoinRequestForm(forms.Form):
    case_number = forms.CharField(
        label=_("Case number"), max_length=20, widget=forms.TextInput(attrs=TEXT)
    )
    purpose = forms.CharField(
        max_length=LONG_TEXT,
        label=_("Why your organisation wants to take part"),
        widget=forms.Textarea(attrs=AREA),
    )
    contact_details = forms.CharField(
        label=_("How the case director can reach you"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs=TEXT),
    )

    def clean_case_number(self) -> str:
        from regie.partners.services import normalise_case_number

        return normalise_case_number(self.cleaned_data["case_number"])


class PartnerJournalForm(forms.Form):
    occurred_on = forms.DateField(
        label=_("Date"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
    )
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=JournalCategory.objects.filter(is_active=True),
        widget=forms.Select(attrs=SELECT),
    )
    text = forms.CharField(max_length=LONG_TEXT, label=_("Text"), widget=forms.Textarea(attrs=AREA))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        no_later_than_today(self, "occurred_on")

    def clean_occurred_on(self) -> Any:
        # A contact with the person happened: its date is not after today (issue 11.4).
        return not_in_future(
            self.cleaned_data.get("occurred_on"),
            _("The date of a journal entry cannot be in the future."),
        )

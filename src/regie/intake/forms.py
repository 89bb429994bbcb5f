"""The submitter's form. Every value posted comes back in the form when something is refused,
so a draft is never lost on a validation error (issue 14)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from regie.cases.models import Theme
from regie.core.forms import no_later_than_today
from regie.core.limits import LONG_TEXT
from regie.core.widgets import AREA, DATE, SELECT, TEXT
from regie.intake.models import Signal
from regie.organisations.models import Organisation
from regie.organisations.selectors import areas

RADIO = {"class": "utrecht-radio-button utrecht-radio-button--html-input"}
AWARE = [("", _("Unknown")), ("yes", _("Yes")), ("no", _("No"))]


class SignalForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What do you want to do?"),
        choices=[
            (Signal.Kind.SIGNAL.value, _("Report a concern about a person (signal)")),
            (Signal.Kind.CONSULTATION.value, _("Ask for advice without naming a person")),
        ],
        initial=Signal.Kind.SIGNAL.value,
        widget=forms.RadioSelect(attrs=RADIO),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        required=False,
        queryset=Theme.objects.none(),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "utrecht-checkbox"}),
    )
    observation = forms.CharField(
        label=_("What did you observe?"),
        max_length=LONG_TEXT,
        help_text=_("Facts: what you saw or heard, where, and from whom you know it."),
        widget=forms.Textarea(attrs={**AREA, "rows": 6}),
    )
    observed_since = forms.DateField(
        label=_("Observed since (optional)"),
        required=False,
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
    )
    person_first_name = forms.CharField(
        label=_("First name (optional)"),
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs=TEXT),
    )
    person_last_name = forms.CharField(
        label=_("Last name (optional)"),
        max_length=160,
        required=False,
        widget=forms.TextInput(attrs=TEXT),
    )
    person_date_of_birth = forms.DateField(
        label=_("Date of birth (optional)"),
        required=False,
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
    )
    person_area = forms.ModelChoiceField(
        label=_("District / municipality (optional)"),
        required=False,
        queryset=Organisation.objects.none(),
        empty_label=_("Unknown"),
        widget=forms.Select(attrs=SELECT),
    )
    urgency = forms.ChoiceField(
        label=_("Urgency"),
        choices=[
            (Signal.Urgency.NORMAL.value, _("Normal")),
            (Signal.Urgency.HIGH.value, _("High")),
        ],
        initial=Signal.Urgency.NORMAL.value,
        widget=forms.RadioSelect(attrs=RADIO),
    )
    person_is_aware = forms.ChoiceField(
        label=_("Does the person know about this signal?"),
        choices=AWARE,
        required=False,
        widget=forms.Select(attrs=SELECT),
    )

    def __init__(self, *args: Any, recording: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if recording:
            # The Steunpunt records a phoned-in signal: for whom is part of the record.
            self.fields["recorded_on_behalf_of"] = forms.CharField(
                label=_("Recorded on behalf of"),
                max_length=200,
                help_text=_("The caller: name, function and organisation."),
                widget=forms.TextInput(attrs=TEXT),
            )
        themes = self.fields["themes"]
        assert isinstance(themes, forms.ModelMultipleChoiceField)
        themes.queryset = Theme.objects.filter(is_active=True)
        area = self.fields["person_area"]
        assert isinstance(area, forms.ModelChoiceField)
        area.queryset = areas()
        no_later_than_today(self, "observed_since")
        no_later_than_today(self, "person_date_of_birth")

    def aware(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.cleaned_data.get("person_is_aware") or "")


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Your answer"), max_length=LONG_TEXT, widget=forms.Textarea(attrs=AREA)
    )

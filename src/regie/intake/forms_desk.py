"""The Steunpunt's and the Weegploeg's small forms: one per act on a signal (issue 14)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from regie.cases.models import Theme
from regie.core.limits import LONG_TEXT
from regie.core.widgets import AREA, DATE, SELECT
from regie.intake.forms import RADIO
from regie.intake.models import TriageDecision
from regie.meetings.models import Meeting
from regie.organisations.models import Organisation
from regie.organisations.selectors import areas


class VersionForm(forms.Form):
    """An act without text (pick up, forward): the version seen, so a stale page is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class MessageForm(forms.Form):
    text = forms.CharField(
        label=_("Message"), max_length=LONG_TEXT, widget=forms.Textarea(attrs={**AREA, "rows": 4})
    )

    def __init__(self, *args: Any, label: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if label is not None:
            self.fields["text"].label = label


class CloseForm(VersionForm):
    reason = forms.CharField(
        label=_("Reason for closing"),
        max_length=LONG_TEXT,
        help_text=_("For the Steunpunt only: the submitter sees that the signal is completed."),
        widget=forms.Textarea(attrs={**AREA, "rows": 3}),
    )


class SessionForm(forms.Form):
    date = forms.DateField(
        label=_("Date of the session"), widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d")
    )
    meeting: forms.ModelChoiceField[Meeting] = forms.ModelChoiceField(
        label=_("Held during the meeting (optional)"),
        required=False,
        queryset=Meeting.objects.none(),
        empty_label=_("No meeting"),
        widget=forms.Select(attrs=SELECT),
    )

    def __init__(self, *args: Any, meetings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["meeting"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = meetings


class AddToSessionForm(forms.Form):
    signal = forms.ChoiceField(label=_("Signal"), widget=forms.Select(attrs=SELECT))

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["signal"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices


class DecisionForm(VersionForm):
    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=[(value, capfirst(label)) for value, label in TriageDecision.Outcome.choices],
        widget=forms.RadioSelect(attrs=RADIO),
    )
    motivation = forms.CharField(
        label=_("Motivation"),
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={**AREA, "rows": 4}),
    )
    advice = forms.CharField(
        label=_("Advice for the submitter (with advice to the submitter)"),
        max_length=LONG_TEXT,
        required=False,
        help_text=_("The submitter reads this in their signal's messages."),
        widget=forms.Textarea(attrs={**AREA, "rows": 3}),
    )
    referred_to = forms.ModelChoiceField(
        label=_("Referred to (with a referral)"),
        required=False,
        queryset=Organisation.objects.none(),
        empty_label=_("No referral"),
        widget=forms.Select(attrs=SELECT),
    )
    theme = forms.ModelChoiceField(
        label=_("Theme of the case (with an intake)"),
        required=False,
        queryset=Theme.objects.none(),
        empty_label=_("The signal's first theme"),
        widget=forms.Select(attrs=SELECT),
    )
    area = forms.ModelChoiceField(
        label=_("District / municipality of the case (with an intake)"),
        required=False,
        queryset=Organisation.objects.none(),
        empty_label=_("As in the signal"),
        widget=forms.Select(attrs=SELECT),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, queryset in (
            ("referred_to", Organisation.objects.filter(is_active=True).order_by("name")),
            ("theme", Theme.objects.filter(is_active=True)),
            ("area", areas()),
        ):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = queryset

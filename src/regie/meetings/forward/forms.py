"""Forms of the termijnagenda: adding an item and planning its dates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regie.accounts.models import Role
from regie.meetings.actions.forms import MeetingChoiceField
from regie.meetings.minutes.forms import CheckboxList
from regie.meetings.models import Meeting, TermItem
from regie.meetings.periods import parse_dates
from regie.meetings.validators import PlainCharField, date_in_range
from regie.organisations.models import Team

TEXT = {"class": "utrecht-textbox"}
AREA = {"class": "utrecht-textarea", "rows": 3}
SELECT = {"class": "utrecht-select utrecht-select--html-select"}
DATE = {**TEXT, "type": "date"}
CHECKBOX = {"class": "utrecht-checkbox utrecht-checkbox--html-input"}


def _parse_date_list(text: str) -> list[dt.date]:
    if not text.strip():
        return []
    found = parse_dates(text, reference=timezone.localdate())
    if not found:
        raise forms.ValidationError(
            _("No dates found. Write them as 16/2, 15/4 en 22/6 or 30 juni 2021.")
        )
    if not all(date_in_range(day) for day in found):
        raise forms.ValidationError(_("Give dates between 2000 and 2100."), code="date_range")
    return found


ROLE_CHOICES = [(value, label) for value, label in Role.choices]


class TermItemForm(forms.Form):
    subject = PlainCharField(label=_("Subject"), max_length=300, widget=forms.TextInput(attrs=TEXT))
    kind = forms.ChoiceField(
        label=_("Kind"), choices=TermItem.Kind.choices, widget=forms.Select(attrs=SELECT)
    )
    when_text = PlainCharField(
        label=_("When"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs=TEXT),
        help_text=_("A period or dates as you would write them: september 2021, 2e helft 2021."),
    )
    dates = PlainCharField(
        label=_("Dates"),
        required=False,
        max_length=2000,
        widget=forms.TextInput(attrs=TEXT),
        help_text=_("One or more dates in one field, e.g. 16/2, 15/4, 22/6 en 23/9."),
    )
    to_plan = forms.BooleanField(
        label=_("Still to be planned"),
        required=False,
        widget=forms.CheckboxInput(attrs=CHECKBOX),
    )
    audience_teams = forms.ModelMultipleChoiceField(
        label=_("For teams"),
        queryset=Team.objects.none(),
        required=False,
        widget=CheckboxList,
    )
    audience_roles = forms.MultipleChoiceField(
        label=_("For roles"),
        choices=ROLE_CHOICES,
        required=False,
        widget=CheckboxList,
    )
    meeting = MeetingChoiceField(
        label=_("At meeting"),
        queryset=Meeting.objects.none(),
        required=False,
        empty_label=_("— none —"),
        widget=forms.Select(attrs=SELECT),
    )

    def __init__(self, *args: Any, meetings: Any = None, teams: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if meetings is not None:
            self.fields["meeting"].queryset = meetings  # type: ignore[attr-defined]
        if teams is not None:
            self.fields["audience_teams"].queryset = teams  # type: ignore[attr-defined]

    def clean_dates(self) -> list[dt.date]:
        return _parse_date_list(self.cleaned_data.get("dates", ""))


class PlanForm(forms.Form):
    dates = PlainCharField(
        label=_("Dates"),
        max_length=2000,
        widget=forms.TextInput(attrs=TEXT),
        help_text=_("One or more dates in one field, e.g. 16/2, 15/4, 22/6 en 23/9."),
    )

    def clean_dates(self) -> list[dt.date]:
        return _parse_date_list(self.cleaned_data.get("dates", ""))

"""Forms for the actielijst, the termijnagenda and the calendar feeds.

The forms only shape input; the services validate and write. Due moments are free text on
purpose: the service parses them and keeps text it does not understand, so no form rejects a
due moment.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regie.accounts.models import Role
from regie.core.dates import short_date
from regie.core.limits import LONG_TEXT
from regie.meetings.forms import CheckboxList
from regie.meetings.models import Meeting, TermItem
from regie.meetings.periods import parse_dates
from regie.meetings.services import Owner
from regie.meetings.validators import PlainCharField, RangeDateField, date_in_range
from regie.organisations.models import Team

TEXT = {"class": "utrecht-textbox"}
AREA = {"class": "utrecht-textarea", "rows": 3}
SELECT = {"class": "utrecht-select utrecht-select--html-select"}
DATE = {**TEXT, "type": "date"}
CHECKBOX = {"class": "utrecht-checkbox utrecht-checkbox--html-input"}


class UserChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.get_username())


class MeetingChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return short_date(obj.date)


def split_names(text: str) -> list[str]:
    return [name.strip() for name in (text or "").split(",") if name.strip()]


class SubActionForm(forms.Form):
    """One sub-action: what, who (users of the series and free names) and by when."""

    description = PlainCharField(
        max_length=LONG_TEXT, label=_("Action"), widget=forms.Textarea(attrs=AREA)
    )
    owners = UserChoiceField(
        label=_("Owners"),
        queryset=Team.objects.none(),
        required=False,
        widget=CheckboxList,
    )
    other_owners = PlainCharField(
        label=_("Other owners, comma-separated"),
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs=TEXT),
        help_text=_("People without an account, e.g. someone of another organisation."),
    )
    due_text = PlainCharField(
        label=_("Due"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs=TEXT),
        help_text=_(
            "A date or a period as you would write it: 27 mei, z.s.m., Q3 2021, jaarlijks."
        ),
    )

    def __init__(self, *args: Any, members: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if members is not None:
            self.fields["owners"].queryset = members  # type: ignore[attr-defined]

    def owner_list(self) -> list[Owner]:
        data = self.cleaned_data
        users = [Owner(user=user) for user in data.get("owners") or []]
        return users + [Owner(name=name) for name in split_names(data.get("other_owners", ""))]


class EditSubActionForm(SubActionForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class BaseSubActionFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    """Blank rows are ignored; at least one sub-action is needed."""

    def clean(self) -> None:
        super().clean()
        if any(form.errors for form in self.forms):
            return
        if not self.filled():
            raise forms.ValidationError(_("Describe at least one sub-action."))

    def filled(self) -> list[SubActionForm]:
        return [
            form
            for form in self.forms
            if form.has_changed() and (form.cleaned_data.get("description") or "").strip()
        ]


def subaction_formset(data: Any = None, *, members: Any, extra: int = 3) -> BaseSubActionFormSet:
    factory = forms.formset_factory(
        SubActionForm, formset=BaseSubActionFormSet, extra=extra, max_num=20, validate_max=True
    )
    # A blank extra row must not fail on the required description.
    formset = factory(data, prefix="sub", form_kwargs={"members": members, "empty_permitted": True})
    return cast(BaseSubActionFormSet, formset)


class ActionForm(forms.Form):
    subject = PlainCharField(label=_("Subject"), max_length=300, widget=forms.TextInput(attrs=TEXT))
    meeting = MeetingChoiceField(
        label=_("Raised at meeting"),
        queryset=Meeting.objects.none(),
        required=False,
        empty_label=_("— not at a meeting —"),
        widget=forms.Select(attrs=SELECT),
    )
    raised_on = RangeDateField(
        label=_("Or raised on"),
        required=False,
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
        help_text=_("Leave empty for the meeting's date, or today."),
    )

    def __init__(self, *args: Any, meetings: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if meetings is not None:
            self.fields["meeting"].queryset = meetings  # type: ignore[attr-defined]


class CompleteForm(forms.Form):
    on = RangeDateField(
        label=_("Completed on"),
        required=False,
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean_on(self) -> dt.date:
        on: dt.date | None = self.cleaned_data.get("on")
        today = timezone.localdate()
        if on is None:
            return today
        if on > today:
            raise forms.ValidationError(_("An action cannot be completed in the future."))
        return on


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


class DecisionSearchForm(forms.Form):
    q = PlainCharField(
        label=_("Search decisions"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={**TEXT, "type": "search"}),
    )

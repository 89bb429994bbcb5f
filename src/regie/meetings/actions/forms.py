"""Forms for the actielijst and the besluitenlijst.

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

from regie.core.dates import short_date
from regie.core.limits import LONG_TEXT
from regie.meetings.actions.services import Owner
from regie.meetings.minutes.forms import CheckboxList
from regie.meetings.models import Meeting
from regie.meetings.validators import PlainCharField, RangeDateField
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


class DecisionSearchForm(forms.Form):
    q = PlainCharField(
        label=_("Search decisions"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={**TEXT, "type": "search"}),
    )

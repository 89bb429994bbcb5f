"""Forms of the meeting pages. They only validate input; the services decide and write.

Choice lists (speakers, series members, target meetings) are handed in by the view from what it
has already read, so that the meeting page renders many small forms without a query per form.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from regie.core.dates import short_date
from regie.core.limits import LONG_TEXT, SHORT_TEXT
from regie.meetings.models import AgendaItem, Attendee, Meeting, MinutesAdoption
from regie.meetings.validators import PlainCharField, RangeDateField
from regie.organisations.models import Team

if TYPE_CHECKING:
    from regie.accounts.models import User

TEXT = {"class": "utrecht-textbox"}
AREA = {"class": "utrecht-textarea", "rows": 3}
SELECT = {"class": "utrecht-select utrecht-select--html-select"}
DATE = {**TEXT, "type": "date"}
TIME = {**TEXT, "type": "time"}
CHECKBOX = {"class": "utrecht-checkbox utrecht-checkbox--html-input"}
RADIO = {"class": "utrecht-radio-button utrecht-radio-button--html-input"}


class _OptionClassMixin:
    """Django copies a choice widget's ``class`` attribute onto its wrapper <div> as well as onto
    every input; the Utrecht radio/checkbox classes then draw the wrapper as one big control.
    These widgets put the class on the inputs only."""

    option_class = ""

    def create_option(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option: dict[str, Any] = super().create_option(*args, **kwargs)  # type: ignore[misc]
        option["attrs"]["class"] = self.option_class
        return option


class RadioList(_OptionClassMixin, forms.RadioSelect):
    option_class = RADIO["class"]


class CheckboxList(_OptionClassMixin, forms.CheckboxSelectMultiple):
    option_class = CHECKBOX["class"]


def person_label(user: User) -> str:
    return str(user.get_full_name() or user.get_username())


class PersonChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return person_label(obj)


def _set_queryset(form: forms.Form, name: str, queryset: Any) -> None:
    cast(forms.ModelChoiceField, form.fields[name]).queryset = queryset  # type: ignore[type-arg]


class MeetingForm(forms.Form):
    """Create a meeting, or edit its details (then with the version read, for optimistic
    locking)."""

    date = RangeDateField(label=_("Date"), widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"))
    start_time = forms.TimeField(
        label=_("Start"), required=False, widget=forms.TimeInput(attrs=TIME, format="%H:%M")
    )
    end_time = forms.TimeField(
        label=_("End"), required=False, widget=forms.TimeInput(attrs=TIME, format="%H:%M")
    )
    location = PlainCharField(
        label=_("Place"), max_length=200, required=False, widget=forms.TextInput(attrs=TEXT)
    )
    online_url = forms.URLField(
        label=_("Online meeting link"),
        max_length=200,  # the column's length: longer is a form error, not a database error
        required=False,
        assume_scheme="https",
        widget=forms.URLInput(attrs=TEXT),
    )
    chair = PersonChoiceField(
        label=_("Chair"),
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.Select(attrs=SELECT),
    )
    minute_taker = PersonChoiceField(
        label=_("Minute-taker"),
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.Select(attrs=SELECT),
    )
    # Required: a save without the version read would skip the optimistic lock. A new meeting
    # has none, so the create view drops the field (see ``creating``).
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, members: Any, creating: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_queryset(self, "chair", members)
        _set_queryset(self, "minute_taker", members)
        if creating:
            del self.fields["version"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The meeting ends after it starts."))
        return data

    def meeting_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "date": data["date"],
            "start_time": data["start_time"],
            "end_time": data["end_time"],
            "location": data["location"],
            "online_url": data["online_url"],
            "chair": data["chair"],
            "minute_taker": data["minute_taker"],
        }


class SeriesForm(forms.Form):
    name = PlainCharField(label=_("Name"), max_length=200, widget=forms.TextInput(attrs=TEXT))
    team = forms.ModelChoiceField(
        label=_("Owning team"), queryset=Team.objects.none(), widget=forms.Select(attrs=SELECT)
    )
    default_location = PlainCharField(
        label=_("Usual place"), max_length=200, required=False, widget=forms.TextInput(attrs=TEXT)
    )

    def __init__(self, *args: Any, teams: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_queryset(self, "team", teams)


PRESENCE_CHOICES = [
    (Attendee.Presence.PRESENT, _("present")),
    (Attendee.Presence.ABSENT, _("absent")),
    (Attendee.Presence.ALSO_PRESENT, _("also present")),
    (Attendee.Presence.INVITED, _("invited (not recorded yet)")),
]


class PresenceForm(forms.Form):
    presence = forms.ChoiceField(
        label=_("Attendance"), choices=PRESENCE_CHOICES, widget=forms.Select(attrs=SELECT)
    )
    absence_reason = PlainCharField(
        label=_("Sent apologies"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs=TEXT),
        help_text=_("For someone absent, e.g. “afgemeld”."),
    )


class InviteForm(forms.Form):
    """A user from another organisation, or someone without an account by name."""

    user = PersonChoiceField(
        label=_("User"),
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.Select(attrs=SELECT),
        help_text=_("Someone with an account, e.g. a project leader of a district."),
    )
    name = PlainCharField(
        label=_("Or a name"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs=TEXT),
        help_text=_("For someone without an account."),
    )
    organisation_name = PlainCharField(
        label=_("Organisation"), max_length=200, required=False, widget=forms.TextInput(attrs=TEXT)
    )
    role_title = PlainCharField(
        label=_("Role"), max_length=200, required=False, widget=forms.TextInput(attrs=TEXT)
    )
    kind = forms.ChoiceField(
        label=_("Invited as"),
        choices=Attendee.Kind.choices,
        initial=Attendee.Kind.GUEST,
        widget=forms.Select(attrs=SELECT),
    )

    def __init__(self, *args: Any, users: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_queryset(self, "user", users)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("user") is None and not (data.get("name") or "").strip():
            self.add_error("user", _("Choose a user or give a name."))
        if data.get("user") is not None and (data.get("name") or "").strip():
            self.add_error("name", _("Choose a user or give a name, not both."))
        return data


class ItemForm(forms.Form):
    title = PlainCharField(label=_("Title"), max_length=300, widget=forms.TextInput(attrs=TEXT))
    presenter = PlainCharField(
        label=_("Presenter"), max_length=200, required=False, widget=forms.TextInput(attrs=TEXT)
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"),
        required=False,
        min_value=1,
        max_value=600,
        widget=forms.NumberInput(attrs=TEXT),
    )
    kind = forms.ChoiceField(
        label=_("Type"),
        choices=AgendaItem.Kind.choices,
        initial=AgendaItem.Kind.STANDARD,
        widget=forms.Select(attrs=SELECT),
    )
    confidential = forms.BooleanField(
        label=_("Confidential"),
        required=False,
        widget=forms.CheckboxInput(attrs=CHECKBOX),
        help_text=_("Left out of what guests see and of exports for guests."),
    )


class ItemEditForm(ItemForm):
    notes = PlainCharField(
        max_length=5 * LONG_TEXT,
        label=_("Minutes text"),
        required=False,
        widget=forms.Textarea(attrs=AREA),
        help_text=_("Free text under the item, besides the points."),
    )


class TransferForm(forms.Form):
    """Copy or move an item to another meeting of the series."""

    target = forms.TypedChoiceField(
        label=_("Meeting"), coerce=int, choices=(), widget=forms.Select(attrs=SELECT)
    )
    mode = forms.ChoiceField(
        label=_("How"),
        choices=[("copy", _("Copy")), ("move", _("Move"))],
        initial="copy",
        widget=forms.Select(attrs=SELECT),
    )

    def __init__(self, *args: Any, targets: Sequence[Meeting], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.TypedChoiceField, self.fields["target"])
        field.choices = [(m.pk, short_date(m.date)) for m in targets]


def speaker_choices(speakers: Iterable[Attendee]) -> list[tuple[str, str]]:
    return [("", str(_("— no name —")))] + [(str(a.pk), a.display_name) for a in speakers]


class PointForm(forms.Form):
    speaker = forms.ChoiceField(
        label=_("Speaker"), required=False, choices=(), widget=forms.Select(attrs=SELECT)
    )
    heading = PlainCharField(
        label=_("Heading"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs=TEXT),
        help_text=_("Optional, e.g. “Discussie”."),
    )
    text = PlainCharField(max_length=LONG_TEXT, label=_("Point"), widget=forms.Textarea(attrs=AREA))

    def __init__(self, *args: Any, speakers: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["speaker"]).choices = speakers


class PointEditForm(PointForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # update_point keeps the heading as it was written.
        del self.fields["heading"]


class DecisionForm(forms.Form):
    text = PlainCharField(
        max_length=LONG_TEXT, label=_("Decision"), widget=forms.Textarea(attrs={**AREA, "rows": 2})
    )


class AdoptionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=MinutesAdoption.Outcome.choices,
        initial=MinutesAdoption.Outcome.ADOPTED,
        widget=RadioList,
    )
    changes = PlainCharField(
        max_length=SHORT_TEXT,
        label=_("Changes"),
        required=False,
        widget=forms.Textarea(attrs={**AREA, "rows": 2}),
        help_text=_("Required when adopted with changes."),
    )


class ErratumForm(forms.Form):
    text = PlainCharField(
        max_length=LONG_TEXT,
        label=_("Correction"),
        widget=forms.Textarea(attrs={**AREA, "rows": 2}),
        help_text=_("The adopted minutes stay as they are; the correction is listed with them."),
    )

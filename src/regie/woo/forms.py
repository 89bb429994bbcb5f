"""Forms of the Woo coordinators' pages. They validate input only; the services decide and write.

The review screen renders a few small forms per redaction, so the choice lists (grounds,
blocks) are handed in by the view from what it has read once, never queried per form."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regie.core.dates import long_date
from regie.core.limits import SHORT_TEXT
from regie.core.widgets import AREA, DATE, SELECT, TEXT
from regie.meetings.models import Meeting
from regie.woo.export import diwoo
from regie.woo.models import Ground

CHECKBOX = {"class": "utrecht-checkbox utrecht-checkbox--html-input"}
FILE = {"class": "utrecht-textbox regie-file", "accept": ".docx,.pdf,.txt"}


def _choices(name: str) -> list[tuple[str, str]]:
    return sorted(diwoo.value_list(name).items(), key=lambda item: item[1].casefold())


class _Versioned(forms.Form):
    """The version of the publication the screen showed: a later write by someone else is a
    conflict, not a silent overwrite (``core.locking.bump``)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)


class _Classified(forms.Form):
    information_category = forms.ChoiceField(
        label=_("Information category"), widget=forms.Select(attrs=SELECT)
    )
    document_type = forms.ChoiceField(label=_("Document type"), widget=forms.Select(attrs=SELECT))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        category: Any = self.fields["information_category"]
        kind: Any = self.fields["document_type"]
        category.choices = _choices("informatiecategorielijst")
        kind.choices = _choices("documentsoortlijst")
        self.initial.setdefault(
            "information_category", diwoo.VERGADERSTUKKEN_DECENTRALE_OVERHEDEN.resource
        )
        self.initial.setdefault("document_type", diwoo.VERGADERVERSLAG.resource)


class MeetingChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        meeting: Meeting = obj
        return f"{meeting.series.name}: {long_date(meeting.date)}"


class FromMeetingForm(_Classified):
    meeting = MeetingChoiceField(
        label=_("Meeting with adopted minutes"),
        queryset=Meeting.objects.none(),
        empty_label=_("Choose a meeting"),
        widget=forms.Select(attrs=SELECT),
    )
    field_order = ["meeting", "information_category", "document_type"]

    def __init__(self, *args: Any, meetings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["meeting"]
        field.queryset = meetings


class UploadForm(_Classified):
    file = forms.FileField(
        label=_("File"),
        help_text=_("A Word document (.docx), a PDF with a text layer or a text file (.txt)."),
        widget=forms.ClearableFileInput(attrs=FILE),
    )
    title = forms.CharField(label=_("Title"), max_length=300, widget=forms.TextInput(attrs=TEXT))
    adopted_on = forms.DateField(
        label=_("Adopted on"),
        help_text=_("The date the document was adopted or signed."),
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
    )
    field_order = ["file", "title", "adopted_on", "information_category", "document_type"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # An uploaded file is a meeting document more often than the minutes themselves.
        kwargs["initial"] = {
            "document_type": diwoo.VERGADERSTUK.resource,
            **kwargs.get("initial", {}),
        }
        super().__init__(*args, **kwargs)
        self.fields["adopted_on"].widget.attrs["max"] = timezone.localdate().isoformat()

    def clean_adopted_on(self) -> dt.date:
        value: dt.date = self.cleaned_data["adopted_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The adoption date cannot be in the future."))
        return value


def _ground_field(grounds: Sequence[Ground], label: Any) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=[(g.pk, f"{g.code} {g.label}") for g in grounds],
        coerce=int,
        widget=forms.Select(attrs=SELECT),
    )


class _WithGround(_Versioned):
    def __init__(self, *args: Any, grounds: Sequence[Ground], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.grounds = {g.pk: g for g in grounds}
        self.fields["ground"] = _ground_field(grounds, _("Ground"))
        self.order_fields(self.field_order)

    def ground(self) -> Ground:
        return self.grounds[self.cleaned_data["ground"]]


class DecideForm(_Versioned):
    ACCEPT, REJECT = "accept", "reject"
    decision = forms.ChoiceField(choices=[(ACCEPT, _("Accept")), (REJECT, _("Reject"))])
    reason = forms.CharField(
        label=_("Reason (required when rejecting)"),
        required=False,
        max_length=SHORT_TEXT,
        widget=forms.TextInput(attrs=TEXT),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == self.REJECT and not (data.get("reason") or "").strip():
            self.add_error(
                "reason", _("Say why this stays in the publication: the text will be published.")
            )
        return data


class GroundForm(_WithGround):
    reason = forms.CharField(
        label=_("Reason for the other ground"),
        max_length=SHORT_TEXT,
        widget=forms.TextInput(attrs=TEXT),
        error_messages={"required": _("Give a reason.")},
    )
    field_order = ["ground", "reason"]


class ManualForm(_WithGround):
    block = forms.TypedChoiceField(
        label=_("Part of the document"), coerce=int, widget=forms.Select(attrs=SELECT)
    )
    text = forms.CharField(
        label=_("Text to redact"),
        help_text=_("Type or paste the exact text as it appears in that part."),
        max_length=SHORT_TEXT,
        strip=False,
        widget=forms.TextInput(attrs={**TEXT, "autocomplete": "off"}),
    )
    occurrence = forms.IntegerField(
        label=_("Which occurrence"),
        help_text=_("1 is the first time the text appears in that part."),
        min_value=1,
        initial=1,
        required=False,
        widget=forms.NumberInput(attrs={**TEXT, "min": 1}),
    )
    every = forms.BooleanField(
        label=_("All occurrences in this part"),
        required=False,
        widget=forms.CheckboxInput(attrs=CHECKBOX),
    )
    reason = forms.CharField(
        label=_("Reason (optional)"),
        required=False,
        max_length=SHORT_TEXT,
        widget=forms.TextInput(attrs=TEXT),
    )
    field_order = ["block", "text", "occurrence", "every", "ground", "reason"]

    def __init__(self, *args: Any, blocks: Sequence[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        block: Any = self.fields["block"]
        block.choices = blocks
        # The usual ground first: a person's name is by far the most redacted.
        usual = next((g for g in self.grounds.values() if g.code == "5.1.2.e"), None)
        if usual is not None:
            self.initial.setdefault("ground", usual.pk)

    def clean_text(self) -> str:
        text: str = self.cleaned_data["text"]
        if not text.strip():
            raise forms.ValidationError(_("Type the text to redact."), code="required")
        return text.strip()

    def spans(self, block_text: str) -> list[tuple[int, int]]:
        """Where the text stands in ``block_text``: the chosen occurrence, or every one.
        Adds the error to the form and returns nothing when it is not there."""
        text = self.cleaned_data["text"]
        found: list[tuple[int, int]] = []
        at = block_text.find(text)
        while at >= 0:
            found.append((at, at + len(text)))
            at = block_text.find(text, at + len(text))
        if not found:
            self.add_error(
                "text",
                _(
                    "This text does not appear in the chosen part of the document. Check the "
                    "spelling, capitals and spaces, or choose another part."
                ),
            )
            return []
        if self.cleaned_data.get("every"):
            return found
        occurrence = self.cleaned_data.get("occurrence") or 1
        if occurrence > len(found):
            self.add_error(
                "occurrence",
                _("The text appears %(count)d time(s) in this part, not %(n)d.")
                % {"count": len(found), "n": occurrence},
            )
            return []
        return [found[occurrence - 1]]


class ReasonForm(_Versioned):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={**AREA, "rows": 2}),
        error_messages={"required": _("Give a reason.")},
    )


class VersionForm(_Versioned):
    """A one-button act (submit, approve, publish, accept all) on the version shown."""

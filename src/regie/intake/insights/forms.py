"""The period form of the trends page and the confidential PDF: read from the query string,
with an error at the field that is wrong."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from regie.core.widgets import SELECT, TEXT
from regie.intake.insights import period
from regie.intake.insights.period import Grain, Period

_MONTH = re.compile(r"^\s*(?:(\d{4})-(\d{1,2})|(\d{1,2})-(\d{4}))(?:-\d{1,2})?\s*$")


class MonthField(forms.Field):
    """A month as ``jjjj-mm`` (what ``<input type="month">`` sends) or ``mm-jjjj``; a full
    ISO date is taken for its month."""

    widget = forms.TextInput(attrs={**TEXT, "type": "month", "placeholder": "jjjj-mm"})
    default_error_messages = {"invalid": _("Enter a month as yyyy-mm, for example 2026-03.")}

    def to_python(self, value: Any) -> date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, date):
            return value.replace(day=1)
        match = _MONTH.match(str(value))
        if match is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        year, month = (match.group(1), match.group(2)) if match.group(1) else match.group(4, 3)
        if not 1 <= int(month) <= 12 or not 1900 <= int(year) <= 9999:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return date(int(year), int(month), 1)

    def prepare_value(self, value: Any) -> Any:
        return f"{value.year:04d}-{value.month:02d}" if isinstance(value, date) else value


class PeriodForm(forms.Form):
    van = MonthField(label=_("From (month)"), required=False)
    tot = MonthField(label=_("Up to and including (month)"), required=False)
    per = forms.ChoiceField(
        label=_("Count per"),
        required=False,
        choices=[(Grain.MONTH.value, _("month")), (Grain.QUARTER.value, _("quarter"))],
        widget=forms.Select(attrs=SELECT),
    )

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("van"), data.get("tot")
        if self.errors:
            return data
        grain = Grain(data.get("per") or Grain.MONTH)
        if first is None and last is None:
            data["period"] = period.default(self.today, grain)
            return data
        if first is None:
            self.add_error("van", _("Enter the first month of the period."))
            return data
        if last is None:
            self.add_error("tot", _("Enter the last month of the period."))
            return data
        if last < first:
            self.add_error("tot", _("The last month cannot be before the first."))
            return data
        chosen = period.make(first, last, grain)
        if chosen.months > period.MAX_MONTHS:
            self.add_error(
                "tot",
                _("Choose a period of at most %(years)d years.")
                % {"years": period.MAX_MONTHS // 12},
            )
            return data
        data["period"] = chosen
        return data

    def period(self) -> Period:
        """The chosen period (call after ``is_valid``)."""
        return self.cleaned_data["period"]  # type: ignore[no-any-return]


def form_for(query: Any, today: date) -> tuple[PeriodForm, Period | None]:
    """The form as submitted and its period; ``None`` when the form has errors. A valid form
    is shown again with the period it stands for (widened to whole quarters)."""
    form = PeriodForm(query or None, today=today)
    if query and not form.is_valid():
        return form, None
    chosen = form.period() if form.is_bound else period.default(today)
    shown = PeriodForm(
        initial={"van": chosen.first, "tot": chosen.last_day, "per": chosen.grain.value},
        today=today,
    )
    return shown, chosen

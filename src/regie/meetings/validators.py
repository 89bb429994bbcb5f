"""Input rules shared by the meeting forms, the importer and the exports.

* Dates: meetings, actions and termijnagenda dates lie in 2000–2100. Far dates are typing
  errors ("0001-01-01", "9999-12-31"), and date arithmetic on them (three months back for the
  termijnagenda, a year on for a yearly action) overflows ``datetime.date``.
* Text: the C0 control characters except tab, line feed and carriage return are dropped. Word
  pastes a vertical tab for Shift+Enter; XML (so a DOCX, and python-docx) cannot hold it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

FIRST_DATE = dt.date(2000, 1, 1)
LAST_DATE = dt.date(2100, 12, 31)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def date_in_range(day: dt.date) -> bool:
    return FIRST_DATE <= day <= LAST_DATE


def validate_date(day: dt.date | None) -> None:
    """A Django validator: a date in 2000–2100 (None passes; required is the field's job)."""
    if day is not None and not date_in_range(day):
        raise ValidationError(
            _("Give a date between %(first)s and %(last)s."),
            code="date_range",
            params={"first": FIRST_DATE.year, "last": LAST_DATE.year},
        )


def strip_control(text: str) -> str:
    """``text`` without the control characters XML cannot hold (tab and newlines stay)."""
    return _CONTROL.sub("", text)


class PlainCharField(forms.CharField):
    """A CharField that drops control characters (see the module docstring) before the
    other checks, so a Shift+Enter pasted from Word is saved as nothing rather than breaking
    the Word export later."""

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = strip_control(value)
        return super().to_python(value)


class RangeDateField(forms.DateField):
    """A DateField that accepts 2000–2100 only."""

    default_validators = [validate_date]

"""The search form of the public list: a GET form, so no CSRF token and no cookie."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from regie.core import widgets
from regie.core.dates import NUMERIC_FORMATS
from regie.woo.export import diwoo
from regie.woo.public.selectors import Filters

FIRST = dt.date(1900, 1, 1)
LAST = dt.date(2100, 12, 31)
MAX_WORDS = 10


def category_choices() -> list[tuple[str, Any]]:
    terms = diwoo.value_list("informatiecategorielijst")
    listed = sorted(terms.items(), key=lambda item: item[1].casefold())
    return [("", _("All categories")), *listed]


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Words in the title"),
        required=False,
        max_length=200,
        strip=True,
        widget=forms.TextInput(attrs={**widgets.TEXT, "type": "search"}),
        error_messages={
            "max_length": _("Search with at most %(limit_value)d characters."),
        },
    )
    van = forms.DateField(
        label=_("Adopted from"),
        required=False,
        input_formats=NUMERIC_FORMATS,
        widget=forms.DateInput(attrs=widgets.DATE, format="%Y-%m-%d"),
        error_messages={"invalid": _("Give a date such as 2021-06-15 or 15-06-2021.")},
    )
    tot = forms.DateField(
        label=_("Adopted until"),
        required=False,
        input_formats=NUMERIC_FORMATS,
        widget=forms.DateInput(attrs=widgets.DATE, format="%Y-%m-%d"),
        error_messages={"invalid": _("Give a date such as 2021-06-15 or 15-06-2021.")},
    )
    categorie = forms.ChoiceField(
        label=_("Information category"),
        required=False,
        choices=category_choices,
        widget=forms.Select(attrs=widgets.SELECT),
        error_messages={"invalid_choice": _("Choose a category from the list.")},
    )

    def clean_q(self) -> str:
        text: str = self.cleaned_data.get("q", "")
        if any(ord(c) < 32 for c in text):
            raise forms.ValidationError(_("Search with letters, digits and punctuation only."))
        if len(text.split()) > MAX_WORDS:
            raise forms.ValidationError(
                _("Search with at most %(count)d words.") % {"count": MAX_WORDS}
            )
        return text

    def _in_range(self, name: str) -> dt.date | None:
        day: dt.date | None = self.cleaned_data.get(name)
        if day is not None and not FIRST <= day <= LAST:
            raise forms.ValidationError(
                _("Give a date between %(first)d and %(last)d.")
                % {"first": FIRST.year, "last": LAST.year}
            )
        return day

    def clean_van(self) -> dt.date | None:
        return self._in_range("van")

    def clean_tot(self) -> dt.date | None:
        return self._in_range("tot")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        since, until = cleaned.get("van"), cleaned.get("tot")
        if since is not None and until is not None and since > until:
            self.add_error("tot", _("The end date comes before the start date."))
        return cleaned

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(
            words=tuple(data.get("q", "").split()),
            since=data.get("van"),
            until=data.get("tot"),
            category=data.get("categorie", ""),
        )

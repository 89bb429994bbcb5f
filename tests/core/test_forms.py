"""core.forms.submit: the one form → service → error shape (issue 12.2)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest
from django import forms
from django.core.exceptions import ValidationError

from regie.cases.models import Case
from regie.core.forms import conflict_message, error_text, submit
from regie.core.locking import Conflict


class NoteForm(forms.Form):
    summary = forms.CharField()
    note = forms.CharField(required=False)


def _raise(exc: Exception) -> Any:
    def call(data: Mapping[str, Any]) -> Any:
        raise exc

    return call


def test_a_valid_form_runs_the_call_with_the_cleaned_data() -> None:
    done = submit(NoteForm({"summary": " Kort "}), lambda data: data["summary"])
    assert done.ok
    assert done.value == "Kort"
    assert done.conflict is None


def test_an_invalid_form_never_runs_the_call() -> None:
    form = NoteForm({})
    done = submit(form, _raise(AssertionError("called")))
    assert not done.ok
    assert form.errors["summary"]


@pytest.mark.parametrize(
    ("exc", "where"),
    [
        (ValidationError("Nee."), "__all__"),
        (ValidationError("Nee.", code="note"), "note"),
        (ValidationError("Nee.", code="elders"), "__all__"),
        (ValidationError({"summary": "Nee."}), "summary"),
        (ValidationError({"elders": "Nee."}), "__all__"),
    ],
)
def test_a_refusal_lands_at_the_field_it_names(exc: ValidationError, where: str) -> None:
    form = NoteForm({"summary": "Iets"})
    done = submit(form, _raise(exc))
    assert not done.ok
    assert form.errors[where] == ["Nee."]
    assert error_text(form) == "Nee."


def test_a_conflict_says_what_differs_without_the_hidden_fields() -> None:
    form = NoteForm({"summary": "Iets"})
    conflict = Conflict({"summary": ("mijn", "opgeslagen"), "phase_since": (1, 2)})
    done = submit(
        form, _raise(conflict), conflict_model=Case, conflict_hide=frozenset({"phase_since"})
    )
    assert not done.ok
    # The label in the active language (which other tests may have switched).
    label = str(Case._meta.get_field("summary").verbose_name)
    assert done.conflict == [(label, "mijn", "opgeslagen")]
    assert form.conflict == done.conflict  # type: ignore[attr-defined]
    assert form.non_field_errors() == [conflict_message()]


def test_a_conflict_without_a_model_still_counts_as_one() -> None:
    done = submit(NoteForm({"summary": "Iets"}), _raise(Conflict()))
    assert done.conflict == []

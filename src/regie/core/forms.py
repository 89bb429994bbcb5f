"""The one shape of a form post (issue 12.2): form → service → error → re-render.

A view builds its form, then lets ``submit`` run the service with the cleaned data. What the
service refuses lands on the form, where the user reads it next to what they typed:

* a ``ValidationError`` at the field it names (``ValidationError({"reason": …})``, or its
  ``code`` when that is a field of the form), or above the form otherwise;
* a ``Conflict`` (someone else saved first) as an error above the form, with ``form.conflict``
  holding what differs (field, yours, stored) for the ``_conflict.html`` table.

``respond`` renders the page with status 400 when the form has errors, so a refused post is
never a 200.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.core.locking import Conflict

T = TypeVar("T")


@dataclass(frozen=True)
class Submitted(Generic[T]):
    ok: bool
    value: T | None = None
    # What differs, when the refusal was a ``Conflict`` (``None`` otherwise): a page may show it
    # as its own banner, or show the stored state again instead of the bound form.
    conflict: list[tuple[str, Any, Any]] | None = None


def conflict_message() -> str:
    return _(
        "Someone else saved this while you were working on it. "
        "Nothing of yours was saved; check the current state and try again."
    )


def add_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """``exc`` on ``form``: each message at its field, or above the form. A service names the
    field either by raising ``ValidationError({field: …})`` or by the error's ``code``."""
    if not hasattr(exc, "error_dict"):
        code = getattr(exc, "code", None)
        form.add_error(code if code in form.fields else None, exc)
        return
    for name, errors in exc.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)


def submit(
    form: forms.BaseForm,
    call: Callable[[Mapping[str, Any]], T],
    *,
    conflict_model: type[models.Model] | None = None,
    conflict_hide: frozenset[str] = frozenset(),
    on_conflict: str | None = None,
) -> Submitted[T]:
    """Validate ``form`` and, when valid, run ``call(cleaned_data)``; refusals go on the form.

    ``conflict_hide`` names fields a conflict leaves out of its table (a timestamp that moves
    with every save says nothing the changed field does not); ``on_conflict`` replaces the
    general conflict message where a page words it for its object."""
    if not form.is_valid():
        return Submitted(False)
    try:
        value = call(form.cleaned_data)
    except Conflict as exc:
        rows = exc.rows(conflict_model, hide=conflict_hide) if conflict_model else []
        form.add_error(None, on_conflict or conflict_message())
        form.conflict = rows  # type: ignore[attr-defined]
        return Submitted(False, conflict=rows)
    except ValidationError as exc:
        add_errors(form, exc)
        return Submitted(False)
    return Submitted(True, value)


def error_text(form: forms.BaseForm) -> str:
    """Every message on ``form`` in one line, for a post that answers with a message and a
    redirect instead of the form (a decision button, a bulk action)."""
    return " ".join(str(message) for errors in form.errors.values() for message in errors)


def respond(
    request: HttpRequest, template: str, context: Mapping[str, Any], *, form: forms.BaseForm
) -> HttpResponse:
    """The form page; 400 when ``form`` carries errors."""
    return render(request, template, {**context, "form": form}, status=400 if form.errors else 200)


# Dates that record what happened (journal entries, contacts, ZRM assessments: issue 11.4).


def no_later_than_today(form: forms.Form, name: str) -> None:
    """The date picker offers no day after today (the server check is ``not_in_future``)."""
    form.fields[name].widget.attrs["max"] = timezone.localdate().isoformat()


def not_in_future(value: Any, message: Any) -> Any:
    """``value`` unless it lies after today (journal, ZRM and contact dates: issue 11.4)."""
    if value and value > timezone.localdate():
        raise forms.ValidationError(message, code="future")
    return value

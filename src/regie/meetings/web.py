"""What the views of the meetings components share: htmx detection, the focus of a form that
comes back, and the one-button posts (submit, withdraw, remove, reopen) that answer with a
message instead of a form.

Every refusal goes through ``core.forms.submit`` as in the form posts: a one-button post runs
its service on a form without fields, so what the service refuses is that form's error and is
said on top of the page it returns to.
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.http import HttpRequest

from regie.core.forms import submit


def is_htmx(request: HttpRequest) -> bool:
    """An htmx request (django-htmx's ``request.htmx`` is falsy for any other)."""
    return bool(getattr(request, "htmx", False))


def focus(*forms_: forms.BaseForm) -> None:
    """Put the focus on the first field with an error, or else on the first field of the first
    form: the field the user works on next, wherever the section is on the page."""
    fields = [
        (form, name)
        for form in forms_
        for name, field in form.fields.items()
        if not field.widget.is_hidden
    ]
    if not fields:
        return
    form, name = next(((f, n) for f, n in fields if f.is_bound and n in f.errors), fields[0])
    form.fields[name].widget.attrs["autofocus"] = True


def error_messages(form: forms.BaseForm) -> list[str]:
    """Every error on ``form``, those above the form first, as plain sentences."""
    return [str(error) for errors in form.errors.values() for error in errors]


def refusals() -> forms.Form:
    """A form without fields that carries what a service refuses of a post that has no form
    of its own (a button, or a set of forms saved at once)."""
    return forms.Form({})


def one_button(
    request: HttpRequest,
    call: Callable[[], object],
    done: str,
    *,
    on_conflict: str | None = None,
    joined: bool = True,
) -> bool:
    """Run a one-button action: ``done`` as a message when it succeeds, the refusal as an error
    message otherwise (one message, or one per sentence when not ``joined``)."""
    form = refusals()
    if submit(form, lambda _data: call(), on_conflict=on_conflict).ok:
        messages.success(request, done)
        return True
    said = error_messages(form)
    for message in [" ".join(said)] if joined else said:
        messages.error(request, message)
    return False

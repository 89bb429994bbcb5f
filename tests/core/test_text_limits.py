"""Every text a user can type has a maximum length, with a Dutch error (issue 10, point 14)."""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm

import regie
from regie.core.limits import LONG_TEXT, SHORT_TEXT

# Forms of libraries the project subclasses without adding text fields of its own.
_FOREIGN = (AdminAuthenticationForm,)


def _project_forms() -> list[type[forms.BaseForm]]:
    for module in pkgutil.walk_packages(regie.__path__, "regie."):
        if ".migrations" in module.name or module.name.endswith(("__main__", "asgi", "wsgi")):
            continue
        importlib.import_module(module.name)
    found: list[type[forms.BaseForm]] = []
    pending: list[type[Any]] = [forms.Form, forms.ModelForm]
    while pending:
        cls = pending.pop()
        for sub in cls.__subclasses__():
            pending.append(sub)
            if sub.__module__.startswith("regie.") and not issubclass(sub, _FOREIGN):
                found.append(sub)
    return found


def test_every_typed_text_has_a_maximum_length() -> None:
    unbounded = []
    for form in _project_forms():
        for name, field in form.base_fields.items():  # type: ignore[attr-defined]
            if not isinstance(field, forms.CharField) or isinstance(
                field.widget, forms.HiddenInput
            ):
                continue
            if field.max_length is None:
                unbounded.append(f"{form.__module__}.{form.__qualname__}.{name}")
            elif isinstance(field.widget, forms.Textarea):
                assert field.max_length <= max(LONG_TEXT, 400_000), name
    assert unbounded == []


def test_the_limits_are_sane() -> None:
    assert 1_000 <= SHORT_TEXT < LONG_TEXT <= 20_000

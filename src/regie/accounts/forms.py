from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    error_messages = {
        # One message for unknown user and wrong password: no account enumeration.
        "invalid_login": _("Incorrect username or password."),
        "inactive": _("Incorrect username or password."),
    }

    def confirm_login_allowed(self, user: Any) -> None:
        super().confirm_login_allowed(user)
        # Demo accounts have published passwords and TOTP secrets: never outside development.
        if getattr(user, "is_demo", False) and not settings.DEBUG:
            raise forms.ValidationError(self.error_messages["invalid_login"], code="invalid_login")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Username")
        self.fields["username"].widget.attrs.update(
            {"autocomplete": "username", "class": "utrecht-textbox"}
        )
        self.fields["password"].label = _("Password")
        self.fields["password"].widget.attrs.update(
            {
                "autocomplete": "current-password",
                "class": "utrecht-textbox",
            }
        )


class TokenForm(forms.Form):
    token = forms.RegexField(
        label=_("Six-digit code from your authenticator app"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": _("Enter the six digits shown in your authenticator app.")},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "maxlength": "8",
                "class": "utrecht-textbox",
            }
        ),
    )

    def clean_token(self) -> str:
        return str(self.cleaned_data["token"]).strip()

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, UsernameField
from django.utils.translation import gettext_lazy as _

from regie.accounts.models import ResetRequest
from regie.core.limits import PASSWORD_MAX, SHORT_TEXT

if TYPE_CHECKING:
    from regie.accounts.models import User


class LoginForm(AuthenticationForm):
    # Bounded: hashing a megabyte "password" with argon2 would be a cheap way to burn CPU.
    username = UsernameField(max_length=150, widget=forms.TextInput(attrs={"autofocus": True}))
    password = forms.CharField(strip=False, max_length=PASSWORD_MAX, widget=forms.PasswordInput)
    error_messages = {
        # One message for unknown user and wrong password: no account enumeration.
        "invalid_login": _("Incorrect username or password."),
        "inactive": _("Incorrect username or password."),
    }

    def confirm_login_allowed(self, user: User) -> None:
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
        max_length=8,
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


_TEXT = {"class": "utrecht-textbox"}
_AREA = {"class": "utrecht-textarea", "rows": 3}


class RecoveryCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Recovery code"),
        max_length=40,
        help_text=_("One of the ten codes you stored when you set up your authenticator app."),
        widget=forms.TextInput(
            attrs={**_TEXT, "autocomplete": "one-time-code", "autocapitalize": "none"}
        ),
    )

    def clean_code(self) -> str:
        code = "".join(ch for ch in str(self.cleaned_data["code"]) if ch.isalnum())
        if len(code) != 10:
            raise forms.ValidationError(
                _("A recovery code has ten letters and digits, like abcde-23456.")
            )
        return code


class ConfirmPasswordForm(forms.Form):
    """Asks again for the password before something that replaces a second factor's backup."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        max_length=PASSWORD_MAX,
        widget=forms.PasswordInput(attrs={**_TEXT, "autocomplete": "current-password"}),
    )

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = str(self.cleaned_data["password"])
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."))
        return password


class ResetRequestForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What to reset"),
        choices=ResetRequest.Kind.choices,
        widget=forms.Select(attrs={"class": "utrecht-select utrecht-select--html-select"}),
    )
    reason = forms.CharField(
        max_length=SHORT_TEXT,
        label=_("Reason"),
        help_text=_("For example how the owner asked for it. The owner receives this reason."),
        widget=forms.Textarea(attrs=_AREA),
    )


class ResetDecisionForm(forms.Form):
    note = forms.CharField(
        max_length=SHORT_TEXT,
        label=_("Note"),
        required=False,
        help_text=_("Required when you reject the request."),
        widget=forms.Textarea(attrs={**_AREA, "rows": 2}),
    )

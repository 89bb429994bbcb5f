"""The accounts app's action names: its policy rules and its audit events (see
``regie.core.vocabulary``)."""

from __future__ import annotations

from regie.core.vocabulary import Action


class Accounts(Action):
    HOME = "accounts.home"
    MEMBERSHIP_CHANGE = "accounts.membership.change"
    MEMBERSHIP_CREATE = "accounts.membership.create"
    MEMBERSHIP_GRANT = "accounts.membership.grant"
    MFA = "accounts.mfa"
    RESET_APPROVE = "accounts.reset.approve"
    RESET_DECIDE = "accounts.reset.decide"
    RESET_EFFECT = "accounts.reset.effect"
    RESET_EXPIRE = "accounts.reset.expire"
    RESET_PASSWORD_SET = "accounts.reset.password_set"  # noqa: S105 (an action name)
    RESET_REJECT = "accounts.reset.reject"
    RESET_REQUEST = "accounts.reset.request"
    RESETS = "accounts.resets"
    USER_CREATE = "accounts.user.create"
    USER_DEACTIVATE = "accounts.user.deactivate"
    USER_REACTIVATE = "accounts.user.reactivate"

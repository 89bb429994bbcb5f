"""The one vocabulary of action names, shared by the policy and the audit log.

An action name says what someone did or tried to do, ``<app>.<object>.<verb>``. The same name
is the policy's rule for an act (``@rule``, ``policy.check``, ``@requires``) and the audit
event that records it, so a refusal and a success of one act read alike in the log. Events that
no rule decides (a sign-in, a failed attempt, a read) are in the vocabulary all the same.

Each app defines its names once, in its ``vocabulary.py``, as a subclass of ``Action``; the
kernel's own (sign-in, second factor, security, administration) are ``Kernel`` below. The policy
and the audit facade accept only ``Action`` members (and the few names built by the patterns
below), so mypy refuses a free string: a typo or a second name for the same act cannot be
written. The kernel never imports an app: every subclass registers itself when it is defined.

Three kinds of names are built from others, because they are one per view or model:

* ``read_of(action)``: a page guarded by ``action`` showed something (``cases.view.read``);
* ``view_of(object_type)``: a row outside the reader's scope was asked for
  (``cases.case.view``, always refused);
* ``admin_of(object_type, verb)``: the administration viewed or changed a row.

The audit log is hash-chained and never rewritten, so a renamed action keeps its old name in
the rows written before: ``rename`` records it, and ``canonical`` gives the current name for an
old row (the viewer tells both with the same sentence).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import StrEnum
from typing import Literal, NewType

# A name built by one of the patterns below; only they make one, so the type proves the origin.
Derived = NewType("Derived", str)
AdminVerb = Literal["view", "add", "change", "save", "delete"]

_VOCABULARIES: list[type[Action]] = []
_RENAMED: dict[str, Action] = {}
_MEMBERS: dict[str, Action] = {}
_NAME = re.compile(r"^[a-z_]+(\.[a-z_]+)*$")


class VocabularyError(Exception):
    """A programming error in the vocabulary (a name defined twice, a bad rename)."""


class Action(StrEnum):
    """Base of every app's vocabulary: members are the action names, as stored in the log."""

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        _VOCABULARIES.append(cls)
        _MEMBERS.clear()  # its members exist only once the class is made: collect them again


class Kernel(Action):
    """The kernel's actions: sign-in and second factor (written by accounts' authentication),
    security refusals, pages, the administration and the access log."""

    AUTH_LOGIN = "auth.login"
    AUTH_LOGIN_FAILED = "auth.login_failed"
    AUTH_LOCKOUT = "auth.lockout"
    AUTH_LOGOUT = "auth.logout"
    AUTH_MFA_ENROLLED = "auth.mfa_enrolled"
    AUTH_MFA_FAILED = "auth.mfa_failed"
    AUTH_MFA_RECOVERY_USED = "auth.mfa_recovery_used"
    AUTH_MFA_REQUIRED = "auth.mfa_required"
    AUTH_MFA_VERIFIED = "auth.mfa_verified"
    AUTH_RECOVERY_CODES_CREATED = "auth.recovery_codes_created"
    AUTH_SESSION_EXPIRED = "auth.session_expired"
    AUTH_SESSIONS_ENDED = "auth.sessions_ended"
    SECURITY_CSRF_FAILED = "security.csrf_failed"
    SECURITY_REQUEST_TOO_LARGE = "security.request_too_large"
    # A page without an action of its own (refused, or read through a declared view).
    PAGE = "page"
    PAGE_NOT_FOUND = "page.not_found"
    POLICY_UNDECLARED_VIEW = "policy.undeclared_view"
    ADMIN_ACCESS = "admin.access"
    ADMIN_MANAGE = "admin.manage"
    ADMIN_USER_PASSWORD_CHANGE = "admin.accounts.user.password_change"  # noqa: S105 (an action name)
    AUDIT_VIEW_LOG = "audit.view_log"
    AUDIT_CHECKPOINT = "audit.checkpoint"
    BENCH_GENERATE = "bench.generate"


AuditAction = Action | Derived


def read_of(action: Action | None) -> Derived:
    """What a page guarded by ``action`` (``None``: no action of its own) logs as a read."""
    return Derived(f"{action or Kernel.PAGE}.read")


def view_of(object_type: str) -> Derived:
    """The refused look at a row of ``object_type`` (``app_label.model``)."""
    return Derived(f"{object_type}.view")


def admin_of(object_type: str, verb: AdminVerb) -> Derived:
    """The administration's ``verb`` on a row of ``object_type`` (``app_label.model``)."""
    return Derived(f"admin.{object_type}.{verb}")


def rename(old: str, new: Action) -> None:
    """Record that ``old`` is the name ``new`` had in rows written before it was renamed."""
    if not _NAME.match(old) or old in members():
        raise VocabularyError(f"{old!r} cannot be an old name: it is a current one or malformed")
    if _RENAMED.get(old, new) is not new:
        raise VocabularyError(f"{old!r} is renamed twice")
    _RENAMED[old] = new


def renamed() -> dict[str, Action]:
    """Every old name with its current name."""
    return dict(_RENAMED)


def members() -> Mapping[str, Action]:
    """Every action name of every registered vocabulary."""
    if not _MEMBERS:
        for vocabulary in _VOCABULARIES:
            for member in vocabulary:
                if _MEMBERS.setdefault(member.value, member) is not member:
                    raise VocabularyError(f"{member.value!r} is defined twice")
    return _MEMBERS


def lookup(name: str) -> Action:
    """The member named ``name`` (current or old); for names that come as text (settings,
    templates, stored rows). ``KeyError`` when the vocabulary has no such name."""
    return members().get(name) or _RENAMED[name]


def canonical(name: str) -> str:
    """The current form of a stored action name: renamed names (also inside a read, a refused
    row or an administration event) become the name they have now; others stay as they are."""
    found = _RENAMED.get(name)
    if found is not None:
        return found.value
    if name.endswith(".read"):
        base = _RENAMED.get(name.removesuffix(".read"))
        if base is not None:
            return read_of(base)
    return name


def old_names(prefix: str) -> list[str]:
    """The old names of actions whose current name starts with ``prefix``, and the current
    names of old ones that do: what a search of the log by action must also match."""
    found = [old for old, new in _RENAMED.items() if new.value.startswith(prefix)]
    found += [new.value for old, new in _RENAMED.items() if old.startswith(prefix)]
    return found


def is_known(name: str) -> bool:
    """Whether ``name`` is a vocabulary name, an old one, or built from one by a pattern."""
    if name in members() or name in _RENAMED:
        return True
    if name.endswith(".read"):
        return is_known(name.removesuffix(".read"))
    return bool(re.match(r"^(admin\.)?[a-z_]+\.[a-z_]+\.(view|add|change|save|delete)$", name))

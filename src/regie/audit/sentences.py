"""What each audit action means, as a sentence: one table for the access-log viewer and for the
access-log part of the data-subject export (``regie.cases.export_audit``).

A sentence is an English msgid (``gettext_noop``) with ``%(who)s`` (who acted), ``%(case)s``
(what it was about: "casus PGA-2026-0001", a named object, or in the export "uw gegevens"),
``%(when)s`` and, where the event names one, ``%(partner)s``. Each app registers the sentences
of its own actions from ``AppConfig.ready()`` (``register``); the kernel's actions (login,
second factor, security, administration) are here. A few sentences of the export speak to the
data subject ("your personal details"); ``staff`` gives the viewer's wording for those.

Actions built from a pattern have a sentence by that pattern: a page or list that was shown
(``<feature>.read``), a row outside the reader's scope (``<app>.<model>.view``, refused) and
the administration's views and changes (``admin.<app>.<model>.<verb>``). Anything else falls
back to a general sentence, never to its code; ``tests/audit/test_sentences.py`` fails when an
action that is written anywhere has no sentence of its own. The names are those of the
vocabulary (``regie.core.vocabulary``); a row written under a name that was renamed since is
told by its current one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from regie.core import vocabulary
from regie.core.dates import long_date
from regie.core.vocabulary import Kernel

# Refused attempts, shared by the apps: looking at something, or doing something.
DENIED_VIEW = gettext_noop("%(who)s tried to open %(case)s on %(when)s, but had no access.")
DENIED_CHANGE = gettext_noop(
    "%(who)s tried to change something in %(case)s on %(when)s, but was not allowed to."
)
# For an action nobody describes.
GENERAL = gettext_noop("%(who)s processed %(case)s on %(when)s.")
GENERAL_DENIED = gettext_noop(
    "%(who)s tried to access %(case)s on %(when)s, but was not allowed to."
)
# Patterns.
READ = gettext_noop("%(who)s viewed %(case)s on %(when)s.")
ADMIN_VIEW = gettext_noop("%(who)s viewed %(case)s in the administration on %(when)s.")
ADMIN_CHANGE = gettext_noop("%(who)s changed %(case)s in the administration on %(when)s.")
ADMIN_ADD = gettext_noop("%(who)s added %(case)s in the administration on %(when)s.")
ADMIN_DELETE = gettext_noop("%(who)s deleted %(case)s in the administration on %(when)s.")

KERNEL: dict[str, str] = {
    Kernel.AUTH_LOGIN: gettext_noop("%(who)s signed in with a password on %(when)s."),
    Kernel.AUTH_LOGIN_FAILED: gettext_noop(
        "Someone tried to sign in as %(who)s on %(when)s with a wrong password."
    ),
    Kernel.AUTH_LOCKOUT: gettext_noop(
        "The account of %(who)s was locked on %(when)s after too many failed attempts."
    ),
    Kernel.AUTH_LOGOUT: gettext_noop("%(who)s signed out on %(when)s."),
    Kernel.AUTH_MFA_ENROLLED: gettext_noop("%(who)s set up an authenticator app on %(when)s."),
    Kernel.AUTH_MFA_FAILED: gettext_noop("%(who)s entered a wrong verification code on %(when)s."),
    Kernel.AUTH_MFA_RECOVERY_USED: gettext_noop(
        "%(who)s signed in with a recovery code on %(when)s."
    ),
    Kernel.AUTH_MFA_REQUIRED: gettext_noop(
        "%(who)s was asked for the verification code on %(when)s before continuing."
    ),
    Kernel.AUTH_MFA_VERIFIED: gettext_noop(
        "%(who)s confirmed their sign-in with a verification code on %(when)s."
    ),
    Kernel.AUTH_RECOVERY_CODES_CREATED: gettext_noop(
        "%(who)s made new recovery codes on %(when)s."
    ),
    Kernel.AUTH_SESSION_EXPIRED: gettext_noop("The session of %(who)s expired on %(when)s."),
    Kernel.AUTH_SESSIONS_ENDED: gettext_noop("The sessions of %(who)s were ended on %(when)s."),
    Kernel.SECURITY_CSRF_FAILED: gettext_noop(
        "A form sent by %(who)s on %(when)s was refused because it did not come from Regie."
    ),
    Kernel.SECURITY_REQUEST_TOO_LARGE: gettext_noop(
        "A request by %(who)s on %(when)s was refused because it was too large."
    ),
    Kernel.PAGE_NOT_FOUND: gettext_noop(
        "%(who)s asked for a page that does not exist on %(when)s."
    ),
    Kernel.PAGE: gettext_noop("%(who)s opened a page on %(when)s."),
    Kernel.POLICY_UNDECLARED_VIEW: gettext_noop(
        "%(who)s opened a page without a declared permission on %(when)s (a defect in Regie)."
    ),
    Kernel.ADMIN_ACCESS: gettext_noop("%(who)s opened the administration on %(when)s."),
    Kernel.ADMIN_MANAGE: gettext_noop(
        "%(who)s managed %(case)s in the administration on %(when)s."
    ),
    Kernel.ADMIN_USER_PASSWORD_CHANGE: gettext_noop(
        "%(who)s set a new password for %(case)s in the administration on %(when)s."
    ),
    Kernel.AUDIT_VIEW_LOG: gettext_noop("%(who)s opened the access log on %(when)s."),
    Kernel.AUDIT_CHECKPOINT: gettext_noop(
        "Older entries of the access log were archived on %(when)s (%(case)s)."
    ),
    Kernel.BENCH_GENERATE: gettext_noop("%(who)s generated benchmark data on %(when)s."),
}

_done: dict[str, str] = dict(KERNEL)
_denied: dict[str, str] = {}
_staff: dict[str, str] = {}


def register(
    done: Mapping[str, str],
    denied: Mapping[str, str] | None = None,
    *,
    staff: Mapping[str, str] | None = None,
) -> None:
    """An app's sentences for its actions: ``done`` (succeeded), ``denied`` (refused) and, for
    sentences that speak to the data subject, ``staff``: the same event told to a colleague."""
    _done.update(done)
    _denied.update(denied or {})
    _staff.update(staff or {})


def tables() -> tuple[dict[str, str], dict[str, str]]:
    """Every described action: (succeeded, refused)."""
    return dict(_done), dict(_denied)


_ADMIN = re.compile(r"^admin\.[a-z_]+\.[a-z_]+\.(view|add|change|save|delete)$")
_ADMIN_SENTENCES = {
    "view": ADMIN_VIEW,
    "add": ADMIN_ADD,
    "change": ADMIN_CHANGE,
    "save": ADMIN_CHANGE,
    "delete": ADMIN_DELETE,
}


def by_pattern(action: str, *, denied: bool) -> str | None:
    """The sentence an action has by the way its name is built, if any."""
    if denied:
        if action.endswith(".view") or action.endswith(".read"):
            return DENIED_VIEW
        return None
    admin = _ADMIN.match(action)
    if admin:
        return _ADMIN_SENTENCES[admin.group(1)]
    if action.endswith(".read") or action.endswith(".view"):
        return READ
    return None


def message_for(action: str, *, denied: bool, staff: bool = False) -> str:
    """The msgid telling ``action``; ``staff``: as told in the viewer (not to the subject).
    A row written under a name that was renamed since is told as the act it still is."""
    action = vocabulary.canonical(action)
    if denied:
        found = _denied.get(action) or by_pattern(action, denied=True)
        if found is None and action in _done:
            # a feature-level refusal of an action that has a sentence when it succeeds
            found = DENIED_CHANGE
        return found or GENERAL_DENIED
    if staff and action in _staff:
        return _staff[action]
    return _done.get(action) or by_pattern(action, denied=False) or GENERAL


def has_own_sentence(action: str) -> bool:
    """Whether ``action`` is told by its own sentence (for when it succeeds or when it is
    refused: a policy action is only ever written as a refusal) or by its pattern."""
    action = vocabulary.canonical(action)
    return action in _done or action in _denied or by_pattern(action, denied=False) is not None


def when(moment: datetime) -> str:
    """``%(when)s`` of a sentence: "3 maart 2026 om 10:12" in the current time zone."""
    local = timezone.localtime(moment)
    return _("%(date)s at %(time)s") % {"date": long_date(local), "time": f"{local:%H:%M}"}

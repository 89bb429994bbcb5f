from __future__ import annotations

from typing import cast

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from regie.accounts.models import Membership, User
from regie.accounts.vocabulary import Accounts
from regie.audit.models import AuditEvent
from regie.core import policy
from regie.core.vocabulary import Action, Kernel


def test_unknown_action_is_denied(personas) -> None:
    # Not a member of any vocabulary: mypy refuses it, so only a cast gets it this far.
    assert policy.permits(personas["beheerder"], cast(Action, "no.such.action")) is False


def test_anonymous_and_inactive_users_are_denied(personas) -> None:
    from django.contrib.auth.models import AnonymousUser

    assert policy.permits(AnonymousUser(), Accounts.HOME) is False
    user = personas["auditor"]
    user.is_active = False
    assert policy.permits(user, Kernel.AUDIT_VIEW_LOG) is False


def test_a_rule_cannot_be_registered_twice() -> None:
    with pytest.raises(policy.PolicyError):
        policy.rule(Kernel.AUDIT_VIEW_LOG)(lambda user, obj: True)


def test_permits_has_no_side_effects_but_authorize_logs_denials(personas) -> None:
    before = AuditEvent.objects.count()
    assert policy.permits(personas["regisseur_a"], Kernel.AUDIT_VIEW_LOG) is False
    assert AuditEvent.objects.count() == before
    assert policy.authorize(personas["regisseur_a"], Kernel.AUDIT_VIEW_LOG) is False
    event = AuditEvent.objects.latest("id")
    assert (event.action, event.result, event.actor) == ("audit.view_log", "denied", "regisseur_a")


def test_check_raises_permission_denied(personas) -> None:
    with pytest.raises(PermissionDenied):
        policy.check(personas["outsider"], Kernel.ADMIN_ACCESS)


def test_visible_without_a_scope_is_empty(personas) -> None:
    assert list(policy.visible(personas["beheerder"], Membership)) == []


def test_get_for_user_gives_404_for_invisible_and_missing_alike(personas) -> None:
    other = personas["teamleider"]
    with pytest.raises(Http404) as invisible:
        policy.get_for_user(personas["regisseur_a"], User, pk=other.pk)
    with pytest.raises(Http404) as missing:
        policy.get_for_user(personas["regisseur_a"], User, pk=999_999)
    assert str(invisible.value) == str(missing.value)
    denied = AuditEvent.objects.filter(result="denied", object_id=str(other.pk))
    assert denied.filter(action="accounts.user.view", actor="regisseur_a").count() == 1


def test_get_for_user_gives_403_when_visible_but_not_allowed(personas) -> None:
    auditor = personas["auditor"]
    target = personas["regisseur_b"]
    # The auditor can see users (scope) but may not manage them in the admin.
    with pytest.raises(PermissionDenied):
        policy.get_for_user(auditor, User, action=Kernel.ADMIN_MANAGE, pk=target.pk)


def test_get_for_user_returns_visible_object(personas) -> None:
    admin = personas["beheerder"]
    target = personas["regisseur_b"]
    assert policy.get_for_user(admin, User, pk=target.pk) == target

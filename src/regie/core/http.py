"""Types for who acts: the request of a signed-in user, and the actor the kernel works with.

The kernel may not import ``accounts`` (import-linter), so it names the user model the way
django-stubs does: ``django.contrib.auth.models._User`` is an alias its mypy plugin resolves to
``settings.AUTH_USER_MODEL`` (``accounts.User``). It exists for the type checker only, hence
the ``TYPE_CHECKING`` import; at run time nothing here touches ``accounts``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User

__all__ = ["Actor", "AuthenticatedRequest", "User", "signed_in"]


class Actor(Protocol):
    """What the policy and the audit log use of whoever acts: a signed-in user, the anonymous
    user of a request that has none, or (where a service allows ``None``) nobody.

    Read-only properties, so both ``accounts.User`` and Django's ``AnonymousUser`` satisfy it.
    """

    @property
    def pk(self) -> object: ...

    @property
    def is_authenticated(self) -> bool: ...

    @property
    def is_active(self) -> bool: ...

    def get_username(self) -> str: ...


class AuthenticatedRequest(HttpRequest):
    """The request of a view behind ``@requires``: the decorator sends anyone not signed in to
    the login page before the view runs, so ``request.user`` is a ``User`` (django-stubs'
    documented pattern for views that require a login). Public views keep ``HttpRequest``."""

    user: User


def signed_in(request: HttpRequest) -> User:
    """``request.user`` where only a signed-in user can get (the admin site's views, which
    ``admin_view`` guards with the policy; Django's admin methods are typed ``HttpRequest``).
    Refuses rather than act as nobody should that ever not hold."""
    user = request.user
    if not user.is_authenticated:
        raise PermissionDenied
    return user

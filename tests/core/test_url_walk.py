from __future__ import annotations

import pytest
from django.conf import settings
from django.test import override_settings

from regie.audit.models import AuditEvent
from regie.core.anonymous import _prefixes, max_age_of
from tests.core.urlwalk import undeclared, walk

# Views anyone may open. Adding one here is a security decision: review it.
PUBLIC_VIEWS = {
    "accounts:login",
    "accounts:logout",
    "health",
    # Readiness for the load balancer: "ready" or "unavailable", nothing else (core.views).
    "ready",
    "set_language",
    "admin:login",
    # Calendar apps cannot sign in: the URL carries a revocable secret (docs/permissions.md).
    "meetings:feed",
    # The owner of an approved password reset has no password yet: the e-mailed link carries
    # Django's one-time token, bound to the account's password (docs/permissions.md).
    "accounts:password_set",
    # Published Woo documents are public by law; these read only published and withdrawn
    # publications (woo.public.selectors) and are served without cookies (core.anonymous).
    "openbaar:list",
    "openbaar:detail",
    "openbaar:file",
    "openbaar:sitemap_index",
    "openbaar:sitemap",
    "openbaar:inventory_csv",
    "openbaar:inventory_pdf",
    "openbaar:category_index",
    "openbaar:category_sitemap",
    # Says what robots may read (the public documents) and where the harvester's indexes are.
    "robots",
}


def test_every_view_declares_a_policy() -> None:
    missing = [f"{r.pattern} ({r.name or r.view})" for r in undeclared()]
    assert missing == [], "views without @requires/@public: " + ", ".join(missing)


def test_public_views_are_exactly_the_allow_list() -> None:
    public = {r.name for r in walk() if r.policy is not None and r.policy.public}
    assert public == PUBLIC_VIEWS


def test_only_the_public_woo_pages_drop_cookies() -> None:
    """``@anonymous`` answers a signed-in user as nobody: only pages that show nothing personal
    may carry it, and each must be on the allow list above."""
    anonymous = {r.name for r in walk() if max_age_of(r.view) is not None}
    assert anonymous == {
        name for name in PUBLIC_VIEWS if name.startswith("openbaar:") or name == "robots"
    }
    # The middleware resolves only paths under these prefixes: every other request is left
    # alone without the cost of resolving it twice.
    prefixes = _prefixes(settings.ROOT_URLCONF)
    assert prefixes
    assert all(p.startswith("/openbaar/") or p == "/robots.txt" for p in prefixes)


def test_walk_covers_admin_and_app_urls() -> None:
    names = {r.name for r in walk()}
    assert {"accounts:home", "audit:log", "admin:index", "admin:accounts_user_changelist"} <= names


def test_walk_catches_a_deliberately_unprotected_view() -> None:
    flagged = [r.pattern for r in undeclared("tests.core.urls_unprotected")]
    assert flagged == ["unprotected/"]


@override_settings(ROOT_URLCONF="tests.core.urls_unprotected")
def test_middleware_refuses_an_undeclared_view_at_runtime(login_as) -> None:
    client = login_as("teamleider")
    response = client.get("/unprotected/")
    assert response.status_code == 403
    assert b"UNPROTECTED-CONTENT" not in response.content
    assert AuditEvent.objects.filter(
        action="policy.undeclared_view", result="denied", object_id="/unprotected/"
    ).exists()


@override_settings(ROOT_URLCONF="tests.core.urls_unprotected")
@pytest.mark.django_db(transaction=True)
def test_denial_is_logged_even_when_the_request_fails(login_as) -> None:
    client = login_as("regisseur_a")
    client.raise_request_exception = False
    response = client.get("/fails/")
    assert response.status_code == 500
    assert AuditEvent.objects.filter(
        action="audit.view_log", result="denied", actor="regisseur_a"
    ).exists()

"""The cost ladder of ``regie bench run``: what every signed-in page pays before its own work.

Four views, each adding one layer of what a real page does, measured in the same rounds as the
pages (issue 15's decision: the page-cost targets are read against this ladder):

- ``l0``: a public view answering ``ok`` that asks for the verified user: middleware, session,
  user, second-factor device;
- ``l1``: the same behind ``@requires``: the central policy, so the user's memberships;
- ``l2``: ``personal_data=True``: the audited read (chain lock, head, insert, commit);
- ``l3``: rendering ``base.html``: header, navigation, language switch, logout.

The views live only in the benchmark's URL configuration (:data:`urlpatterns`, used through
``override_settings(ROOT_URLCONF=…)``), never in the product's.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from regie.accounts.vocabulary import Accounts
from regie.core.policy import public, requires
from regie.urls import handler400, handler403, handler404, handler500
from regie.urls import urlpatterns as product

PREFIX = "_bench/ladder"
STEPS = ("l0", "l1", "l2", "l3")


@public
def l0(request: HttpRequest) -> HttpResponse:
    # A public view never looks at the user; a signed-in page always does.
    user: Any = request.user  # django-otp's verified user
    verified = user.is_authenticated and user.is_verified()
    return HttpResponse("ok" if verified else "anonymous", content_type="text/plain")


@requires(Accounts.HOME)
def l1(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


@requires(Accounts.HOME, personal_data=True)
def l2(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


@requires(Accounts.HOME, personal_data=True)
def l3(request: HttpRequest) -> HttpResponse:
    return render(request, "base.html")


urlpatterns = [
    path(f"{PREFIX}/l0/", l0),
    path(f"{PREFIX}/l1/", l1),
    path(f"{PREFIX}/l2/", l2),
    path(f"{PREFIX}/l3/", l3),
    *product,
]
URLCONF = __name__
__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]


def url(step: str) -> str:
    return f"/{PREFIX}/{step}/"

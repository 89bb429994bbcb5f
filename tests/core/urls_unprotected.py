"""A URLconf with one deliberately unprotected view, to prove the URL walk catches it."""

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from regie.accounts.vocabulary import Accounts
from regie.core import policy
from regie.core.vocabulary import Kernel


def unprotected(request: HttpRequest) -> HttpResponse:
    return HttpResponse("UNPROTECTED-CONTENT")


@policy.requires(Accounts.HOME)
def fails_after_denial(request: HttpRequest) -> HttpResponse:
    with transaction.atomic():
        policy.authorize(request.user, Kernel.AUDIT_VIEW_LOG)
        raise RuntimeError("the request fails after a denied access")


urlpatterns = [
    path("", include("regie.urls")),
    path("unprotected/", unprotected),
    path("fails/", fails_after_denial),
]

"""Views that refuse on their own, without the policy: the access middleware logs them."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import include, path

from regie.accounts.vocabulary import Accounts
from regie.core import policy


@policy.requires(Accounts.HOME)
def refuses(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied


@policy.requires(Accounts.HOME)
def finds_nothing(request: HttpRequest) -> HttpResponse:
    raise Http404


urlpatterns = [
    path("", include("regie.urls")),
    path("weigert/", refuses),
    path("niet-gevonden/", finds_nothing),
]

"""The product's own error pages, also in development mode."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse

from regie.core.views import not_found


class ProductNotFoundMiddleware:
    """With ``REGIE_DEBUG=1`` (``make demo``) Django answers a 404 raised by a view with its
    English technical page, listing the URL patterns, while a 403 gets the product's Dutch page.
    A view of the product that says "not found" gets the product's page in every mode; only an
    address that matches no URL at all keeps Django's development page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if settings.DEBUG and isinstance(exception, Http404):
            return not_found(request, exception)
        return None

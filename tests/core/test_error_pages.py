"""The product's error pages in development mode, and refusals logged on one line (issue 11,
point 10)."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from regie.core.logs import ClientErrorsOnOneLine


@override_settings(DEBUG=True)
def test_a_missing_case_gets_the_product_404_in_development_mode(login_as: Any) -> None:
    response = login_as("regisseur_a").get(reverse("cases:detail", args=["PGA-1999-0001"]))
    assert response.status_code == 404
    page = response.content.decode()
    assert "Using the URLconf" not in page
    assert 'class="utrecht-heading-1"' in page
    assert "Niet gevonden" in page or "Not found" in page


def _record(status: int) -> logging.LogRecord:
    try:
        raise PermissionError("denied")
    except PermissionError:
        import sys

        record = logging.LogRecord(
            "django.request",
            logging.WARNING,
            __file__,
            1,
            "Forbidden: %s",
            ("/x/",),
            sys.exc_info(),
        )
    record.status_code = status
    return record


def test_a_refusal_is_logged_without_its_traceback() -> None:
    formatter = logging.Formatter("%(message)s")
    refused = _record(403)
    assert ClientErrorsOnOneLine().filter(refused)
    assert formatter.format(refused) == "Forbidden: /x/"
    failed = _record(500)
    ClientErrorsOnOneLine().filter(failed)
    assert "Traceback" in formatter.format(failed)


def test_each_message_reaches_one_handler_with_the_filter() -> None:
    assert logging.getLogger("django").handlers == []
    assert logging.getLogger("django.request").handlers == []
    handlers: Any = settings.LOGGING["handlers"]
    assert handlers["console"]["filters"] == ["client_errors"]

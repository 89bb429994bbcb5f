"""Every refused request names what it asked for (issue 10, points 3 and 4).

Walks every URL with arguments in the resolver, including the admin, fills in identifiers that
exist nowhere and asks for each as a user refused at the door (``outsider``) and as a user who
passes it for that part of the product (then the object is missing). Every 403 or 404 must
leave a denied event with the object type, the identifier from the URL and the path. A new
view whose URL argument names nothing fails here: declare it with ``@requires(…, target=Model)``
or ``policy.url_kwarg`` (docs/permissions.md).
"""

from __future__ import annotations

import itertools
import re
import uuid
from collections.abc import Callable

import pytest
from django.test import Client

from regie.accounts.models import Role
from regie.audit.models import AuditEvent
from regie.core.audit import MASK
from regie.organisations.models import Organisation
from tests.conftest import make_user, verify_session
from tests.core.urlwalk import Route, walk

_PATH_ARG = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>")
_REGEX_ARG = re.compile(r"\(\?P<(?P<name>\w+)>(?P<body>[^)]*)\)")

# Who passes the door of each part of the product (by URL prefix); the rest are refused there.
INSIDERS = {
    "casussen/": "regisseur_b",
    "privacy/": "auditor",
    "partners/casussen/": "partner_stadsdeel",
    "partners/": "teamleider",
    "interventies/": "teamleider",
    "overleggen/": "teamleider",
    "woo/": "woo",
    "signalen/": "aandachtsfunctionaris",
    "steunpunt/": "steunpunt",
    "weegploeg/": "weegploeg",
    "beheer/": "beheerder",
    "account/resetverzoeken/": "beheerder",
}


def sample(route: Route) -> tuple[str, list[str]]:
    """The route's URL with identifiers that exist nowhere, and those identifiers."""
    numbers = itertools.count(987_651)
    values: list[str] = []

    def fill(converter: str, body: str = "") -> str:
        if "|" in body:  # a choice of app labels: the first is as good as any
            value = body.split("|")[0]
        elif body == ".*":  # the admin's catch-all
            value = f"onbekend-{next(numbers)}/"
        elif converter == "slug":
            value = f"onbekend-{next(numbers)}"
        elif converter in ("int", "path"):
            value = str(next(numbers))
        elif converter == "uuid":
            value = str(uuid.UUID(int=next(numbers)))
        else:
            value = f"ONBEKEND-{next(numbers)}"
        values.append(value)
        return value

    url = _REGEX_ARG.sub(lambda m: fill("regex", m["body"]), route.pattern)
    url = _PATH_ARG.sub(lambda m: fill(m["conv"] or "str"), url)
    return "/" + url.replace("^", "").replace("$", ""), values


def parametrised_routes() -> list[Route]:
    return [
        route
        for route in walk()
        if ("<" in route.pattern or "(?P<" in route.pattern)
        and route.policy is not None
        and not route.policy.public
    ]


def insider(route: Route) -> str:
    return next(who for prefix, who in INSIDERS.items() if route.pattern.startswith(prefix))


def ask(client: Client, url: str) -> int:
    status = client.get(url).status_code
    if status == 405:  # a form's target: it answers POST only
        status = client.post(url).status_code
    return status


def problems(client: Client, persona: str, route: Route) -> list[str]:
    url, values = sample(route)
    status = ask(client, url)
    found = []
    events = list(AuditEvent.objects.filter(actor=persona, result="denied", path=url))
    if status in (403, 404) and not events:
        found.append(f"{url}: {status} without a denied event on this path")
    for event in events:
        named = event.object_id == MASK or any(v in event.object_id for v in values)
        if not event.object_type or not named:
            found.append(
                f"{url}: {event.action} names {event.object_type!r} {event.object_id!r}, "
                f"not the object asked for ({', '.join(values)})"
            )
    return found


# The intake's desks have no persona in tests/conftest.py (tests/intake/conftest.py has them).
DESKS = {"steunpunt": Role.STEUNPUNT, "weegploeg": Role.WEEGPLOEG}


@pytest.mark.parametrize("who", ["outsider", "insider"])
def test_every_refused_url_names_the_requested_object_and_path(
    login_as: Callable[[str], Client], organisations: dict[str, Organisation], who: str
) -> None:
    def log_in(persona: str) -> Client:
        if persona not in DESKS:
            return login_as(persona)
        client = Client()
        verify_session(
            client, make_user(persona, (organisations["amsterdam"], DESKS[persona], None))
        )
        return client

    routes = parametrised_routes()
    assert len(routes) > 100, "the walk should reach the admin and every app"
    clients: dict[str, Client] = {}
    found: list[str] = []
    for route in routes:
        persona = "outsider" if who == "outsider" else insider(route)
        if persona not in clients:
            clients[persona] = log_in(persona)
        client = clients[persona]
        found += problems(client, persona, route)
    assert found == [], "\n".join(found)


def test_the_outsider_is_refused_everywhere(login_as: Callable[[str], Client]) -> None:
    """So the walk above really checks a refusal on every URL, not a page that opened."""
    client = login_as("outsider")
    opened = []
    for route in parametrised_routes():
        url, _values = sample(route)
        status = ask(client, url)
        if status not in (403, 404):
            opened.append(f"{url}: {status}")
    assert opened == []

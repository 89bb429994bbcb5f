"""Demo Woo publications: the adopted minutes of the demo team meeting, published, and a
fictional Weegploeg memo under review, so that ``woo``, ``woo2`` and an anonymous visitor of
``/openbaar/`` all see work.

Everything goes through the Woo services as the two coordinators would do it: ``woo`` creates
the minutes' publications and accepts the suggested redactions, ``woo2`` approves and publishes
them (four-eyes); ``woo2`` prepared the memo, which waits for ``woo``'s review.

The demo has two adopted meetings, and its meeting tests pin the series to the seed's shape,
so the third publication is made from an upload (a fictional memo in the demo's style) rather
than a third adopted meeting: it exercises the other source too.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from regie.accounts.models import User
from regie.meetings.models import Meeting
from regie.woo import selectors, services
from regie.woo.export import diwoo
from regie.woo.models import Publication

MEMO_TITLE = "Notitie Weegploeg: werkwijze bij signalen uit het onderwijs"
MEMO = """Notitie Weegploeg

Aanwezig: Ingrid Vermeulen (Weegploeg, GGD), Pieter Jansen (Steunpunt Radicalisering), \
Marloes Smit (projectleider stadsdeel Centrum).

Aanleiding
De Weegploeg ontving dit kwartaal meer signalen van scholen dan voorheen. Pieter Jansen merkt \
op dat aandachtsfunctionarissen niet altijd weten wanneer een signaal naar het Steunpunt gaat.

Werkwijze
- Een school meldt een zorg eerst bij haar aandachtsfunctionaris.
- De aandachtsfunctionaris overlegt binnen een week met het Steunpunt.
- Ingrid Vermeulen weegt het signaal samen met de GGD en de politie.

BESLUIT: de werkwijze wordt in het volgende teamoverleg voorgelegd en daarna aan de \
aandachtsfunctionarissen in het onderwijs gestuurd.
"""


def _users() -> tuple[User, User] | None:
    found = {u.username: u for u in User.objects.filter(username__in=("woo", "woo2"))}
    if len(found) != 2:
        return None
    return found["woo"], found["woo2"]


def _accept_all(publication: Publication, actor: User) -> None:
    for redaction in selectors.redactions(publication).filter(state="suggested"):
        services.decide(redaction, actor=actor, accept=True)


def _publish_minutes(meeting: Meeting, woo: User, woo2: User) -> Publication:
    publication = services.create_from_meeting(meeting, actor=woo)
    _accept_all(publication, woo)
    services.submit_for_review(publication, actor=woo)
    services.approve(publication, actor=woo2)
    return services.publish(publication, actor=woo2)


def load() -> None:
    """Loaded once, into a database without publications; needs the meeting demo."""
    if Publication.objects.exists():
        return
    users = _users()
    if users is None:
        return
    woo, woo2 = users
    adopted = list(Meeting.objects.filter(status=Meeting.Status.ADOPTED).order_by("date"))
    for meeting in adopted[:2]:
        _publish_minutes(meeting, woo, woo2)
    memo = services.create_from_upload(
        MEMO.encode(),
        actor=woo2,
        title=MEMO_TITLE,
        file_name="notitie-weegploeg.txt",
        information_category=diwoo.OVERIGE_BESLUITEN.resource,
        document_type=diwoo.VERGADERSTUK.resource,
        adopted_on=timezone.localdate() - dt.timedelta(days=7),
    )
    _accept_all(memo, woo2)
    services.submit_for_review(memo, actor=woo2)

"""Publications in every status, made through the real services, for the public pages' tests.

Each is an uploaded text (no deduce: the known names are enough, and the tests stay fast) with
a secret name in it, so a test can look for that name anywhere the public can reach."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from regie.accounts.models import Role, User
from regie.organisations.models import Organisation
from regie.woo import selectors, services
from regie.woo.export import diwoo
from regie.woo.models import Publication
from regie.woo.suggest import Lexicon
from tests.conftest import make_user

SECRETS = {
    "concept": "Marloes Quaadvliet",
    "ter_beoordeling": "Theodoor Wijnbeek",
    "goedgekeurd": "Gijs Ravensteijn",
    "gepubliceerd": "Ilse Brouwenhorst",
    "ingetrokken": "Otto Zeegersma",
}
LEXICON = Lexicon(known_names=tuple(SECRETS.values()))
TITLES = {
    "concept": "Verslag teamoverleg januari",
    "ter_beoordeling": "Verslag teamoverleg februari",
    "goedgekeurd": "Verslag teamoverleg maart",
    "gepubliceerd": "Verslag teamoverleg april",
    "ingetrokken": "Verslag teamoverleg mei",
}


@dataclass
class World:
    woo_a: User
    woo_b: User
    by_status: dict[str, Publication]

    def __getitem__(self, status: str) -> Publication:
        return self.by_status[status]


def coordinators(organisation: Organisation) -> tuple[User, User]:
    return (
        make_user("public_woo_a", (organisation, Role.WOO, None)),
        make_user("public_woo_b", (organisation, Role.WOO, None)),
    )


def make_publication(
    woo_a: User,
    woo_b: User,
    *,
    title: str,
    secret: str,
    status: str,
    adopted_on: dt.date = dt.date(2021, 6, 15),
    category: str = diwoo.VERGADERSTUKKEN_DECENTRALE_OVERHEDEN.resource,
    lexicon: Lexicon = LEXICON,
) -> Publication:
    text = (
        f"Aanwezig: {secret} (GGD), de regisseurs en de projectleider stadsdeel Centrum.\n\n"
        f"{secret} merkt op dat de casus in de regie-fase blijft.\n\n"
        "BESLUIT: de aanpak wordt voortgezet."
    )
    publication = services.create_from_upload(
        text.encode(),
        actor=woo_a,
        title=title,
        file_name="verslag.txt",
        information_category=category,
        document_type=diwoo.VERGADERVERSLAG.resource,
        adopted_on=adopted_on,
        lexicon=lexicon,
    )
    if status == Publication.Status.CONCEPT:
        return publication
    for redaction in selectors.redactions(publication).filter(state="suggested"):
        services.decide(redaction, actor=woo_a, accept=True)
    services.submit_for_review(publication, actor=woo_a)
    if status == Publication.Status.TER_BEOORDELING:
        return publication
    services.approve(publication, actor=woo_b)
    if status == Publication.Status.GOEDGEKEURD:
        return publication
    services.publish(publication, actor=woo_b)
    if status == Publication.Status.INGETROKKEN:
        services.withdraw(publication, actor=woo_b, reason="Bevat een fout in de datering.")
    publication.refresh_from_db()
    return publication


def make_world(organisations: dict[str, Organisation]) -> World:
    woo_a, woo_b = coordinators(organisations["amsterdam"])
    made = {
        status: make_publication(
            woo_a, woo_b, title=TITLES[status], secret=SECRETS[status], status=status
        )
        for status in SECRETS
    }
    return World(woo_a, woo_b, made)

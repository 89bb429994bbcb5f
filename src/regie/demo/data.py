"""The fictional iPGA-R configuration loaded by ``regie demo``.

Organisation names are those of public bodies and invented care partners; every person is
invented. The TOTP secrets are published on purpose (README): demo accounts must never exist
outside development, which ``regie demo`` and the login enforce.
"""

from __future__ import annotations

from dataclasses import dataclass

from regie.accounts.models import Role
from regie.organisations.models import Organisation, Team

PASSWORD = "regie-demo-2026"  # noqa: S105 - published demo password
AMSTERDAM = "Gemeente Amsterdam"

STADSDELEN = ["Centrum", "Nieuw-West", "Noord", "Oost", "West", "Zuid", "Zuidoost", "Weesp"]
AMSTELLAND = ["Aalsmeer", "Amstelveen", "Diemen", "Ouder-Amstel", "Uithoorn"]
PARTNERS: list[tuple[str, str]] = [
    ("Politie Eenheid Amsterdam", Organisation.Kind.POLITIE),
    ("Openbaar Ministerie Amsterdam", Organisation.Kind.OM),
    ("GGD Amsterdam", Organisation.Kind.GGD),
    ("Jeugdhulp Amstelland (fictief)", Organisation.Kind.JEUGDZORG),
    ("Reclassering Regio Amsterdam (fictief)", Organisation.Kind.RECLASSERING),
    ("Woonstichting De Amstelhof (fictief)", Organisation.Kind.WONINGCORPORATIE),
    ("Scholengroep Het IJ (fictief)", Organisation.Kind.ONDERWIJS),
    ("Welzijn Noord (fictief)", Organisation.Kind.WELZIJN),
]
TEAMS: list[tuple[str, str]] = [
    ("Regisseurspool iPGA-R", Team.Kind.REGISSEURSPOOL),
    ("Programmateam iPGA-R", Team.Kind.PROGRAMMATEAM),
    ("Steunpunt Radicalisering", Team.Kind.STEUNPUNT),
    ("Weegploeg", Team.Kind.WEEGPLOEG),
    ("Secretariaat iPGA-R", Team.Kind.SECRETARIAAT),
]


def stadsdeel_name(name: str) -> str:
    return f"Stadsdeel {name}"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    first_name: str
    last_name: str
    role: str
    organisation: str
    team: str | None
    function_title: str
    totp_secret: str


ACCOUNTS: list[DemoAccount] = [
    DemoAccount(
        "teamleider",
        "Marieke",
        "van Dalen",
        Role.TEAMLEIDER,
        AMSTERDAM,
        "Programmateam iPGA-R",
        "Teamleider iPGA-R",
        "IUANQCNHSQ7KYL2HZ4OPWGSM525DPS7E",
    ),
    DemoAccount(
        "programma",
        "Noor",
        "Visser",
        Role.PROGRAMMA,
        AMSTERDAM,
        "Programmateam iPGA-R",
        "Programmamedewerker iPGA-R",
        "NYJYFSM3X7NSZHWC4YX2UFP5TMXHAGIS",
    ),
    DemoAccount(
        "regisseur1",
        "Youssef",
        "Amrani",
        Role.REGISSEUR,
        AMSTERDAM,
        "Regisseurspool iPGA-R",
        "Regisseur",
        "JYM2JRWXWHRWHRROPKXLGBHB377JZTKM",
    ),
    DemoAccount(
        "regisseur2",
        "Sanne",
        "de Wit",
        Role.REGISSEUR,
        AMSTERDAM,
        "Regisseurspool iPGA-R",
        "Regisseur",
        "23LKAHKQUWKFDAILJQ3ALQGSVTOZW2YZ",
    ),
    DemoAccount(
        "projectleider-noord",
        "Thomas",
        "Bakker",
        Role.PROJECTLEIDER,
        stadsdeel_name("Noord"),
        None,
        "Projectleider radicalisering",
        "E362ZUI467Y6VRTIJ2Z55XNG22ARUUK4",
    ),
    DemoAccount(
        "aandachtsfunctionaris",
        "Fatima",
        "El Idrissi",
        Role.AANDACHTSFUNCTIONARIS,
        "Scholengroep Het IJ (fictief)",
        None,
        "Zorgcoördinator",
        "PVXVZ2ZK3RIJNUWEBLFQZTH4QOC2Y732",
    ),
    DemoAccount(
        "steunpunt",
        "Pieter",
        "Jansen",
        Role.STEUNPUNT,
        AMSTERDAM,
        "Steunpunt Radicalisering",
        "Adviseur Steunpunt",
        "JQCSW63CFZK4MY6IGWJAFGIX7XYG2CQM",
    ),
    DemoAccount(
        "weegploeg",
        "Ingrid",
        "Vermeulen",
        Role.WEEGPLOEG,
        AMSTERDAM,
        "Weegploeg",
        "Lid Weegploeg",
        "EPHDHVNB2PLNBVQN2R5QHWXLUWXS5LBY",
    ),
    DemoAccount(
        "secretaris",
        "Lotte",
        "Hendriks",
        Role.SECRETARIS,
        AMSTERDAM,
        "Secretariaat iPGA-R",
        "Secretaris",
        "32YFUVCN2VS3BKI336VEHLSNQZKISF6V",
    ),
    DemoAccount(
        "woo",
        "Ahmed",
        "Bouzid",
        Role.WOO,
        AMSTERDAM,
        None,
        "Woo-coördinator",
        "R477VJKHP7LXHOPQ74U2O6XPBWCEXJTQ",
    ),
    DemoAccount(
        "woo2",
        "Fenna",
        "Kuipers",
        Role.WOO,
        AMSTERDAM,
        None,
        "Woo-coördinator (tweede beoordelaar)",
        "7AHMIWKEZTOFKIZO3EI6C7SP5LNBLIH4",
    ),
    DemoAccount(
        "auditor",
        "Els",
        "de Graaf",
        Role.AUDITOR,
        AMSTERDAM,
        None,
        "Privacy officer",
        "QAPO4M275YIOKFRDTYSBPYYHLBHDDGFN",
    ),
    DemoAccount(
        "beheerder",
        "Kees",
        "Mulder",
        Role.BEHEERDER,
        AMSTERDAM,
        None,
        "Functioneel beheerder",
        "LYAPRW3S7CDFFBTVJGGUS2D256G7AAQF",
    ),
]

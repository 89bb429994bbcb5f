"""The benchmark's world: districts, the bench accounts in their teams, and the configured
lists (themes, flags, journal categories, life domains, closing reasons) the cases draw from."""

from __future__ import annotations

import random
from dataclasses import dataclass

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from regie.accounts.models import Membership, Role, User
from regie.bench.fiction import REGISSEUR_NAMES
from regie.cases.models import ClosingReason, FlagType, JournalCategory, LifeDomain, Theme
from regie.organisations.models import Organisation, Team

USER_PREFIX = "bench-"
TEAMLEIDER = f"{USER_PREFIX}teamleider"
REGISSEURS = 15
AMSTERDAM = "Gemeente Amsterdam"

# Districts weighted roughly by where the programme's cases come from.
STADSDELEN: list[tuple[str, int]] = [
    ("Stadsdeel Centrum", 6),
    ("Stadsdeel Nieuw-West", 22),
    ("Stadsdeel Noord", 14),
    ("Stadsdeel Oost", 12),
    ("Stadsdeel West", 11),
    ("Stadsdeel Zuid", 7),
    ("Stadsdeel Zuidoost", 14),
    ("Stadsdeel Weesp", 1),
]
AMSTELLAND: list[tuple[str, int]] = [
    ("Gemeente Aalsmeer", 2),
    ("Gemeente Amstelveen", 5),
    ("Gemeente Diemen", 3),
    ("Gemeente Ouder-Amstel", 1),
    ("Gemeente Uithoorn", 2),
]


@dataclass
class Actor:
    user_id: int
    username: str
    full_name: str
    role: str


@dataclass
class World:
    areas: list[int]
    area_weights: list[int]
    themes: list[int]
    theme_names: dict[int, str]
    theme_weights: list[int]
    flags: dict[str, tuple[int, str]]
    categories: list[tuple[int, str]]
    domains: list[int]
    reasons: list[tuple[int, str]]
    teamleider: Actor
    regisseurs: list[Actor]
    regisseur_weights: list[float]


@transaction.atomic
def build_world(rng: random.Random) -> World:
    amsterdam, _ = Organisation.objects.get_or_create(
        name=AMSTERDAM, defaults={"kind": Organisation.Kind.GEMEENTE}
    )
    areas: list[int] = []
    weights: list[int] = []
    for name, weight in STADSDELEN:
        org, _ = Organisation.objects.get_or_create(
            name=name, defaults={"kind": Organisation.Kind.STADSDEEL, "parent": amsterdam}
        )
        areas.append(org.pk)
        weights.append(weight)
    for name, weight in AMSTELLAND:
        org, _ = Organisation.objects.get_or_create(
            name=name, defaults={"kind": Organisation.Kind.AMSTELLAND}
        )
        areas.append(org.pk)
        weights.append(weight)

    # In their teams, as the demo's and a real programme's staff are.
    pool, programme = (
        Team.objects.get_or_create(organisation=amsterdam, name=name, defaults={"kind": kind})[0]
        for name, kind in (
            ("Regisseurspool iPGA-R", Team.Kind.REGISSEURSPOOL),
            ("Programmateam iPGA-R", Team.Kind.PROGRAMMATEAM),
        )
    )
    teamleider = bench_user(
        TEAMLEIDER, "Marieke", "van Dalen", Role.TEAMLEIDER, amsterdam, programme
    )
    regisseurs = [
        bench_user(f"{USER_PREFIX}regisseur{i:02d}", first, last, Role.REGISSEUR, amsterdam, pool)
        for i, (first, last) in enumerate(REGISSEUR_NAMES[:REGISSEURS], start=1)
    ]
    themes = list(Theme.objects.filter(is_active=True).order_by("order", "name"))
    if not themes:
        raise RuntimeError("no themes: run the migrations first")
    flags = {f.code: (f.pk, f.name) for f in FlagType.objects.all()}
    categories = [(c.pk, c.name) for c in JournalCategory.objects.filter(is_active=True)]
    domains = [d.pk for d in LifeDomain.objects.filter(is_active=True)]
    reasons = [(r.pk, r.name) for r in ClosingReason.objects.filter(is_active=True)]
    if not (categories and domains and reasons):
        raise RuntimeError("journal categories, life domains or closing reasons are missing")
    return World(
        areas=areas,
        area_weights=weights,
        themes=[t.pk for t in themes],
        theme_names={t.pk: t.name for t in themes},
        # The first themes in the configured order are the most frequent.
        theme_weights=[max(1, 40 - 8 * i) for i in range(len(themes))],
        flags=flags,
        categories=categories,
        domains=domains,
        reasons=reasons,
        teamleider=teamleider,
        regisseurs=regisseurs,
        # Caseloads are not perfectly balanced.
        regisseur_weights=[rng.uniform(0.7, 1.3) for _ in regisseurs],
    )


def bench_user(
    username: str, first: str, last: str, role: str, organisation: Organisation, team: Team
) -> Actor:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, first_name=first, last_name=last, is_demo=True)
        user.set_unusable_password()
        user.save()
    Membership.objects.update_or_create(
        user=user,
        organisation=organisation,
        role=role,
        defaults={"function_title": "Bench", "team": team},
    )
    # A confirmed second factor, so the benchmark can open a verified session.
    TOTPDevice.objects.get_or_create(user=user, name="bench", defaults={"confirmed": True})
    return Actor(user.pk, username, user.get_full_name(), role)

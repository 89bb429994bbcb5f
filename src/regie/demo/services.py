"""Loading the demo configuration; idempotent, refuses where it must not run."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction

from regie.accounts import selectors as account_selectors
from regie.accounts import services as accounts
from regie.accounts.models import Role, User
from regie.demo import cases as demo_cases
from regie.demo import data
from regie.demo import intake as demo_intake
from regie.demo import interventions as demo_interventions
from regie.demo import meetings as demo_meetings
from regie.demo import partners as demo_partners
from regie.demo import woo as demo_woo
from regie.organisations import services as organisations
from regie.organisations.models import Organisation


class DemoRefused(Exception):
    pass


def ensure_allowed() -> None:
    if not settings.DEBUG:
        raise DemoRefused("refused: REGIE_DEBUG=0 (demo accounts have published passwords)")
    if account_selectors.has_non_demo_users():
        raise DemoRefused("refused: this database holds accounts that are not demo accounts")


@transaction.atomic
def load_configuration() -> None:
    amsterdam = organisations.ensure_organisation(
        actor=None, name=data.AMSTERDAM, kind=Organisation.Kind.GEMEENTE
    )
    for name in data.STADSDELEN:
        organisations.ensure_organisation(
            actor=None,
            name=data.stadsdeel_name(name),
            kind=Organisation.Kind.STADSDEEL,
            parent=amsterdam,
        )
    for name in data.AMSTELLAND:
        organisations.ensure_organisation(
            actor=None, name=f"Gemeente {name}", kind=Organisation.Kind.AMSTELLAND
        )
    for name, kind in data.PARTNERS:
        organisations.ensure_organisation(actor=None, name=name, kind=kind)
    for name, kind in data.TEAMS:
        organisations.ensure_team(actor=None, organisation=amsterdam, name=name, kind=kind)


@transaction.atomic
def load_accounts() -> None:
    for account in data.ACCOUNTS:
        user = account_selectors.user_by_username(account.username)
        if user is None:
            user = accounts.create_user(
                actor=None,
                username=account.username,
                password=data.PASSWORD,
                first_name=account.first_name,
                last_name=account.last_name,
                email=f"{account.username}@regie.example",
                is_demo=True,
            )
        elif not user.check_password(data.PASSWORD):
            user.set_password(data.PASSWORD)
            user.save(update_fields=["password"])
        organisation = Organisation.objects.get(name=account.organisation)
        team = organisation.teams.filter(name=account.team).first() if account.team else None
        accounts.ensure_membership(
            actor=None,
            user=user,
            organisation=organisation,
            role=account.role,
            team=team,
            function_title=account.function_title,
        )
        accounts.install_totp_secret(actor=None, user=user, base32_secret=account.totp_secret)
    # The Weegploeg member comes from the GGD, which makes her the pallet's reviewer.
    weegploeg = account_selectors.user_by_username("weegploeg")
    ggd = Organisation.objects.filter(name="GGD Amsterdam").first()
    if weegploeg is not None and ggd is not None:
        accounts.ensure_membership(
            actor=None,
            user=weegploeg,
            organisation=ggd,
            role=Role.WEEGPLOEG,
            function_title="GGD-lid Weegploeg, beoordelaar interventiepallet",
        )


def load() -> None:
    ensure_allowed()
    load_configuration()
    load_accounts()
    teamleider = User.objects.get(username="teamleider")
    regisseurs = list(
        User.objects.filter(username__in=["regisseur1", "regisseur2"]).order_by("username")
    )
    demo_cases.load(teamleider, regisseurs)
    demo_partners.load(teamleider, regisseurs[0])
    demo_interventions.load(teamleider, regisseurs[0])
    demo_meetings.load()
    demo_woo.load()
    demo_intake.load()

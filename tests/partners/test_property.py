"""Property: for every partner user, what the product exposes equals the covenant rules.

Hypothesis draws a plan for a small random world (cases, partner organisations with one partner
user each, registrations in every status and period, journal entries with every visibility and
sharing, ZRM assessments), the test builds it through the ORM, and then compares what the product
exposes (``policy.visible``, ``selectors.shared_view`` and the partner pages) with a brute-force
model of the covenant rules computed in plain Python from the plan alone:

* a partner sees a case only while its organisation has an *active* registration on it (status
  active and ``starts_on <= today <= ends_on``), whatever the other registrations say;
* on such a case it reads the journal entries its own organisation wrote, plus the entries with
  partner visibility shared with its organisation when the registration carries "journal";
* identity (BSN, date of birth), phase, theme, the case director and ZRM only with their
  category;
* on such a case it sees the case interventions its own organisation carries out, plus the
  interventions shared with partners when the registration carries "interventions"; it may report
  progress only on its own, and only while the case is open;
* every other case number is "not found";
* a partner's request to join is stored for every number it types (an open case, a closed one,
  a number that does not exist), listed to the partner with the same status ("aangevraagd", or
  "verlopen" once its period has passed) and the same row whatever the number, never grants
  access by itself, and reaches the regie team only when it names an open case, from a signed
  organisation without an open registration there; a request left undecided expires with its
  registration request;
* a partner finds its organisation's active registrations and no other (the rest is "not found").

Each example is built inside a savepoint that is rolled back at its end, so examples never see
each other's data (function-scoped fixtures are not reset between hypothesis examples).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import dateformat, timezone, translation
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from regie.accounts.models import Role, User
from regie.cases.models import (
    OPEN_PHASES,
    Case,
    FlagType,
    JournalCategory,
    JournalEntry,
    LifeDomain,
    Person,
    Phase,
    Theme,
    Visibility,
    ZrmAssessment,
    ZrmScore,
)
from regie.core import policy
from regie.interventions.models import CaseIntervention, CatalogueVersion, Domain, Intervention
from regie.organisations.models import Organisation
from regie.partners import selectors, services
from regie.partners.models import InformationCategory, JoinRequest, Registration
from tests.conftest import make_user, verify_session

CODES = ("contact", "identity", "phase", "theme", "interventions", "journal", "zrm")
# (starts_on, ends_on) relative to today: every side of the edges of "active".
PERIODS = {
    "current": (-10, 10),
    "starts_today": (0, 5),
    "ends_today": (-5, 0),
    "single_day": (0, 0),
    "past": (-60, -1),
    "future": (1, 60),
}
S = Registration.Status
# Weighted towards "active" so that most examples have cases to look at.
STATUSES = (S.ACTIVE, S.ACTIVE, S.REQUESTED, S.ENDED, S.EXPIRED, S.REJECTED)
OPEN_STATUSES = (S.REQUESTED, S.ACTIVE)
PARTNER_ROLES = (Role.PROJECTLEIDER, Role.PARTNER)
REGISSEURS = ("regisseur_a", "regisseur_b", None)
MISSING_NUMBER = "PBT-2026-9999"
INTERVENTION_STATUSES = tuple(CaseIntervention.Status.values)


# --- The plan -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CasePlan:
    regisseur: str | None
    phase: str
    theme: int
    with_bsn: bool
    with_birth_date: bool
    protected: bool  # media attention: staff names only for the regie team
    with_zrm: bool


@dataclass(frozen=True)
class OrgPlan:
    signed: bool
    role: str


@dataclass(frozen=True)
class RegistrationPlan:
    case: int
    org: int
    status: str
    period: str
    codes: frozenset[str]

    def is_active(self) -> bool:
        return self.status == S.ACTIVE and PERIODS[self.period][0] <= 0 <= PERIODS[self.period][1]


@dataclass(frozen=True)
class EntryPlan:
    case: int
    visibility: str
    shared_with: frozenset[int]
    author_org: int | None  # written by a partner organisation (else by the regisseur)


@dataclass(frozen=True)
class InterventionPlan:
    case: int
    executor: int | None  # a partner organisation (else the regie team itself)
    status: str
    shared: bool  # shared_with_partners
    pallet: int  # which intervention of the current pallet (modulo its size)
    ends: bool  # with an end date


@dataclass(frozen=True)
class JoinPlan:
    org: int
    case: int | None  # a case of the world (open or closed), or None: a number that is missing
    expired: bool  # its period has passed


@dataclass(frozen=True)
class World:
    cases: list[CasePlan]
    orgs: list[OrgPlan]
    registrations: list[RegistrationPlan]
    entries: list[EntryPlan]
    interventions: list[InterventionPlan]
    joins: list[JoinPlan] = field(default_factory=list)


@st.composite
def worlds(draw: st.DrawFn) -> World:
    cases = draw(
        st.lists(
            st.builds(
                CasePlan,
                regisseur=st.sampled_from(REGISSEURS),
                phase=st.sampled_from([*OPEN_PHASES, Phase.AFGESLOTEN]),
                theme=st.integers(0, 5),
                with_bsn=st.booleans(),
                with_birth_date=st.booleans(),
                protected=st.booleans(),
                with_zrm=st.booleans(),
            ),
            min_size=1,
            max_size=4,
        )
    )
    orgs = draw(
        st.lists(
            st.builds(OrgPlan, signed=st.booleans(), role=st.sampled_from(PARTNER_ROLES)),
            min_size=1,
            max_size=3,
        )
    )
    registrations: list[RegistrationPlan] = []
    for c in range(len(cases)):
        for o in range(len(orgs)):
            statuses = draw(st.lists(st.sampled_from(STATUSES), max_size=2))
            # The database allows one open (requested or active) registration per partner.
            if len([s for s in statuses if s in OPEN_STATUSES]) > 1:
                statuses = statuses[:1]
            for status in statuses:
                registrations.append(
                    RegistrationPlan(
                        case=c,
                        org=o,
                        status=status,
                        period=draw(st.sampled_from(sorted(PERIODS))),
                        codes=draw(st.frozensets(st.sampled_from(CODES))),
                    )
                )
    org_index = st.integers(0, len(orgs) - 1)
    entries = draw(
        st.lists(
            st.builds(
                EntryPlan,
                case=st.integers(0, len(cases) - 1),
                visibility=st.sampled_from([Visibility.REGIE_TEAM, Visibility.PARTNERS]),
                # Regie-only entries sometimes keep a stale sharing list: it must not count.
                shared_with=st.frozensets(org_index),
                author_org=st.none() | org_index,
            ),
            max_size=8,
        )
    )
    # Half of the interventions are anchored on a registration (its case, and often its
    # organisation as the executor), so that most examples have interventions to look at.
    interventions: list[InterventionPlan] = []
    for _ in range(draw(st.integers(0, 8))):
        anchor = draw(st.none() | st.sampled_from(registrations)) if registrations else None
        if anchor is not None:
            case = anchor.case
            executor = draw(st.sampled_from([anchor.org, anchor.org, None]) | org_index)
        else:
            case = draw(st.integers(0, len(cases) - 1))
            executor = draw(st.none() | org_index)
        interventions.append(
            InterventionPlan(
                case=case,
                executor=executor,
                status=draw(st.sampled_from(INTERVENTION_STATUSES)),
                shared=draw(st.booleans()),
                pallet=draw(st.integers(0, 50)),
                ends=draw(st.booleans()),
            )
        )
    # Half of the requests name a case on which their organisation has no open registration:
    # those (from a signed organisation, on an open case) are the ones that reach the team.
    open_pairs = {(r.case, r.org) for r in registrations if r.status in OPEN_STATUSES}
    free = [(c, o) for c in range(len(cases)) for o in range(len(orgs)) if (c, o) not in open_pairs]
    any_join = st.builds(
        JoinPlan,
        org=org_index,
        case=st.none() | st.integers(0, len(cases) - 1),
        expired=st.booleans(),
    )
    free_join = (
        st.sampled_from(free).flatmap(
            lambda pair: st.builds(
                JoinPlan, org=st.just(pair[1]), case=st.just(pair[0]), expired=st.booleans()
            )
        )
        if free
        else any_join
    )
    joins = draw(st.lists(free_join | any_join, min_size=1, max_size=4))
    return World(
        cases=cases,
        orgs=orgs,
        registrations=registrations,
        entries=entries,
        interventions=interventions,
        joins=joins,
    )


# --- The model ----------------------------------------------------------------------------------


@dataclass
class Expected:
    """What the covenant rules give one partner organisation, by plan indexes."""

    cases: set[int] = field(default_factory=set)
    codes: dict[int, frozenset[str]] = field(default_factory=dict)  # per visible case
    journal: dict[int, set[int]] = field(default_factory=dict)  # per visible case
    interventions: dict[int, set[int]] = field(default_factory=dict)  # per visible case
    updatable: set[int] = field(default_factory=set)  # progress may be reported on these

    def all_interventions(self) -> set[int]:
        return set().union(*self.interventions.values())


def expected_for(world: World, org: int) -> Expected:
    result = Expected()
    for plan in world.registrations:
        if plan.org == org and plan.is_active():
            assert plan.case not in result.cases  # at most one active per partner and case
            result.cases.add(plan.case)
            result.codes[plan.case] = plan.codes
    for case in result.cases:
        result.journal[case] = {
            i
            for i, entry in enumerate(world.entries)
            if entry.case == case
            and (
                entry.author_org == org
                or (
                    "journal" in result.codes[case]
                    and entry.visibility == Visibility.PARTNERS
                    and org in entry.shared_with
                )
            )
        }
        result.interventions[case] = {
            i
            for i, item in enumerate(world.interventions)
            if item.case == case
            and (item.executor == org or ("interventions" in result.codes[case] and item.shared))
        }
        if world.cases[case].phase != Phase.AFGESLOTEN:
            result.updatable |= {
                i for i in result.interventions[case] if world.interventions[i].executor == org
            }
    return result


def expected_matches(world: World) -> list[bool]:
    """Per request, in order: does it put a registration request before the regie team?"""
    open_pairs = {(r.case, r.org) for r in world.registrations if r.status in OPEN_STATUSES}
    matched = []
    for join in world.joins:
        match = (
            join.case is not None
            and world.cases[join.case].phase != Phase.AFGESLOTEN
            and world.orgs[join.org].signed
            and (join.case, join.org) not in open_pairs
        )
        if match and join.case is not None:
            open_pairs.add((join.case, join.org))
        matched.append(match)
    return matched


# --- Building the world -------------------------------------------------------------------------


def valid_bsn(seed: int) -> str:
    """A nine-digit number that passes the elfproef, distinct per seed."""
    n = 100_000_000 + seed * 1_000 + 7
    while True:
        digits = [int(d) for d in f"{n:09d}"]
        total = sum(d * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - digits[8]
        if total % 11 == 0:
            return f"{n:09d}"
        n += 1


@dataclass
class Built:
    cases: list[Case]
    orgs: list[Organisation]
    users: list[User]
    entries: list[JournalEntry]
    zrm: dict[int, list[int]]
    interventions: list[CaseIntervention]


def pallet() -> list[Intervention]:
    """The interventions a case intervention is chosen from (the current pallet's active rows).

    The Basispallet is seeded by a migration; after a transactional flush it is gone, and then a
    small current version is made here (inside the example's savepoint)."""
    choosable = Intervention.objects.filter(
        version__status=CatalogueVersion.Status.CURRENT, is_active=True
    ).order_by("name", "id")
    if choosable.exists():
        return list(choosable)
    version = CatalogueVersion.objects.filter(status=CatalogueVersion.Status.CURRENT).first()
    if version is None:
        version = CatalogueVersion.objects.create(
            name="PBT Pallet",
            status=CatalogueVersion.Status.CURRENT,
            published_at=timezone.now(),
            review_on=timezone.localdate() + timedelta(days=365),
        )
    for n, domain in enumerate(Domain.values):
        Intervention.objects.create(
            version=version, lineage=f"pbt-{n}", name=f"Pbt interventie {n}", domain=domain
        )
    return list(choosable)


def outcome_marker(i: int) -> str:
    # Fixed width and a terminator, distinct from the journal texts: no text is part of another.
    return f"Pbt uitkomst {i:03d} einde"


def build(world: World, personas: dict[str, User]) -> Built:
    today = timezone.localdate()
    now = timezone.now()
    themes = list(Theme.objects.order_by("order", "id"))
    media = FlagType.objects.get(code="media")
    category = JournalCategory.objects.order_by("id")[0]
    domain = LifeDomain.objects.order_by("order", "id")[0]
    categories = {c.code: c for c in InformationCategory.objects.all()}
    amsterdam = Organisation.objects.create(name="PBT Gemeente", kind=Organisation.Kind.GEMEENTE)
    regisseur = personas["regisseur_a"]

    cases: list[Case] = []
    zrm: dict[int, list[int]] = {}
    for i, plan in enumerate(world.cases):
        person = Person.objects.create(
            first_name="Pbt",
            last_name=f"Persoon{i}",
            # Years far from every other date on the page, so a match means a leak.
            date_of_birth=date(1931 + 7 * i, 3 + i, 11 + i) if plan.with_birth_date else None,
            bsn=valid_bsn(i) if plan.with_bsn else "",
            area=amsterdam,
        )
        case = Case.objects.create(
            number=f"PBT-2026-{i:04d}",
            person=person,
            theme=themes[plan.theme % len(themes)],
            area=amsterdam,
            regisseur=personas[plan.regisseur] if plan.regisseur else None,
            phase=plan.phase,
            phase_since=now,
            opened_on=today - timedelta(days=90),
            closed_on=today if plan.phase == Phase.AFGESLOTEN else None,
        )
        if plan.protected:
            case.flags.add(media)
        zrm[i] = []
        if plan.with_zrm:
            assessment = ZrmAssessment.objects.create(
                case=case, assessed_on=today - timedelta(days=3), assessor=regisseur
            )
            ZrmScore.objects.create(assessment=assessment, domain=domain, score=3)
            zrm[i].append(assessment.pk)
        cases.append(case)

    orgs: list[Organisation] = []
    users: list[User] = []
    for o, org_plan in enumerate(world.orgs):
        organisation = Organisation.objects.create(
            name=f"PBT Partner {o}",
            kind=Organisation.Kind.WELZIJN,
            covenant_signed_on=date(2021, 6, 15) if org_plan.signed else None,
            covenant_document="Convenant" if org_plan.signed else "",
        )
        orgs.append(organisation)
        users.append(make_user(f"pbt-partner-{o}", (organisation, org_plan.role, None)))

    for reg_plan in world.registrations:
        starts, ends = PERIODS[reg_plan.period]
        registration = Registration.objects.create(
            case=cases[reg_plan.case],
            organisation=orgs[reg_plan.org],
            purpose="Need to know",
            starts_on=today + timedelta(days=starts),
            ends_on=today + timedelta(days=ends),
            contact_name="Contact",
            status=reg_plan.status,
            requested_by=regisseur,
            requested_at=now,
        )
        registration.categories.set([categories[code] for code in reg_plan.codes])

    entries: list[JournalEntry] = []
    for e, entry_plan in enumerate(world.entries):
        author_org = entry_plan.author_org
        entry = JournalEntry.objects.create(
            case=cases[entry_plan.case],
            occurred_on=date(2026, 1, 1) + timedelta(days=e),
            author=users[author_org] if author_org is not None else regisseur,
            category=category,
            # Fixed width and a terminator: no text is part of another.
            text=f"Pbt journaal {e:03d} einde",
            visibility=entry_plan.visibility,
            author_organisation=orgs[author_org] if author_org is not None else None,
        )
        entry.shared_with.set([orgs[o] for o in entry_plan.shared_with])
        entries.append(entry)

    choices = pallet()
    interventions: list[CaseIntervention] = []
    for i, item_plan in enumerate(world.interventions):
        starts_on = today - timedelta(days=20 + i)
        interventions.append(
            CaseIntervention.objects.create(
                case=cases[item_plan.case],
                intervention=choices[item_plan.pallet % len(choices)],
                executor=orgs[item_plan.executor] if item_plan.executor is not None else None,
                starts_on=starts_on,
                ends_on=starts_on + timedelta(days=40) if item_plan.ends else None,
                status=item_plan.status,
                outcome=outcome_marker(i),
                shared_with_partners=item_plan.shared,
                created_by=regisseur,
            )
        )
    return Built(
        cases=cases,
        orgs=orgs,
        users=users,
        entries=entries,
        zrm=zrm,
        interventions=interventions,
    )


# --- What must (not) be on the page --------------------------------------------------------------


def date_renderings(value: date) -> set[str]:
    shown = {value.isoformat(), value.strftime("%d-%m-%Y")}
    for language in ("nl", "en"):
        with translation.override(language):
            for pattern in ("j F Y", "j M Y", "d-m-Y", "j b Y"):
                shown.add(dateformat.format(value, pattern))
    return shown


def check_view(
    view: selectors.SharedView,
    case: Case,
    plan: CasePlan,
    codes: frozenset[str],
    journal: set[int],
    built: Built,
    personas: dict[str, User],
    index: int,
) -> None:
    """(c) Exactly the fields of the shared categories, and the journal of the model."""
    assert view.categories == set(codes)
    person = case.person
    if "identity" in codes:
        assert (view.birth_date, view.bsn) == (person.date_of_birth, person.bsn)
    else:
        assert (view.birth_date, view.bsn) == (None, "")
    assert view.phase == (case.phase if "phase" in codes else "")
    assert bool(view.phase_label) == ("phase" in codes)
    assert view.theme == (case.theme.name if "theme" in codes else "")
    if "contact" in codes and plan.regisseur is not None:
        name = personas[plan.regisseur].get_full_name()
        if plan.protected:
            assert view.regisseur
            assert view.regisseur != name  # the role instead of the name
        else:
            assert view.regisseur == name
    else:
        assert view.regisseur == ""
    assert [z.pk for z in view.zrm] == (built.zrm[index] if "zrm" in codes else [])
    assert {entry.pk for entry in view.journal} == {built.entries[e].pk for e in journal}


def check_html(
    html: str,
    case: Case,
    plan: CasePlan,
    codes: frozenset[str],
    journal: set[int],
    built: Built,
    personas: dict[str, User],
) -> None:
    """(d) The shared entries are on the page; nothing outside the categories is."""
    for e, entry in enumerate(built.entries):
        if e in journal:
            assert entry.text in html, f"shared entry {e} missing from {case.number}"
        else:
            assert entry.text not in html, f"hidden entry {e} on {case.number}"
    person = case.person
    if "identity" not in codes:
        if person.bsn:
            assert person.bsn not in html
        if person.date_of_birth:
            for shown in date_renderings(person.date_of_birth):
                assert shown not in html, f"date of birth ({shown}) on {case.number}"
    elif person.bsn:
        assert person.bsn in html
    if "theme" not in codes:
        assert case.theme.name not in html
    if plan.regisseur is not None and ("contact" not in codes or plan.protected):
        assert personas[plan.regisseur].get_full_name() not in html


def check_interventions_html(
    html: str,
    case: Case,
    codes: frozenset[str],
    shown: set[int],
    updatable: set[int],
    built: Built,
) -> None:
    """(f) The partner panel: exactly the outcomes of the model's interventions, a progress link
    exactly on those the partner may update; the panel itself only with something to show or
    with the interventions category."""
    for i, item in enumerate(built.interventions):
        marker = outcome_marker(i)
        if i in shown:
            assert marker in html, f"shared intervention {i} missing from {case.number}"
            assert item.intervention.name in html
        else:
            assert marker not in html, f"hidden intervention {i} on {case.number}"
        link = reverse("interventions:partner_update", args=[item.public_id])
        assert (f'href="{link}"' in html) == (i in shown & updatable), (i, case.number)
    panel = 'id="interventions"' in html
    assert panel == (bool(shown) or "interventions" in codes), case.number


# --- The property -------------------------------------------------------------------------------


JOIN_ROW = re.compile(r'<tr class="utrecht-table__row" data-join-request>.*?</tr>', re.S)


def make_requests(world: World, built: Built) -> list[JoinRequest]:
    """Each partner types its numbers into the join form, as a user would."""
    made = []
    for join in world.joins:
        client = Client()
        verify_session(client, User.objects.get(pk=built.users[join.org].pk))
        number = built.cases[join.case].number if join.case is not None else MISSING_NUMBER
        response = client.post(
            reverse("partners:join"), {"case_number": number, "purpose": "Pbt verzoek"}
        )
        assert response.status_code == 302, response.status_code
        request = JoinRequest.objects.order_by("-id").first()
        assert request is not None
        assert (request.case_number, request.organisation_id) == (number, built.orgs[join.org].pk)
        if join.expired:
            JoinRequest.objects.filter(pk=request.pk).update(
                expires_on=timezone.localdate() - timedelta(days=1)
            )
        made.append(request)
    return made


def check_requests(
    world: World, built: Built, made: list[JoinRequest], personas: dict[str, User]
) -> None:
    """(h) What the partner reads of its requests depends on nothing but their age; only the
    matching ones reach the regie team, and those left undecided expire."""
    matches = expected_matches(world)
    event(f"requests: {len(matches)}, of which reach the regie team: {sum(matches)}")
    assert JoinRequest.objects.count() == len(world.joins)
    for request, match in zip(made, matches, strict=True):
        request.refresh_from_db()
        assert (request.registration is not None) == match
        if request.registration is not None:
            assert request.registration.status == S.REQUESTED
    for o, stale_user in enumerate(built.users):
        client = Client()
        verify_session(client, User.objects.get(pk=stale_user.pk))
        page = client.get(reverse("partners:cases"))
        own = [(j, r) for j, r in zip(world.joins, made, strict=True) if j.org == o]
        rows = page.context["join_requests"]
        assert len(rows) == len(own)
        by_number: dict[str, list[str]] = {}
        for row in rows:
            by_number.setdefault(row.case_number, []).append(row.status)
        for join, request in own:
            assert ("verlopen" if join.expired else "aangevraagd") in by_number[request.case_number]
        html_rows = JOIN_ROW.findall(page.content.decode())
        assert len(html_rows) == len(own)
        # Apart from the number, a row says only how old the request is.
        shapes = {
            row.replace(item.case_number, "#") for row, item in zip(html_rows, rows, strict=True)
        }
        assert len(shapes) <= len({item.status for item in rows})
    pending = set(selectors.pending_for(personas["teamleider"]).values_list("pk", flat=True))
    created = {r.registration_id for r in made if r.registration_id is not None}
    assert created <= pending
    assert services.expire_due(today=timezone.localdate()) >= 0
    for join, request in zip(world.joins, made, strict=True):
        if request.registration_id is not None:
            status = Registration.objects.get(pk=request.registration_id).status
            assert status == (S.EXPIRED if join.expired else S.REQUESTED)


def check_registration_scope(world: World, built: Built, o: int, user: User) -> None:
    """(i) A partner reaches its organisation's active registrations and nothing else: every
    other registration is "not found", as is an id that does not exist."""
    registrations = Registration.objects.filter(case__in=built.cases)
    active = {
        r.pk
        for r in registrations
        if r.organisation_id == built.orgs[o].pk and selectors.is_active(r, timezone.localdate())
    }
    assert set(policy.visible(user, Registration).values_list("pk", flat=True)) == active
    client = Client()
    verify_session(client, user)
    for registration in registrations.exclude(pk__in=active):
        url = reverse("partners:form_pdf", args=[registration.public_id])
        assert client.get(url).status_code == 404, (registration.status, registration.pk)


class _Rollback(Exception):
    """Ends an example's savepoint: the next example starts from the fixtures again."""


def run_example(world: World, personas: dict[str, User]) -> None:
    built = build(world, personas)
    made = make_requests(world, built)  # requests must change nothing of what follows
    journal_pks = {entry.pk: e for e, entry in enumerate(built.entries)}
    case_pks = {case.pk: i for i, case in enumerate(built.cases)}
    intervention_pks = {item.pk: i for i, item in enumerate(built.interventions)}
    for o, stale_user in enumerate(built.users):
        user = User.objects.get(pk=stale_user.pk)  # fresh: memberships are cached per object
        model = expected_for(world, o)
        event(f"visible cases per partner: {len(model.cases)}")
        readable = sum(map(len, model.journal.values()))
        event(f"visible entries per partner: {readable if readable < 3 else '3+'}")
        items = len(model.all_interventions())
        event(f"visible interventions per partner: {items if items < 3 else '3+'}")

        # (a) cases
        seen_cases = set(policy.visible(user, Case).values_list("pk", flat=True))
        assert {case_pks[pk] for pk in seen_cases} == model.cases
        assert seen_cases <= set(case_pks)

        # (b) journal entries
        seen_entries = set(policy.visible(user, JournalEntry).values_list("pk", flat=True))
        assert seen_entries <= set(journal_pks)
        assert {journal_pks[pk] for pk in seen_entries} == set().union(*model.journal.values())

        # (e) case interventions
        seen_items = set(policy.visible(user, CaseIntervention).values_list("pk", flat=True))
        assert seen_items <= set(intervention_pks)
        assert {intervention_pks[pk] for pk in seen_items} == model.all_interventions()

        # (c) the shared view of each visible case
        for i in sorted(model.cases):
            case = Case.objects.select_related("person", "theme", "area", "regisseur").get(
                pk=built.cases[i].pk
            )
            registration = selectors.registration_for(user, case)
            assert registration is not None
            assert registration.organisation_id == built.orgs[o].pk
            view = selectors.shared_view(user, case, registration)
            check_view(
                view, case, world.cases[i], model.codes[i], model.journal[i], built, personas, i
            )

        # (d) pages
        client = Client()
        verify_session(client, user)
        listing = client.get(reverse("partners:cases"))
        assert listing.status_code == 200
        listed = {case_pks[r.case_id] for r in listing.context["registrations"]}
        assert listed == model.cases
        # The numbers the partner typed itself are on its list of requests (checked in (h)).
        listing_html = JOIN_ROW.sub("", listing.content.decode())
        for i, case in enumerate(built.cases):
            assert (case.number in listing_html) == (i in model.cases)
        for i, case in enumerate(built.cases):
            response = client.get(reverse("partners:case", args=[case.number]))
            if i not in model.cases:
                assert response.status_code == 404, (case.number, response.status_code)
                assert case.person.last_name not in response.content.decode()
                continue
            assert response.status_code == 200, (case.number, response.status_code)
            plan, codes, journal = world.cases[i], model.codes[i], model.journal[i]
            check_view(response.context["view"], case, plan, codes, journal, built, personas, i)
            html = response.content.decode()
            check_html(html, case, plan, codes, journal, built, personas)
            check_interventions_html(
                html, case, codes, model.interventions[i], model.updatable, built
            )
        missing = client.get(reverse("partners:case", args=[MISSING_NUMBER]))
        assert missing.status_code == 404

        # (g) the progress page: hidden is "not found", visible but not its own is forbidden
        visible_items = model.all_interventions()
        for i, item in enumerate(built.interventions):
            page = client.get(reverse("interventions:partner_update", args=[item.public_id]))
            expected = 200 if i in model.updatable else 403 if i in visible_items else 404
            assert page.status_code == expected, (i, page.status_code, expected)
            if expected != 200:
                assert outcome_marker(i) not in page.content.decode()

        check_registration_scope(world, built, o, user)

    check_requests(world, built, made, personas)


@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(world=worlds())
def test_partners_see_exactly_what_the_covenant_shares(
    world: World, personas: dict[str, User], information_categories: Any
) -> None:
    try:
        with transaction.atomic():
            run_example(world, personas)
            raise _Rollback
    except _Rollback:
        pass

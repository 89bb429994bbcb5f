"""The pages against every persona, and the journeys through them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from regie.audit.models import AuditEvent
from regie.cases.models import TimelineEvent
from regie.core.policy import view_policy
from regie.interventions import services
from regie.interventions.models import CaseIntervention, CatalogueVersion, ChangeRequest
from regie.partners.models import Registration
from tests.conftest import PERSONAS, verify_session
from tests.core.urlwalk import walk
from tests.interventions.fixtures import current, pick

REVIEWERS = ("programma", "ggd_reviewer")
EVERYONE = (*PERSONAS, *REVIEWERS)
REGIE_TEAM = {"teamleider": 200, "regisseur_a": 200, "regisseur_b": 200, "programma": 200}
PALLET_READERS = {**REGIE_TEAM, "ggd_reviewer": 200}


@pytest.fixture
def world(personas, reviewers, organisations, own_case, register, add_intervention):
    """One case of regisseur_a: Noord registered and executing one intervention; the school
    (aandachtsfunctionaris) executed one but its registration has ended."""
    register(own_case, organisations["noord"])
    school = register(own_case, organisations["school"])
    by_noord = add_intervention(own_case, "Woonbegeleiding", executor=organisations["noord"])
    by_school = add_intervention(own_case, "Onderwijsbegeleiding", executor=organisations["school"])
    school.status = Registration.Status.ENDED
    school.save()
    change = services.propose_change(
        actor=personas["regisseur_a"],
        proposal=services.Proposal(
            kind=ChangeRequest.Kind.ADD, name="Buddyproject", domain="zorg", motivation="Nodig"
        ),
    )
    return {
        "case": own_case,
        "by_noord": by_noord,
        "by_school": by_school,
        "change": change,
        "users": {**personas, **reviewers},
    }


def _client(world, persona: str) -> Client:
    client = Client()
    verify_session(client, world["users"][persona])
    return client


# url name, args from the world, {persona: status}, default status
MATRIX = [
    ("interventions:catalogue", lambda w: [], PALLET_READERS, 403),
    ("interventions:change_requests", lambda w: [], PALLET_READERS, 403),
    ("interventions:change_request", lambda w: [w["change"].pk], PALLET_READERS, 403),
    ("interventions:propose", lambda w: [], REGIE_TEAM, 403),
    ("interventions:publish", lambda w: [], {"teamleider": 200}, 403),
    # Reviewing is POST only: permitted reviewers get 405 on GET, everyone else 403.
    ("interventions:review", lambda w: [w["change"].pk], dict.fromkeys(REVIEWERS, 405), 403),
    (
        "interventions:add",
        lambda w: [w["case"].number],
        {"teamleider": 200, "regisseur_a": 200, "programma": 200, "regisseur_b": 404},
        403,
    ),
    (
        "interventions:update",
        lambda w: [w["by_noord"].public_id],
        {"teamleider": 200, "regisseur_a": 200, "programma": 200, "regisseur_b": 404},
        403,
    ),
    (
        # Users in a partner role pass the feature check; the object is visible only to the
        # executing partner while it is registered.
        "interventions:partner_update",
        lambda w: [w["by_noord"].public_id],
        {
            "partner_stadsdeel": 200,
            "partner_other": 404,
            "partner_ended": 404,
            "aandachtsfunctionaris": 404,
            "ggd_reviewer": 404,
        },
        403,
    ),
    (
        # The school's registration has ended: its own intervention is gone for it.
        "interventions:partner_update",
        lambda w: [w["by_school"].public_id],
        dict.fromkeys(
            (
                "partner_stadsdeel",
                "partner_other",
                "partner_ended",
                "aandachtsfunctionaris",
                "ggd_reviewer",
            ),
            404,
        ),
        403,
    ),
]


@pytest.mark.parametrize(("url_name", "args", "overrides", "default"), MATRIX)
def test_persona_matrix(world, url_name, args, overrides, default) -> None:
    url = reverse(url_name, args=args(world))
    got = {persona: _client(world, persona).get(url).status_code for persona in EVERYONE}
    expected = {persona: overrides.get(persona, default) for persona in EVERYONE}
    assert got == expected


def test_anonymous_is_sent_to_login(client: Client, world) -> None:
    for name, args in [
        ("interventions:catalogue", []),
        ("interventions:add", [world["case"].number]),
        ("interventions:partner_update", [world["by_noord"].public_id]),
    ]:
        response = client.get(reverse(name, args=args))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_every_view_declares_a_policy_and_none_is_public() -> None:
    routes = [r for r in walk() if r.name.startswith("interventions:")]
    assert len(routes) == 9
    for route in routes:
        policy = view_policy(route.view)
        assert policy is not None, route.name
        assert not policy.public, route.name
    personal = {r.name for r in routes if r.policy is not None and r.policy.personal_data}
    assert personal == {
        "interventions:add",
        "interventions:update",
        "interventions:partner_update",
    }


def test_unknown_version_is_404(login_as) -> None:
    client = login_as("teamleider")
    assert client.get(reverse("interventions:catalogue"), {"version": "999999"}).status_code == 404
    assert client.get(reverse("interventions:catalogue"), {"version": "x"}).status_code == 200


def test_catalogue_shows_old_versions_on_request(login_as, personas) -> None:
    old = current()
    services.publish_version(actor=personas["teamleider"], name="Basispallet 2027")
    client = login_as("regisseur_a")
    page = client.get(reverse("interventions:catalogue")).content.decode()
    assert "Basispallet 2027" in page
    assert f'<option value="{old.pk}"' in page
    archived = client.get(reverse("interventions:catalogue"), {"version": old.pk})
    assert archived.status_code == 200
    assert archived.context["version"] == old
    assert "Mentortraject" in archived.content.decode()


def test_review_reminder_on_the_catalogue(login_as) -> None:
    version = current()
    url = reverse("interventions:catalogue")
    assert login_as("teamleider").get(url).context["review_due"] is None
    version.review_on = timezone.localdate()
    version.save()
    page = login_as("teamleider").get(url)
    assert page.context["review_due"] == version
    assert reverse("interventions:publish") in page.content.decode()


def test_propose_review_publish_journey(login_as, personas, reviewers) -> None:
    mentor = pick("Mentortraject")
    regisseur = login_as("regisseur_a")
    form = regisseur.get(reverse("interventions:propose"), {"target": mentor.pk})
    assert form.context["form"].initial["name"] == "Mentortraject"
    response = regisseur.post(
        reverse("interventions:propose"),
        {
            "kind": "change",
            "target": mentor.pk,
            "name": "Mentortraject 2.0",
            "domain": "beide",
            "typical_partner_kind": "welzijn",
            "description": "",
            "motivation": "Ook voor volwassenen",
        },
    )
    change = ChangeRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("interventions:change_request", args=[change.pk])

    reviewer = Client()
    verify_session(reviewer, reviewers["ggd_reviewer"])
    review = reverse("interventions:review", args=[change.pk])
    refused = reviewer.post(review, {"decision": "reject", "reason": ""})
    assert refused.status_code == 400
    change.refresh_from_db()
    assert change.status == ChangeRequest.Status.PROPOSED
    assert reviewer.post(review, {"decision": "accept", "reason": "Goed idee"}).status_code == 302
    change.refresh_from_db()
    assert change.status == ChangeRequest.Status.ACCEPTED

    teamleider = login_as("teamleider")
    page = teamleider.get(reverse("interventions:publish"))
    assert page.context["form"].initial["name"] == "Basispallet 2027"
    assert page.context["changes"] == [change]
    response = teamleider.post(reverse("interventions:publish"), {"name": "Basispallet 2027"})
    assert response.status_code == 302
    newest = CatalogueVersion.objects.get(status="current")
    assert newest.name == "Basispallet 2027"
    assert newest.interventions.filter(name="Mentortraject 2.0").exists()


def test_a_second_review_of_the_same_request_is_refused(reviewers, personas) -> None:
    change = services.propose_change(
        actor=personas["regisseur_a"],
        proposal=services.Proposal(
            kind=ChangeRequest.Kind.RETIRE, target=pick("Stopgesprek"), motivation="Niet meer"
        ),
    )
    client = Client()
    verify_session(client, reviewers["programma"])
    url = reverse("interventions:review", args=[change.pk])
    assert client.post(url, {"decision": "accept"}).status_code == 302
    assert client.post(url, {"decision": "reject", "reason": "Toch niet"}).status_code == 403


def test_the_new_intervention_form_opens_on_demand(login_as, world) -> None:
    """The case page links to the form; htmx fetches it as a fragment from the URL it posts
    to, and without JavaScript the same URL is a page of its own. Both are reads of the case."""
    case = world["case"]
    client = login_as("regisseur_a")
    add = reverse("interventions:add", args=[case.number])
    page = client.get(reverse("cases:detail", args=[case.number])).content.decode()
    assert f'hx-get="{add}"' in page
    assert 'name="intervention"' not in page
    reads = AuditEvent.objects.filter(case_id=case.number, action="interventions.case.read")
    before = reads.count()
    fragment = client.get(add, headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    html = fragment.content.decode()
    assert "<html" not in html
    assert f'action="{add}"' in html
    assert 'name="intervention"' in html
    assert "autofocus" in html
    full = client.get(add).content.decode()
    assert "<html" in full
    assert 'name="intervention"' in full
    assert reads.count() == before + 2
    # Whoever may not add gets the same refusal with htmx as without.
    for persona in ("regisseur_b", "partner_stadsdeel"):
        other = login_as(persona)
        assert (
            other.get(add, headers={"HX-Request": "true"}).status_code == other.get(add).status_code
        )
        assert other.get(add).status_code in (403, 404)


def test_add_and_update_on_the_case(login_as, world, organisations) -> None:
    case = world["case"]
    client = login_as("regisseur_a")
    today = timezone.localdate().isoformat()
    response = client.post(
        reverse("interventions:add", args=[case.number]),
        {
            "intervention": pick("Meldplicht").pk,
            "executor": "",
            "starts_on": today,
            "status": "gepland",
            "shared_with_partners": "on",
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#interventions")
    item = CaseIntervention.objects.get(intervention__name="Meldplicht")
    assert item.shared_with_partners is True
    assert item.executor is None

    # An organisation that is not registered on the case: refused with its name.
    refused = client.post(
        reverse("interventions:add", args=[case.number]),
        {
            "intervention": pick("Dagbesteding").pk,
            "executor": organisations["oost"].pk,
            "starts_on": today,
            "status": "gepland",
        },
    )
    assert refused.status_code == 400
    assert "Stadsdeel Oost" in refused.content.decode()
    assert not CaseIntervention.objects.filter(intervention__name="Dagbesteding").exists()

    update = reverse("interventions:update", args=[item.public_id])
    page = client.get(update)
    assert page.status_code == 200
    response = client.post(
        update,
        {
            "executor": organisations["noord"].pk,
            "starts_on": today,
            "status": "lopend",
            "outcome": "Meldt zich wekelijks",
            "version": item.version,
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.executor == organisations["noord"]
    assert item.status == "lopend"
    assert item.shared_with_partners is False
    # A stale form does not overwrite.
    stale = client.post(
        update,
        {"executor": "", "starts_on": today, "status": "gestopt", "version": item.version - 1},
    )
    assert stale.status_code == 400
    item.refresh_from_db()
    assert item.status == "lopend"
    # The refusal says so and shows, field by field, what the stale form had and what is stored.
    page = stale.content.decode()
    assert "Er is niets van u opgeslagen" in page
    status = CaseIntervention.Status
    changed = [(mine, theirs) for _label, mine, theirs in stale.context["form"].conflict]
    assert (status.GESTOPT.label, status.LOPEND.label) in changed
    assert str(status.GESTOPT.label) in page


def test_partner_reports_progress(login_as, world) -> None:
    item = world["by_noord"]
    client = login_as("partner_stadsdeel")
    url = reverse("interventions:partner_update", args=[item.public_id])
    response = client.post(
        url, {"status": "afgerond", "outcome": "Woont zelfstandig", "version": item.version}
    )
    assert response.status_code == 302
    assert response["Location"] == (
        reverse("partners:case", args=[world["case"].number]) + "#interventions"
    )
    item.refresh_from_db()
    assert item.status == "afgerond"
    assert item.outcome == "Woont zelfstandig"
    assert TimelineEvent.objects.filter(
        case=world["case"],
        kind=TimelineEvent.Kind.INTERVENTION,
        actor__username="partner_stadsdeel",
    ).exists()
    assert AuditEvent.objects.filter(
        action="interventions.case.partner_update", actor="partner_stadsdeel"
    ).exists()


def test_partner_cannot_post_to_the_regie_pages(login_as, world) -> None:
    client = login_as("partner_stadsdeel")
    item = world["by_noord"]
    response = client.post(
        reverse("interventions:update", args=[item.public_id]),
        {"executor": "", "starts_on": item.starts_on.isoformat(), "status": "gestopt"},
    )
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.status == "gepland"


def test_denials_are_audited(login_as, world) -> None:
    login_as("partner_other").get(
        reverse("interventions:partner_update", args=[world["by_noord"].public_id])
    )
    assert AuditEvent.objects.filter(
        actor="partner_other",
        action="interventions.caseintervention.view",
        result="denied",
        # The identifier as the URL gave it (issue 10.3): the opaque public id.
        object_id=f"public_id={world['by_noord'].public_id}",
    ).exists()


def test_home_reminder_for_the_teamleider_only(personas, rf) -> None:
    from regie.interventions.panels import review_reminder

    version = current()
    for user in personas.values():
        user.is_verified = lambda: False  # what django-otp's middleware would add
    request = rf.get("/")
    request.user = personas["teamleider"]
    assert review_reminder(request) == ""
    version.review_on = timezone.localdate() + timedelta(days=20)
    version.save()
    html = review_reminder(request)
    assert 'id="panel-pallet-review"' in html
    assert reverse("interventions:publish") in html
    for name in ("regisseur_a", "partner_stadsdeel", "auditor"):
        request.user = personas[name]
        assert review_reminder(request) == ""

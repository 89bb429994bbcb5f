"""The catalogue and the interventions panels cost the same number of queries as data grows."""

from __future__ import annotations

from itertools import cycle

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regie.interventions import selectors, services
from regie.interventions.models import ChangeRequest, Intervention
from tests.interventions.fixtures import current


def _count(client, url: str, params: dict[str, str] | None = None) -> int:
    client.get(url, params or {})  # warm: session, caches
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params or {}).status_code == 200
    return len(ctx.captured_queries)


def test_catalogue_page_constant(login_as, personas) -> None:
    client = login_as("teamleider")
    url = reverse("interventions:catalogue")
    version = current()
    numbers = iter(range(10_000))

    def grow(n: int) -> None:
        kinds = cycle(["welzijn", "politie", ""])
        domains = cycle(["zorg", "veiligheid", "beide"])
        Intervention.objects.bulk_create(
            Intervention(
                version=version,
                lineage=f"extra-{(i := next(numbers))}",
                name=f"Extra interventie {i}",
                domain=next(domains),
                typical_partner_kind=next(kinds),
                is_active=bool(i % 5),
            )
            for _ in range(n)
        )
        for _ in range(n // 5):
            services.propose_change(
                actor=personas["regisseur_a"],
                proposal=services.Proposal(
                    kind=ChangeRequest.Kind.ADD,
                    name=f"Voorstel {next(numbers)}",
                    domain="zorg",
                    motivation="Nodig",
                ),
            )

    grow(5)
    small = _count(client, url)
    grow(150)
    assert _count(client, url) == small
    # An archived version reads the same way.
    services.publish_version(actor=personas["teamleider"], name="Basispallet 2027")
    archived = {"version": str(version.pk)}
    small_archived = _count(client, url, archived)
    grow(50)
    assert _count(client, url, archived) == small_archived


def test_change_request_list_constant(login_as, personas, reviewers) -> None:
    client = login_as("teamleider")
    url = reverse("interventions:change_requests")
    numbers = iter(range(10_000))

    def grow(n: int) -> None:
        for _ in range(n):
            change = services.propose_change(
                actor=personas["regisseur_a"],
                proposal=services.Proposal(
                    kind=ChangeRequest.Kind.RETIRE,
                    target=selectors.choosable_interventions()[next(numbers) % 20],
                    motivation="Wordt niet meer ingezet",
                ),
            )
            services.accept_change(actor=reviewers["programma"], change=change)

    grow(2)
    small = _count(client, url, {"status": "all"})
    grow(30)
    assert _count(client, url, {"status": "all"}) == small


def _grow_case(case, organisations, add_intervention, n: int) -> None:
    names = cycle([i.name for i in selectors.choosable_interventions()[:10]])
    executors = cycle([None, organisations["noord"], organisations["oost"]])
    for i in range(n):
        add_intervention(
            case, next(names), executor=next(executors), shared=bool(i % 2), outcome=f"Notitie {i}"
        )


def test_case_panel_constant(
    login_as, personas, organisations, own_case, register, add_intervention
):
    register(own_case, organisations["noord"])
    register(own_case, organisations["oost"], categories=())
    url = reverse("cases:detail", args=[own_case.number])
    client = login_as("regisseur_a")
    _grow_case(own_case, organisations, add_intervention, 2)
    small = _count(client, url)
    _grow_case(own_case, organisations, add_intervention, 10)
    # Interventions from an older version sit next to those of the current one.
    services.publish_version(actor=personas["teamleider"], name="Basispallet 2027")
    _grow_case(own_case, organisations, add_intervention, 10)
    assert _count(client, url) == small


def test_partner_panel_constant(
    login_as, personas, organisations, own_case, register, add_intervention
):
    register(own_case, organisations["noord"])
    register(own_case, organisations["oost"], categories=())
    url = reverse("partners:case", args=[own_case.number])
    client = login_as("partner_stadsdeel")
    _grow_case(own_case, organisations, add_intervention, 3)
    small = _count(client, url)
    _grow_case(own_case, organisations, add_intervention, 24)
    assert _count(client, url) == small

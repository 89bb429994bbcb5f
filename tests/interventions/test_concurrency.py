"""Two team leaders publishing at the same moment: one after the other, never two current."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from regie.interventions import services
from regie.interventions.models import CatalogueVersion, ChangeRequest


def _race(*jobs: Callable[[], Any]) -> list[BaseException]:
    barrier = threading.Barrier(len(jobs))
    errors: list[BaseException] = []

    def run(job: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            job()
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_publishes_queue_up(personas, reviewers) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row locks are a PostgreSQL property")
    change = services.propose_change(
        actor=personas["regisseur_a"],
        proposal=services.Proposal(
            kind=ChangeRequest.Kind.ADD, name="Buddyproject", domain="zorg", motivation="Nodig"
        ),
    )
    services.accept_change(actor=reviewers["programma"], change=change)
    leader = personas["teamleider"]
    errors = _race(
        lambda: services.publish_version(actor=leader, name="Basispallet 2027"),
        lambda: services.publish_version(actor=leader, name="Basispallet 2027b"),
    )
    assert errors == []
    assert CatalogueVersion.objects.filter(status="current").count() == 1
    assert CatalogueVersion.objects.filter(status="archived").count() == 2
    current = CatalogueVersion.objects.get(status="current")
    # The second built on the first: the accepted addition is in, exactly once.
    assert current.interventions.filter(name="Buddyproject").count() == 1
    change.refresh_from_db()
    assert change.applied_in is not None
    assert change.applied_in != current


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_publishes_with_one_name(personas) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row locks are a PostgreSQL property")
    leader = personas["teamleider"]
    errors = _race(
        lambda: services.publish_version(actor=leader, name="Basispallet 2027"),
        lambda: services.publish_version(actor=leader, name="Basispallet 2027"),
    )
    assert len(errors) == 1
    assert isinstance(errors[0], ValidationError)
    assert CatalogueVersion.objects.filter(status="current").get().name == "Basispallet 2027"

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from regie.audit.models import AuditEvent
from regie.audit.services import append

URL = reverse("audit:log")


def test_reading_the_log_is_itself_logged(login_as) -> None:
    client = login_as("auditor")
    response = client.get(URL, {"action": "auth."})
    assert response.status_code == 200
    event = AuditEvent.objects.filter(action="audit.view_log.read").latest("id")
    assert event.actor == "auditor"
    assert event.object_type == "page"
    assert event.object_id == URL  # the path only: search terms stay out of the log


def test_denied_attempt_to_read_the_log_is_logged(login_as) -> None:
    assert login_as("beheerder").get(URL).status_code == 403
    assert AuditEvent.objects.filter(
        action="audit.view_log", actor="beheerder", result="denied"
    ).exists()


def test_filters(login_as, personas) -> None:
    append(action="cases.case.view", actor="regisseur_a", case_id="PGA-2026-0001")
    append(action="cases.case.view", actor="regisseur_b", case_id="PGA-2026-0002")
    append(action="auth.login_failed", actor="ghost", result="denied")
    client = login_as("auditor")

    def ids(**params: str) -> set[tuple[str, str]]:
        return {(e.actor, e.action) for e in client.get(URL, params).context["events"]}

    assert ids(actor="regisseur_a") >= {("regisseur_a", "cases.case.view")}
    assert all(actor == "regisseur_a" for actor, _ in ids(actor="regisseur_a"))
    assert ids(case="PGA-2026-0002") == {("regisseur_b", "cases.case.view")}
    assert ids(result="denied", action="auth.") == {("ghost", "auth.login_failed")}
    today = timezone.localdate()
    assert ids(date_from=str(today), actor="ghost") == {("ghost", "auth.login_failed")}
    assert ids(date_to=str(today - timedelta(days=1))) == set()


def test_invalid_filter_gets_a_clear_error(login_as) -> None:
    response = login_as("auditor").get(URL, {"date_from": "not-a-date"})
    assert response.status_code == 200
    assert response.context["form"].errors["date_from"]


def test_keyset_pagination_is_constant_in_queries(login_as, django_assert_max_num_queries) -> None:
    for i in range(130):
        append(action="test.page", actor="bulk", object_id=str(i))
    client = login_as("auditor")
    first = client.get(URL, {"actor": "bulk"})
    assert len(first.context["events"]) == 50
    before = first.context["next_before"]
    second = client.get(URL, {"actor": "bulk", "before": before})
    ids_first = {e.id for e in first.context["events"]}
    ids_second = {e.id for e in second.context["events"]}
    assert not ids_first & ids_second
    assert max(ids_second) < min(ids_first)
    third = client.get(URL, {"actor": "bulk", "before": second.context["next_before"]})
    assert len(third.context["events"]) == 30
    assert third.context["next_before"] is None
    with django_assert_max_num_queries(12):
        client.get(URL, {"actor": "bulk", "before": before})


def test_htmx_request_gets_only_the_results(login_as) -> None:
    response = login_as("auditor").get(URL, HTTP_HX_REQUEST="true")
    assert b"<html" not in response.content
    assert b"audit-results" not in response.content

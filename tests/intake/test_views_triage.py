"""The Weegploeg's pages: the list, sessions, and the decision with the duplicate check."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse
from django.utils import timezone

from regie.accounts.models import User
from regie.cases.models import Case, Person, Phase
from regie.intake.models import Signal, Stage, TriageDecision, TriageSession
from regie.organisations.models import Organisation


def _decide(signal: Signal) -> str:
    return reverse("weegploeg:decide", kwargs={"reference": signal.reference})


def test_list_shows_forwarded_signals_only(
    forwarded_signal: Signal, make_signal: Any, client_for: Any
) -> None:
    at_desk = make_signal()
    response = client_for("weegploeg").get(reverse("weegploeg:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert forwarded_signal.reference in html
    assert at_desk.reference not in html


def test_create_a_session_and_add_a_signal(forwarded_signal: Signal, client_for: Any) -> None:
    client = client_for("weegploeg")
    refused = client.post(reverse("weegploeg:session_create"), {"date": ""})
    assert refused.status_code == 400
    assert not TriageSession.objects.exists()
    created = client.post(
        reverse("weegploeg:session_create"), {"date": timezone.localdate().isoformat()}
    )
    assert created.status_code == 302
    session = TriageSession.objects.get()
    url = reverse("weegploeg:session", kwargs={"pk": session.pk})
    assert client.post(url, {"signal": "SIG-1900-0001"}).status_code == 400
    assert client.post(url, {"signal": forwarded_signal.reference}).status_code == 302
    forwarded_signal.refresh_from_db()
    assert forwarded_signal.session == session
    assert forwarded_signal.reference in client.get(url).content.decode()


def test_decide_no_concerns(forwarded_signal: Signal, client_for: Any) -> None:
    client = client_for("weegploeg")
    data = {"version": forwarded_signal.version, "outcome": "geen_zorgen", "motivation": ""}
    assert client.post(_decide(forwarded_signal), data).status_code == 400
    assert not TriageDecision.objects.exists()
    data["motivation"] = "Past bij de leeftijd."
    assert client.post(_decide(forwarded_signal), data).status_code == 302
    forwarded_signal.refresh_from_db()
    assert forwarded_signal.stage == Stage.AFGEROND
    page = client.get(_decide(forwarded_signal)).content.decode()
    assert "Past bij de leeftijd." in page


def test_referral_needs_an_organisation(
    forwarded_signal: Signal, client_for: Any, organisations: dict[str, Organisation]
) -> None:
    client = client_for("weegploeg")
    data: dict[str, Any] = {
        "version": forwarded_signal.version,
        "outcome": "doorverwijzing",
        "motivation": "Jeugdzorg past beter.",
    }
    assert client.post(_decide(forwarded_signal), data).status_code == 400
    data["referred_to"] = organisations["buurtwerk"].pk
    assert client.post(_decide(forwarded_signal), data).status_code == 302
    assert TriageDecision.objects.get().referred_to == organisations["buurtwerk"]


def test_instroom_shows_duplicates_then_same_person_links(
    forwarded_signal: Signal,
    client_for: Any,
    organisations: dict[str, Organisation],
) -> None:
    person = Person.objects.create(
        first_name="Sem",
        last_name="Dijk",
        date_of_birth=date(2008, 2, 3),
        area=organisations["noord"],
    )
    client = client_for("weegploeg")
    page = client.get(_decide(forwarded_signal)).content.decode()
    assert "regie-duplicates" in page
    assert f'value="{person.pk}"' in page
    data = {"version": forwarded_signal.version, "outcome": "instroom", "motivation": "Zorgen."}
    refused = client.post(_decide(forwarded_signal), data)
    assert refused.status_code == 400
    assert not Case.objects.exists()
    done = client.post(_decide(forwarded_signal), {**data, "duplicate": str(person.pk)})
    assert done.status_code == 302
    case = Case.objects.get()
    assert (case.person, case.phase) == (person, Phase.AANMELDING)
    after = client.get(_decide(forwarded_signal)).content.decode()
    assert case.number in after
    # The Weegploeg sees persons, not cases: the number without a link to the case page.
    assert reverse("cases:detail", kwargs={"number": case.number}) not in after


def test_instroom_different_person_registers_a_new_one(
    forwarded_signal: Signal, client_for: Any, organisations: dict[str, Organisation]
) -> None:
    Person.objects.create(
        first_name="Sem",
        last_name="Dijk",
        date_of_birth=date(2008, 2, 3),
        area=organisations["noord"],
    )
    data = {
        "version": forwarded_signal.version,
        "outcome": "instroom",
        "motivation": "Zorgen.",
        "duplicate": "different",
    }
    assert client_for("weegploeg").post(_decide(forwarded_signal), data).status_code == 302
    assert Person.objects.count() == 2
    assert Case.objects.get().person.last_name == "van Dijk"


def test_others_may_not_weigh(
    forwarded_signal: Signal, client_for: Any, intake_personas: dict[str, User]
) -> None:
    for who in ("steunpunt", "aandachtsfunctionaris", "teamleider", "regisseur_a"):
        client = client_for(who)
        assert client.get(reverse("weegploeg:index")).status_code == 403, who
        data = {"version": 1, "outcome": "geen_zorgen", "motivation": "x"}
        assert client.post(_decide(forwarded_signal), data).status_code == 403, who
    assert not TriageDecision.objects.exists()


def test_a_signal_not_forwarded_is_not_found(make_signal: Any, client_for: Any) -> None:
    assert client_for("weegploeg").get(_decide(make_signal())).status_code == 404


def _remove(session: TriageSession, signal: Signal) -> str:
    return reverse(
        "weegploeg:session_remove", kwargs={"pk": session.pk, "reference": signal.reference}
    )


def test_take_a_signal_off_a_session(forwarded_signal: Signal, client_for: Any) -> None:
    client = client_for("weegploeg")
    session = TriageSession.objects.create(date=timezone.localdate())
    Signal.objects.filter(pk=forwarded_signal.pk).update(session=session)
    page = client.get(reverse("weegploeg:session", kwargs={"pk": session.pk})).content.decode()
    assert _remove(session, forwarded_signal) in page
    response = client.post(_remove(session, forwarded_signal))
    assert response.status_code == 302
    assert response["Location"] == reverse("weegploeg:session", kwargs={"pk": session.pk})
    forwarded_signal.refresh_from_db()
    assert forwarded_signal.session is None
    assert client.get(_remove(session, forwarded_signal)).status_code == 405


def test_a_decided_signal_stays_on_its_session(forwarded_signal: Signal, client_for: Any) -> None:
    client = client_for("weegploeg")
    session = TriageSession.objects.create(date=timezone.localdate())
    Signal.objects.filter(pk=forwarded_signal.pk).update(session=session)
    data = {"version": forwarded_signal.version, "outcome": "geen_zorgen", "motivation": "Geen."}
    assert client.post(_decide(forwarded_signal), data).status_code == 302
    page = client.get(reverse("weegploeg:session", kwargs={"pk": session.pk})).content.decode()
    assert _remove(session, forwarded_signal) not in page
    refused = client.post(_remove(session, forwarded_signal))
    assert refused.status_code == 400
    assert "blijft in de zitting waarin het besluit viel" in refused.content.decode()
    forwarded_signal.refresh_from_db()
    assert forwarded_signal.session == session


def test_only_the_weegploeg_takes_signals_off(forwarded_signal: Signal, client_for: Any) -> None:
    session = TriageSession.objects.create(date=timezone.localdate())
    Signal.objects.filter(pk=forwarded_signal.pk).update(session=session)
    for name in ("steunpunt", "aandachtsfunctionaris", "regisseur_a"):
        assert client_for(name).post(_remove(session, forwarded_signal)).status_code == 403, name
    forwarded_signal.refresh_from_db()
    assert forwarded_signal.session == session

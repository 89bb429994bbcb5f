"""The intake services: submitting, the Steunpunt's handling and the Weegploeg's decision."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from regie.accounts.models import User
from regie.audit.models import AuditEvent
from regie.cases.models import Case, DuplicateDecision, Person, Phase, Theme
from regie.intake import services
from regie.intake.models import Signal, SignalMessage, Stage, Status, TriageDecision
from regie.organisations.models import Organisation

Make = Callable[..., Signal]


def test_submit_numbers_and_audits(make_signal: Make, intake_personas: dict[str, User]) -> None:
    first, second = make_signal(), make_signal()
    year = timezone.localdate().year
    assert (first.reference, second.reference) == (f"SIG-{year}-0001", f"SIG-{year}-0002")
    assert first.submitter == intake_personas["aandachtsfunctionaris"]
    assert first.source_organisation is not None
    assert first.source_organisation.name == "Scholengroep Test"
    assert (first.stage, first.status) == (Stage.STEUNPUNT, Status.ONTVANGEN)
    event = AuditEvent.objects.filter(action="intake.signal.submit").order_by("id").first()
    assert event is not None
    assert event.object_id == str(first.pk)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"observation": "  "}, "observation"),
        ({"kind": "consultation"}, "person_last_name"),
        ({"observed_since": date(2999, 1, 1)}, "observed_since"),
        ({"person_date_of_birth": date(2999, 1, 1)}, "person_date_of_birth"),
    ],
)
def test_submit_refuses_bad_input_and_writes_nothing(
    make_signal: Make, fields: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        make_signal(**fields)
    assert field in refused.value.error_dict
    assert not Signal.objects.exists()


def test_a_consultation_names_no_person(make_signal: Make) -> None:
    signal = make_signal(
        kind="consultation",
        person_first_name="",
        person_last_name="",
        person_date_of_birth=None,
        person_area_id=None,
    )
    assert signal.kind == "consultation"
    assert not signal.names_person


def test_steunpunt_records_a_phoned_in_signal_on_behalf_of_the_caller(
    make_signal: Make,
) -> None:
    with pytest.raises(ValidationError):
        make_signal(by="steunpunt")
    signal = services.submit(
        actor=User.objects.get(username="steunpunt"),
        data=services.SignalData(observation="Telefonisch gemeld."),
        on_behalf_of="Medewerker woningcorporatie",
    )
    assert signal.submitter is None
    assert signal.recorded_on_behalf_of == "Medewerker woningcorporatie"
    event = AuditEvent.objects.get(action="intake.signal.submit")
    assert event.on_behalf_of == "Medewerker woningcorporatie"


@pytest.mark.parametrize("who", ["regisseur_a", "teamleider", "auditor", "outsider", "weegploeg"])
def test_who_may_not_submit(make_signal: Make, who: str) -> None:
    with pytest.raises(PermissionDenied):
        make_signal(by=who)


def test_steunpunt_handles_a_signal_and_mail_holds_no_content(
    make_signal: Make,
    intake_personas: dict[str, User],
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    steunpunt, submitter = intake_personas["steunpunt"], intake_personas["aandachtsfunctionaris"]
    User.objects.filter(pk=submitter.pk).update(email="af@example.org")
    submitter.refresh_from_db()
    signal = make_signal()
    services.pick_up(actor=steunpunt, signal=signal, version=signal.version)
    assert (signal.handler, signal.status) == (steunpunt, Status.IN_BEHANDELING)
    with django_capture_on_commit_callbacks(execute=True):
        services.ask_submitter(actor=steunpunt, signal=signal, text="Sinds wanneer precies?")
    assert [m.to for m in mailoutbox] == [["af@example.org"]]
    body = mailoutbox[0].subject + mailoutbox[0].body
    assert signal.reference in body
    for secret in ("Sinds wanneer", "Sem", "Dijk", "filmpjes"):
        assert secret not in body
    services.answer(actor=submitter, signal=signal, text="Sinds januari.")
    services.forward_to_weegploeg(actor=steunpunt, signal=signal)
    signal.refresh_from_db()
    assert (signal.stage, signal.status) == (Stage.WEEGPLOEG, Status.IN_BEHANDELING)
    assert signal.forwarded_at is not None
    assert list(signal.messages.values_list("kind", flat=True)) == ["question", "answer"]


def test_only_the_submitter_answers(make_signal: Make, intake_personas: dict[str, User]) -> None:
    signal = make_signal()
    for who in ("aandachtsfunctionaris_2", "steunpunt", "weegploeg"):
        with pytest.raises(PermissionDenied):
            services.answer(actor=intake_personas[who], signal=signal, text="Antwoord")
    assert not SignalMessage.objects.exists()


def test_a_stale_version_is_a_conflict(make_signal: Make, intake_personas: dict[str, User]) -> None:
    from regie.core.locking import Conflict

    signal = make_signal()
    services.pick_up(actor=intake_personas["steunpunt"], signal=signal, version=1)
    with pytest.raises(Conflict):
        services.close(actor=intake_personas["steunpunt"], signal=signal, version=1)


def test_close_and_forward_need_the_steunpunt_stage(
    make_signal: Make, intake_personas: dict[str, User]
) -> None:
    steunpunt = intake_personas["steunpunt"]
    signal = make_signal()
    services.close(actor=steunpunt, signal=signal)
    assert (signal.stage, signal.status) == (Stage.AFGEROND, Status.AFGEROND)
    with pytest.raises(ValidationError):
        services.forward_to_weegploeg(actor=steunpunt, signal=signal)
    consultation = make_signal(
        kind="consultation", person_first_name="", person_last_name="", person_date_of_birth=None
    )
    with pytest.raises(ValidationError):
        services.forward_to_weegploeg(actor=steunpunt, signal=consultation)
    with pytest.raises(PermissionDenied):
        services.close(actor=intake_personas["weegploeg"], signal=make_signal())


# The Weegploeg.


@pytest.fixture
def forwarded(make_signal: Make, intake_personas: dict[str, User]) -> Signal:
    signal = make_signal()
    services.forward_to_weegploeg(actor=intake_personas["steunpunt"], signal=signal)
    signal.refresh_from_db()
    return signal


def test_instroom_opens_a_case_and_tells_the_teamleider(
    forwarded: Signal,
    intake_personas: dict[str, User],
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    User.objects.filter(username="teamleider").update(email="tl@example.org")
    weegploeg = intake_personas["weegploeg"]
    session = services.create_session(actor=weegploeg, on=timezone.localdate())
    services.add_to_session(actor=weegploeg, signal=forwarded, session=session)
    with django_capture_on_commit_callbacks(execute=True):
        decision = services.decide(
            actor=weegploeg, signal=forwarded, outcome="instroom", motivation="Zorgen."
        )
    case = decision.case
    assert case is not None
    assert (case.phase, case.person.last_name) == (Phase.AANMELDING, "van Dijk")
    assert decision.session == session
    forwarded.refresh_from_db()
    assert (forwarded.stage, forwarded.status, forwarded.person) == (
        Stage.AFGEROND,
        Status.AFGEROND,
        case.person,
    )
    assert [m.to for m in mailoutbox] == [["tl@example.org"]]
    assert case.number in mailoutbox[0].body
    assert "Dijk" not in mailoutbox[0].body + mailoutbox[0].subject
    actions = list(AuditEvent.objects.order_by("id").values_list("action", "case_id"))
    assert ("cases.case.create", case.number) in actions
    assert ("intake.signal.decide", case.number) in actions


def test_instroom_stops_at_a_possible_duplicate_and_writes_nothing(
    forwarded: Signal, intake_personas: dict[str, User], organisations: dict[str, Organisation]
) -> None:
    person = Person.objects.create(
        first_name="Sem",
        last_name="Dijk",
        date_of_birth=date(2008, 2, 3),
        area=organisations["noord"],
    )
    with pytest.raises(ValidationError) as refused:
        services.decide(
            actor=intake_personas["weegploeg"],
            signal=forwarded,
            outcome="instroom",
            motivation="Zorgen.",
        )
    assert refused.value.code == "duplicates"
    assert not TriageDecision.objects.exists()
    assert Person.objects.get() == person
    forwarded.refresh_from_db()
    assert forwarded.stage == Stage.WEEGPLOEG


def test_instroom_for_the_same_person_links_their_open_case(
    forwarded: Signal, intake_personas: dict[str, User], organisations: dict[str, Organisation]
) -> None:
    person = Person.objects.create(
        first_name="Sem",
        last_name="Dijk",
        date_of_birth=date(2008, 2, 3),
        area=organisations["noord"],
    )
    open_case = Case.objects.create(
        number="PGA-2026-0900",
        person=person,
        theme=Theme.objects.all()[0],
        area=organisations["noord"],
        phase=Phase.REGIE,
        phase_since=timezone.now(),
        opened_on=timezone.localdate(),
    )
    decision = services.decide(
        actor=intake_personas["weegploeg"],
        signal=forwarded,
        outcome="instroom",
        motivation="Bekend.",
        duplicate=str(person.pk),
    )
    assert decision.case == open_case
    assert Case.objects.count() == 1
    assert DuplicateDecision.objects.get().decision == "same"


def test_instroom_for_a_different_person_is_recorded(
    forwarded: Signal, intake_personas: dict[str, User], organisations: dict[str, Organisation]
) -> None:
    other = Person.objects.create(
        first_name="Sem",
        last_name="Dijk",
        date_of_birth=date(2008, 2, 3),
        area=organisations["noord"],
    )
    decision = services.decide(
        actor=intake_personas["weegploeg"],
        signal=forwarded,
        outcome="instroom",
        motivation="Andere persoon.",
        duplicate="different",
    )
    assert decision.case is not None
    assert decision.case.person != other
    row = DuplicateDecision.objects.get()
    assert (row.decision, row.candidate, row.decided_by) == (
        "different",
        other,
        intake_personas["weegploeg"],
    )


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"outcome": "doorverwijzing"}, "referred_to"),
        ({"outcome": "advies_aan_melder"}, "advice"),
        ({"outcome": "geen_zorgen", "motivation": " "}, "motivation"),
        ({"outcome": "onbekend"}, "outcome"),
    ],
)
def test_decide_refuses_incomplete_decisions(
    forwarded: Signal, intake_personas: dict[str, User], fields: dict[str, Any], field: str
) -> None:
    values = {"motivation": "Motivatie.", **fields}
    with pytest.raises(ValidationError) as refused:
        services.decide(actor=intake_personas["weegploeg"], signal=forwarded, **values)
    assert field in refused.value.error_dict
    assert not TriageDecision.objects.exists()


def test_advice_reaches_the_submitter_in_the_thread(
    forwarded: Signal, intake_personas: dict[str, User], organisations: dict[str, Organisation]
) -> None:
    services.decide(
        actor=intake_personas["weegploeg"],
        signal=forwarded,
        outcome="advies_aan_melder",
        motivation="Intern: geen instroom.",
        advice="Blijf in gesprek met de leerling.",
    )
    assert list(forwarded.messages.values_list("kind", "text")) == [
        ("advice", "Blijf in gesprek met de leerling.")
    ]
    referral = services.decide  # a referral names the organisation
    del referral


def test_only_the_weegploeg_decides_and_only_forwarded_signals(
    make_signal: Make, forwarded: Signal, intake_personas: dict[str, User]
) -> None:
    with pytest.raises(PermissionDenied):
        services.decide(
            actor=intake_personas["steunpunt"],
            signal=forwarded,
            outcome="geen_zorgen",
            motivation="x",
        )
    with pytest.raises(PermissionDenied):
        services.decide(
            actor=intake_personas["weegploeg"],
            signal=make_signal(),
            outcome="geen_zorgen",
            motivation="x",
        )


def test_remove_from_session_puts_the_signal_back_in_the_list(
    forwarded: Signal, intake_personas: dict[str, User]
) -> None:
    weegploeg = intake_personas["weegploeg"]
    session = services.create_session(actor=weegploeg, on=timezone.localdate())
    services.add_to_session(actor=weegploeg, signal=forwarded, session=session)
    services.remove_from_session(actor=weegploeg, signal=forwarded, session=session)
    forwarded.refresh_from_db()
    assert forwarded.session is None
    assert forwarded.stage == Stage.WEEGPLOEG
    event = AuditEvent.objects.get(action="intake.session.remove")
    assert event.actor_id == weegploeg.pk
    assert event.object_id == str(forwarded.pk)
    assert event.changes == {"session": [session.pk, None]}


def test_remove_from_session_is_refused_after_the_decision(
    forwarded: Signal, intake_personas: dict[str, User]
) -> None:
    weegploeg = intake_personas["weegploeg"]
    session = services.create_session(actor=weegploeg, on=timezone.localdate())
    services.add_to_session(actor=weegploeg, signal=forwarded, session=session)
    services.decide(actor=weegploeg, signal=forwarded, outcome="geen_zorgen", motivation="Geen.")
    forwarded.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        services.remove_from_session(actor=weegploeg, signal=forwarded, session=session)
    assert refused.value.code == "decided"
    forwarded.refresh_from_db()
    assert forwarded.session == session
    assert not AuditEvent.objects.filter(action="intake.session.remove")


def test_remove_from_session_refuses_another_session_and_other_roles(
    forwarded: Signal, intake_personas: dict[str, User]
) -> None:
    weegploeg = intake_personas["weegploeg"]
    session = services.create_session(actor=weegploeg, on=timezone.localdate())
    other = services.create_session(actor=weegploeg, on=timezone.localdate())
    services.add_to_session(actor=weegploeg, signal=forwarded, session=session)
    with pytest.raises(ValidationError) as refused:
        services.remove_from_session(actor=weegploeg, signal=forwarded, session=other)
    assert refused.value.code == "session"
    with pytest.raises(PermissionDenied):
        services.remove_from_session(
            actor=intake_personas["steunpunt"], signal=forwarded, session=session
        )
    forwarded.refresh_from_db()
    assert forwarded.session == session

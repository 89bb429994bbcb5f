"""Forms whose defaults change case data (issue 11.4), and the rules behind them, in the forms
and in the services (so a command or an import cannot bypass them):

- the phase form preselects no phase, and every phase change needs a reason;
- a closing reason only with closing ("instroom → regie (Detentie)" must not happen);
- the task kind has no default (a follow-up saved as a review replaced the next review date);
- journal, ZRM and contact (partner journal) dates cannot lie in the future; tasks can.
"""

from __future__ import annotations

import inspect
import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from regie.cases import services, workflow
from regie.cases.models import (
    Case,
    ClosingReason,
    JournalCategory,
    JournalEntry,
    LifeDomain,
    Phase,
    Task,
    TimelineEvent,
    Visibility,
    ZrmAssessment,
)
from regie.partners import services as partner_services
from tests.partners.conftest import activate


def _form(html: str, action: str) -> str:
    found = re.search(rf'<form[^>]*action="{re.escape(action)}".*?</form>', html, re.S)
    assert found is not None, f"no form for {action}"
    return found.group(0)


def _untouched(form: str) -> dict[str, str]:
    """What a browser submits for a form nobody touched: inputs' values, each select's selected
    option or else its first one, empty textareas."""
    data: dict[str, str] = {}
    for name, value in re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form):
        data[name] = value
    for name, body in re.findall(r'<select name="(\w+)"[^>]*>(.*?)</select>', form, re.S):
        options = re.findall(r'<option value="([^"]*)"([^>]*)>', body)
        chosen = [v for v, attrs in options if "selected" in attrs]
        data[name] = chosen[0] if chosen else options[0][0]
    for name in re.findall(r'<textarea name="(\w+)"', form):
        data[name] = ""
    return data


def _yesterday() -> str:
    return (timezone.localdate() - timedelta(days=1)).isoformat()


def _tomorrow() -> str:
    return (timezone.localdate() + timedelta(days=1)).isoformat()


# --- phase changes -----------------------------------------------------------------------------


@pytest.mark.parametrize("phase", [Phase.INSTROOM, Phase.REGIE, Phase.NAZORG])
def test_untouched_phase_form_moves_nothing(login_as, own_case: Case, phase: str) -> None:
    own_case.phase = phase
    own_case.save()
    client = login_as("regisseur_a")
    url = reverse("cases:transition", args=[own_case.number])
    form = _form(client.get(url).content.decode(), url)
    # No phase is preselected: the first option is an empty prompt, and it is the one chosen.
    assert re.search(r'<select name="target"[^>]*>\s*<option value="" selected>', form)
    response = client.post(url, _untouched(form))
    assert response.status_code == 400
    assert response.context["transition_form"].errors["target"]
    own_case.refresh_from_db()
    assert own_case.phase == phase
    assert not TimelineEvent.objects.filter(case=own_case, kind="phase").exists()


def test_phase_form_requires_a_reason_at_the_field(login_as, own_case: Case) -> None:
    own_case.phase = Phase.INSTROOM
    own_case.save()
    url = reverse("cases:transition", args=[own_case.number])
    response = login_as("regisseur_a").post(
        url, {"target": Phase.REGIE, "reason": " ", "version": own_case.version}
    )
    assert response.status_code == 400
    assert response.context["transition_form"].errors["reason"] == [
        "Geef een reden voor deze fasewijziging."
    ]
    assert 'id="id_reason_error"' in response.content.decode()
    own_case.refresh_from_db()
    assert own_case.phase == Phase.INSTROOM


@pytest.mark.parametrize("step", workflow.TRANSITIONS, ids=lambda t: f"{t.source}-{t.target}")
def test_service_requires_a_reason_for_every_phase_change(personas, make_case, step) -> None:
    case = make_case(personas["regisseur_a"], phase=step.source)
    closing = ClosingReason.objects.all()[0] if step.target == Phase.AFGESLOTEN else None
    with pytest.raises(ValidationError) as refused:
        services.transition(
            actor=personas["teamleider"],
            case=case,
            target=step.target,
            reason="  ",
            closing_reason=closing,
        )
    assert refused.value.code == "reason"
    case.refresh_from_db()
    assert case.phase == step.source


def test_service_refuses_a_closing_reason_without_closing(personas, make_case) -> None:
    case = make_case(personas["regisseur_a"], phase=Phase.INSTROOM)
    detention = ClosingReason.objects.all()[0]
    with pytest.raises(ValidationError) as refused:
        services.transition(
            actor=personas["regisseur_a"],
            case=case,
            target=Phase.REGIE,
            reason="Besproken in het casusoverleg.",
            closing_reason=detention,
        )
    assert refused.value.code == "closing_reason"
    case.refresh_from_db()
    assert case.phase == Phase.INSTROOM
    assert case.closing_reason is None
    assert not TimelineEvent.objects.filter(case=case, kind="phase").exists()


def test_phase_form_refuses_a_closing_reason_at_the_field(login_as, own_case: Case) -> None:
    own_case.phase = Phase.INSTROOM
    own_case.save()
    url = reverse("cases:transition", args=[own_case.number])
    response = login_as("regisseur_a").post(
        url,
        {
            "target": Phase.REGIE,
            "closing_reason": ClosingReason.objects.all()[0].pk,
            "reason": "Besproken in het casusoverleg.",
            "version": own_case.version,
        },
    )
    assert response.status_code == 400
    assert response.context["transition_form"].errors["closing_reason"]
    assert 'id="id_closing_reason_error"' in response.content.decode()
    own_case.refresh_from_db()
    assert own_case.phase == Phase.INSTROOM
    assert not TimelineEvent.objects.filter(case=own_case, kind="phase").exists()


def test_closing_with_reason_and_closing_reason_still_works(login_as, own_case: Case) -> None:
    url = reverse("cases:transition", args=[own_case.number])
    reason = ClosingReason.objects.all()[0]
    response = login_as("regisseur_a").post(
        url,
        {
            "target": Phase.AFGESLOTEN,
            "closing_reason": reason.pk,
            "reason": "Doelen bereikt.",
            "version": own_case.version,
        },
    )
    assert response.status_code == 302
    own_case.refresh_from_db()
    assert own_case.phase == Phase.AFGESLOTEN
    assert own_case.closing_reason == reason
    event = TimelineEvent.objects.get(case=own_case, kind="phase")
    assert event.reason == "Doelen bereikt."


# --- tasks -------------------------------------------------------------------------------------


def test_task_kind_has_no_default(login_as, own_case: Case) -> None:
    client = login_as("regisseur_a")
    url = reverse("cases:task_add", args=[own_case.number])
    form = _form(client.get(url).content.decode(), url)
    assert re.search(r'<select name="kind"[^>]*>\s*<option value="" selected>', form)
    data = {
        **_untouched(form),
        "title": "Bellen met school",
        "due_on": _yesterday(),
        "assignee": str(own_case.regisseur_id),
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert response.context["task_form"].errors["kind"] == ["Kies een soort."]
    assert not Task.objects.filter(case=own_case).exists()
    own_case.refresh_from_db()
    assert own_case.next_review_on is None


def test_follow_up_chosen_leaves_the_review_date_and_may_lie_ahead(login_as, own_case) -> None:
    client = login_as("regisseur_a")
    url = reverse("cases:task_add", args=[own_case.number])
    future = (timezone.localdate() + timedelta(days=30)).isoformat()
    for kind, due in ((Task.Kind.FOLLOW_UP, _yesterday()), (Task.Kind.REVIEW, future)):
        response = client.post(
            url,
            {"title": kind, "kind": kind, "due_on": due, "assignee": own_case.regisseur_id},
        )
        assert response.status_code == 302
    own_case.refresh_from_db()
    assert own_case.next_review_on.isoformat() == future


def test_service_needs_a_task_kind(personas, own_case: Case) -> None:
    assert inspect.signature(services.add_task).parameters["kind"].default is (
        inspect.Parameter.empty
    )
    with pytest.raises(ValidationError) as refused:
        services.add_task(
            actor=personas["regisseur_a"],
            case=own_case,
            title="Zonder soort",
            due_on=timezone.localdate(),
            assignee=personas["regisseur_a"],
            kind="",
        )
    assert refused.value.code == "kind"
    assert not Task.objects.filter(case=own_case).exists()


# --- dates that cannot lie ahead ---------------------------------------------------------------


def test_journal_date_cannot_be_in_the_future(login_as, personas, own_case: Case) -> None:
    category = JournalCategory.objects.all()[0]
    page = login_as("regisseur_a").get(reverse("cases:detail", args=[own_case.number]))
    # The date picker offers no later day; the server refuses one typed in.
    today = timezone.localdate().isoformat()
    assert re.search(rf'name="occurred_on"[^>]*max="{today}"', page.content.decode())
    response = login_as("regisseur_a").post(
        reverse("cases:journal_add", args=[own_case.number]),
        {
            "occurred_on": "2099-01-01",
            "category": category.pk,
            "text": "Huisbezoek.",
            "visibility": "regie",
        },
    )
    assert response.status_code == 400
    assert response.context["journal_form"].errors["occurred_on"] == [
        "De datum van een journaalpost kan niet in de toekomst liggen."
    ]
    assert not JournalEntry.objects.filter(case=own_case).exists()
    with pytest.raises(ValidationError) as refused:
        services.add_journal_entry(
            actor=personas["regisseur_a"],
            case=own_case,
            occurred_on=timezone.localdate() + timedelta(days=1),
            category=category,
            text="Morgen",
            visibility=Visibility.REGIE_TEAM,
        )
    assert refused.value.code == "occurred_on"
    entry = services.add_journal_entry(
        actor=personas["regisseur_a"],
        case=own_case,
        occurred_on=timezone.localdate(),
        category=category,
        text="Vandaag mag",
        visibility=Visibility.REGIE_TEAM,
    )
    with pytest.raises(ValidationError):
        services.update_journal_entry(
            actor=personas["regisseur_a"],
            entry=entry,
            expected_version=entry.version,
            occurred_on=timezone.localdate() + timedelta(days=1),
            category=category,
            text=entry.text,
            visibility=Visibility.REGIE_TEAM,
        )
    edit = login_as("regisseur_a").post(
        reverse("cases:journal_edit", args=[own_case.number, entry.pk]),
        {
            "occurred_on": _tomorrow(),
            "category": category.pk,
            "text": entry.text,
            "visibility": "regie",
            "version": entry.version,
        },
    )
    assert edit.status_code == 400
    assert edit.context["form"].errors["occurred_on"]
    assert JournalEntry.objects.get(pk=entry.pk).occurred_on == timezone.localdate()


def test_zrm_date_cannot_be_in_the_future(login_as, personas, own_case: Case) -> None:
    domain = LifeDomain.objects.all()[0]
    response = login_as("regisseur_a").post(
        reverse("cases:zrm_add", args=[own_case.number]),
        {"assessed_on": "2099-01-01", f"domain_{domain.pk}": "3"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["assessed_on"] == [
        "De datum van een ZRM-meting kan niet in de toekomst liggen."
    ]
    with pytest.raises(ValidationError) as refused:
        services.add_zrm(
            actor=personas["regisseur_a"],
            case=own_case,
            assessed_on=timezone.localdate() + timedelta(days=1),
            scores={domain: 3},
        )
    assert refused.value.code == "assessed_on"
    assert not ZrmAssessment.objects.filter(case=own_case).exists()


def test_contact_date_of_a_partner_cannot_be_in_the_future(
    login_as, personas, organisations, own_case: Case
) -> None:
    activate(own_case, organisations["noord"], ["phase", "journal"], personas["regisseur_a"])
    category = JournalCategory.objects.all()[0]
    response = login_as("partner_stadsdeel").post(
        reverse("partners:case", args=[own_case.number]),
        {"occurred_on": _tomorrow(), "category": category.pk, "text": "Gesprek in de wijk."},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["occurred_on"]
    with pytest.raises(ValidationError):
        partner_services.add_partner_journal_entry(
            actor=personas["partner_stadsdeel"],
            case=own_case,
            occurred_on=timezone.localdate() + timedelta(days=1),
            category=category,
            text="Morgen",
        )
    assert not JournalEntry.objects.filter(case=own_case).exists()


# --- the journal form, submitted untouched ------------------------------------------------------


def _untouched_inputs(form: str) -> dict[str, str]:
    """``_untouched`` plus every other input as a browser sends it untouched: text and date
    inputs with their value, checked radios and checkboxes only."""
    data = _untouched(form)
    for tag in re.findall(r"<input\b[^>]*>", form):
        attrs = dict(re.findall(r'(\w+)="([^"]*)"', tag))
        name = attrs.get("name")
        if not name or attrs.get("type") == "hidden":
            continue
        if attrs.get("type") in ("radio", "checkbox"):
            if re.search(r"\schecked\b", tag):
                data[name] = attrs.get("value", "on")
            continue
        data[name] = attrs.get("value", "")
    return data


def test_untouched_journal_form_saves_nothing(login_as, own_case: Case) -> None:
    client = login_as("regisseur_a")
    page = client.get(reverse("cases:detail", args=[own_case.number])).content.decode()
    url = reverse("cases:journal_add", args=[own_case.number])
    data = _untouched_inputs(_form(page, url))
    # The defaults a browser sends: today's date and "alleen regieteam", and no text.
    assert data["occurred_on"] == timezone.localdate().isoformat()
    assert data["visibility"] == Visibility.REGIE_TEAM
    response = client.post(url, data)
    assert response.status_code == 400
    assert response.context["journal_form"].errors["text"]
    assert not JournalEntry.objects.filter(case=own_case).exists()

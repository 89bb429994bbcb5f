"""Who sees a journal entry is one deliberate choice (issue 11.2): "alleen regieteam" or
"regieteam en gekozen partners" with the partners ticked under the second option. A
contradiction (partners ticked while "alleen regieteam" is chosen) is refused by the form and
by the service, never saved as something else; the confirmation says who will see the entry."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from regie.cases import services
from regie.cases.models import Case, JournalCategory, JournalEntry, Visibility
from regie.partners.models import Registration
from tests.partners.conftest import activate


@pytest.fixture
def partnered(own_case: Case, organisations, personas) -> Case:
    """``own_case`` with Stadsdeel Noord (partner_stadsdeel) as an active partner sharing the
    journal, and Buurtwerk's registration ended."""
    activate(own_case, organisations["noord"], ["phase", "journal"], personas["regisseur_a"])
    activate(
        own_case,
        organisations["buurtwerk"],
        ["phase", "journal"],
        personas["regisseur_a"],
        status=Registration.Status.ENDED,
    )
    return own_case


def _post(case: Case, **data: object) -> dict[str, object]:
    return {
        "occurred_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "category": JournalCategory.objects.all()[0].pk,
        "text": "Huisbezoek met de wijkagent.",
        **data,
    }


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


# --- the service -------------------------------------------------------------------------------


def test_service_refuses_partners_on_a_regie_team_entry(personas, organisations, partnered) -> None:
    with pytest.raises(ValidationError) as refused:
        services.add_journal_entry(
            actor=personas["regisseur_a"],
            case=partnered,
            occurred_on=timezone.localdate(),
            category=JournalCategory.objects.all()[0],
            text="Tegenstrijdig",
            visibility=Visibility.REGIE_TEAM,
            shared_with=[organisations["noord"]],
        )
    assert refused.value.code == "visibility"
    assert not JournalEntry.objects.filter(case=partnered).exists()


def test_service_refuses_the_contradiction_on_edit(personas, organisations, partnered) -> None:
    entry = services.add_journal_entry(
        actor=personas["regisseur_a"],
        case=partnered,
        occurred_on=timezone.localdate(),
        category=JournalCategory.objects.all()[0],
        text="Eerst gedeeld",
        visibility=Visibility.PARTNERS,
        shared_with=[organisations["noord"]],
    )
    with pytest.raises(ValidationError) as refused:
        services.update_journal_entry(
            actor=personas["regisseur_a"],
            entry=entry,
            expected_version=entry.version,
            occurred_on=entry.occurred_on,
            category=entry.category,
            text=entry.text,
            visibility=Visibility.REGIE_TEAM,
            shared_with=[organisations["noord"]],
        )
    assert refused.value.code == "visibility"
    stored = JournalEntry.objects.get(pk=entry.pk)
    assert stored.visibility == Visibility.PARTNERS
    assert list(stored.shared_with.all()) == [organisations["noord"]]


# --- the form on the case page -----------------------------------------------------------------


def test_one_control_says_who_sees_the_entry(login_as, partnered) -> None:
    """A radio group with the partners' checkboxes belonging to its second option."""
    html = login_as("regisseur_a").get(reverse("cases:detail", args=[partnered.number]))
    text = html.content.decode()
    form = re.search(
        r'<form[^>]*action="{}".*?</form>'.format(
            re.escape(reverse("cases:journal_add", args=[partnered.number]))
        ),
        text,
        re.S,
    )
    assert form is not None
    body = form.group(0)
    assert "<select" not in body.split('name="text"')[0].split('name="category"')[1]
    radios = re.findall(r'<input type="radio" name="visibility" value="(\w+)"', body)
    assert radios == ["regie", "partners"]
    assert "Alleen regieteam" in body
    assert "Regieteam en gekozen partners" in body
    # The partners are a group inside the second option, after its radio button.
    partners_radio = body.index('value="partners"')
    checkbox = body.index('name="shared_with"')
    assert checkbox > partners_radio
    assert re.search(r"<fieldset[^>]*>\s*<legend[^>]*>[^<]*Zichtbaar voor", body)
    assert "Stadsdeel Noord" in body
    assert "Buurtwerk" not in body  # ended registration: not offered


def test_contradiction_is_refused_with_the_error_at_the_field(
    login_as, organisations, partnered
) -> None:
    client = login_as("regisseur_a")
    response = client.post(
        reverse("cases:journal_add", args=[partnered.number]),
        _post(partnered, visibility="regie", shared_with=[organisations["noord"].pk]),
    )
    assert response.status_code == 400
    assert not JournalEntry.objects.filter(case=partnered).exists()
    form = response.context["journal_form"]
    assert "visibility" in form.errors
    html = response.content.decode()
    assert "Kies &#x27;Regieteam en gekozen partners&#x27;" in html or (
        "Kies 'Regieteam en gekozen partners'" in html
    )
    # The error sits in the group and the radios point at it.
    assert 'aria-describedby="id_visibility_error"' in html
    assert 'id="id_visibility_error"' in html
    # The choice the user made is kept: the partner stays ticked for a second try.
    assert re.search(r'value="{}"[^>]*checked'.format(organisations["noord"].pk), html)

    # The other contradiction: "with chosen partners" and none chosen, at the partners.
    response = client.post(
        reverse("cases:journal_add", args=[partnered.number]),
        _post(partnered, visibility="partners"),
    )
    assert response.status_code == 400
    assert "shared_with" in response.context["journal_form"].errors
    assert 'id="id_shared_with_error"' in response.content.decode()
    assert not JournalEntry.objects.filter(case=partnered).exists()


def test_sharing_confirms_who_sees_it_and_the_partner_does(
    login_as, organisations, partnered
) -> None:
    response = login_as("regisseur_a").post(
        reverse("cases:journal_add", args=[partnered.number]),
        _post(partnered, visibility="partners", shared_with=[organisations["noord"].pk]),
        follow=True,
    )
    assert "Journaalpost toegevoegd. Zichtbaar voor het regieteam en Stadsdeel Noord." in (
        _messages(response)
    )
    entry = JournalEntry.objects.get(case=partnered)
    assert entry.visibility == Visibility.PARTNERS
    assert list(entry.shared_with.all()) == [organisations["noord"]]
    partner_page = login_as("partner_stadsdeel").get(
        reverse("partners:case", args=[partnered.number])
    )
    assert "Huisbezoek met de wijkagent." in partner_page.content.decode()


def test_regie_team_entry_confirms_it_stays_in_the_team(login_as, partnered) -> None:
    response = login_as("regisseur_a").post(
        reverse("cases:journal_add", args=[partnered.number]),
        _post(partnered, visibility="regie"),
        follow=True,
    )
    assert "Journaalpost toegevoegd. Alleen zichtbaar voor het regieteam." in _messages(response)
    partner_page = login_as("partner_stadsdeel").get(
        reverse("partners:case", args=[partnered.number])
    )
    assert "Huisbezoek met de wijkagent." not in partner_page.content.decode()


def test_case_without_partners_offers_only_the_regie_team(login_as, own_case) -> None:
    html = login_as("regisseur_a").get(reverse("cases:detail", args=[own_case.number]))
    text = html.content.decode()
    assert re.findall(r'<input type="radio" name="visibility" value="(\w+)"', text) == ["regie"]
    assert 'name="shared_with"' not in text
    assert "geen actieve interventiepartners" in text


# --- the edit form: the same control, the same rules ------------------------------------------


def test_edit_form_has_the_same_control_and_refuses_the_contradiction(
    login_as, personas, organisations, partnered
) -> None:
    entry = services.add_journal_entry(
        actor=personas["regisseur_a"],
        case=partnered,
        occurred_on=timezone.localdate(),
        category=JournalCategory.objects.all()[0],
        text="Gedeeld",
        visibility=Visibility.PARTNERS,
        shared_with=[organisations["noord"]],
    )
    url = reverse("cases:journal_edit", args=[partnered.number, entry.pk])
    client = login_as("regisseur_a")
    page = client.get(url).content.decode()
    assert re.findall(r'<input type="radio" name="visibility" value="(\w+)"', page) == [
        "regie",
        "partners",
    ]
    assert re.search(r'value="partners"[^>]*checked', page)
    response = client.post(
        url,
        _post(
            partnered,
            visibility="regie",
            shared_with=[organisations["noord"].pk],
            version=entry.version,
        ),
    )
    assert response.status_code == 400
    assert "visibility" in response.context["form"].errors
    assert 'id="id_visibility_error"' in response.content.decode()
    stored = JournalEntry.objects.get(pk=entry.pk)
    assert stored.visibility == Visibility.PARTNERS
    response = client.post(
        url, _post(partnered, visibility="regie", version=entry.version), follow=True
    )
    assert "Journaalpost opgeslagen. Alleen zichtbaar voor het regieteam." in _messages(response)
    stored = JournalEntry.objects.get(pk=entry.pk)
    assert stored.visibility == Visibility.REGIE_TEAM
    assert not stored.shared_with.exists()

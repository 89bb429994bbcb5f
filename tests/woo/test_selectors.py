"""What the installation knows reaches the pipeline through the selectors: the persons it
knows by name, its organisations and teams (protected), and the active term lists."""

from __future__ import annotations

import datetime

import pytest

from regie.accounts.models import User
from regie.cases.models import Person
from regie.meetings.models import Action, ActionOwner, Attendee, Meeting, MeetingSeries, SubAction
from regie.organisations.models import Organisation, Team
from regie.woo import selectors
from regie.woo.models import Ground, Term


@pytest.mark.django_db
def test_known_names_come_from_users_persons_attendees_and_owners(personas) -> None:
    User.objects.create(username="kdv", first_name="Karel", last_name="de  Vos")
    area = Organisation.objects.first()
    assert area is not None
    Person.objects.create(
        first_name="Mila",
        last_name="Oosterveld",
        date_of_birth=datetime.date(2001, 1, 2),
        area=area,
    )
    series = MeetingSeries.objects.create(name="Overleg", team=Team.objects.all()[0])
    meeting = Meeting.objects.create(series=series, date=datetime.date(2026, 1, 5))
    Attendee.objects.create(meeting=meeting, name="Gerda Gast", kind=Attendee.Kind.GUEST)
    action = Action.objects.create(series=series, raised_on=meeting.date, subject="Bellen")
    subaction = SubAction.objects.create(action=action, description="Bellen")
    ActionOwner.objects.create(subaction=subaction, name="Otto Extern")
    names = selectors.known_names()
    for name in ("Karel de Vos", "Mila Oosterveld", "Gerda Gast", "Otto Extern"):
        assert name in names
    assert len(names) == len(set(names))
    assert all(name == " ".join(name.split()) and name for name in names)


@pytest.mark.django_db
def test_organisations_and_teams_are_protected(personas) -> None:
    protected = selectors.protected_terms()
    assert "Regisseurspool" in protected
    assert set(Organisation.objects.values_list("name", flat=True)) <= set(protected)


@pytest.mark.django_db
def test_only_active_terms_of_active_grounds() -> None:
    security = Ground.objects.get(code="5.1.2.h")
    Term.objects.create(ground=security, text="Team Alfa")
    Term.objects.create(ground=security, text="Team Bravo", is_active=False)
    inactive = Ground.objects.get(code="5.1.2.g")
    inactive.is_active = False
    inactive.save()
    Term.objects.create(ground=inactive, text="Gifdump")
    assert selectors.terms() == (("Team Alfa", "5.1.2.h"),)
    lexicon = selectors.lexicon(with_deduce=False)
    assert lexicon.cache_dir is None
    assert lexicon.terms == (("Team Alfa", "5.1.2.h"),)

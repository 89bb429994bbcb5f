"""Issue 11 point 7: what the pages, forms and documents show: the long form in text and
``dd-mm-jjjj`` in tables and forms, in Dutch and in English."""

from __future__ import annotations

import re
from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from regie.cases.models import Case, TimelineEvent
from regie.meetings.minutes.forms import TransferForm
from regie.meetings.models import Meeting, MeetingSeries


def test_case_page_long_form_in_text_short_in_the_zrm_table(login_as, own_case: Case) -> None:
    person = own_case.person
    person.date_of_birth = date(2002, 7, 24)
    person.save()
    review = timezone.localdate() + timedelta(days=30)
    Case.objects.filter(pk=own_case.pk).update(next_review_on=review)
    TimelineEvent.objects.create(
        case=own_case, kind=TimelineEvent.Kind.CREATED, at=timezone.now(), summary="Test"
    )
    client = login_as("regisseur_a")
    page = client.get(reverse("cases:detail", args=[own_case.number])).content.decode()
    assert "<dd>24 juli 2002</dd>" in page
    assert "2002-07-24" not in re.sub(r'(datetime|value)="[^"]*"', "", page)
    months = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ]
    # the timeline: "3 december 2026 08:05", never "3 Dec 08:05"
    times = re.findall(r'<time datetime="[^"]+T[^"]+">([^<]+)</time>', page)
    assert times
    for shown in times:
        _day, month, year, clock = shown.split()
        assert month in months
        assert len(year) == 4
        assert re.fullmatch(r"\d\d:\d\d", clock)
    # in English the same order: day, month, year
    client.post(reverse("set_language"), {"language": "en"})
    page = client.get(reverse("cases:detail", args=[own_case.number])).content.decode()
    assert "<dd>24 July 2002</dd>" in page
    assert "July 24, 2002" not in page


def test_case_tables_show_dd_mm_yyyy(login_as, own_case: Case) -> None:
    review = timezone.localdate() + timedelta(days=30)
    Case.objects.filter(pk=own_case.pk).update(next_review_on=review)
    page = login_as("regisseur_a").get(reverse("cases:caseload")).content.decode()
    assert f'<span class="">{review:%d-%m-%Y}</span>' in page


def test_forms_show_dd_mm_yyyy(db) -> None:
    from regie.organisations.models import Organisation, Team

    organisation = Organisation.objects.create(name="Gemeente", kind="gemeente")
    team = Team.objects.create(name="Team", kind="programmateam", organisation=organisation)
    series = MeetingSeries.objects.create(name="Overleg", team=team)
    meeting = Meeting.objects.create(series=series, date=date(2021, 6, 15))
    form = TransferForm(targets=[meeting], prefix="t")
    assert f'<option value="{meeting.pk}">15-06-2021</option>' in str(form["target"])

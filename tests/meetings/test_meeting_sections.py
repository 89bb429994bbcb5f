"""Issue 11.5: the meeting page opens one form at a time. A GET on a form's URL opens it (htmx:
the section as a fragment; without JavaScript: a page of its own), an error comes back in the
section with the focus on the faulty field and its message referenced by aria-describedby, and
the attendance of everyone is saved in one form."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from regie.accounts.models import User
from regie.audit.models import AuditEvent
from regie.meetings import services
from regie.meetings.models import AgendaItem, Attendee, Meeting

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def item(meeting: Meeting, secretary: User) -> AgendaItem:
    return services.add_item(meeting, actor=secretary, title="Casuïstiek")


@pytest.fixture
def client(login_as: Callable[[str], Client]) -> Client:
    return login_as("secretaris")


def _tag(html: str, name: str) -> str:
    """The opening tag of the form field called ``name``."""
    found = re.search(rf'<(?:input|select|textarea)[^>]*name="{re.escape(name)}"[^>]*>', html)
    assert found, name
    return found.group(0)


def test_the_page_renders_no_edit_form_but_links_that_open_one(
    client: Client, meeting: Meeting, item: AgendaItem
) -> None:
    page = client.get(reverse("meetings:meeting", args=[meeting.pk])).content.decode()
    for url in (
        reverse("meetings:point_add", args=[item.pk]),
        reverse("meetings:decision_add", args=[item.pk]),
        reverse("meetings:item_edit", args=[item.pk]),
        reverse("meetings:item_add", args=[meeting.pk]),
        reverse("meetings:meeting_edit", args=[meeting.pk]),
        reverse("meetings:attendance", args=[meeting.pk]),
        reverse("meetings:invite", args=[meeting.pk]),
    ):
        assert f'action="{url}"' not in page, url
        assert f'href="{url}" hx-get="{url}"' in page, url
    assert "<textarea" not in page
    assert page.count("<select") == 0


def test_a_form_opens_as_a_fragment_with_htmx_and_as_a_page_without(
    client: Client, item: AgendaItem
) -> None:
    url = reverse("meetings:point_add", args=[item.pk])
    fragment = client.get(url, headers=HTMX)
    assert fragment.status_code == 200
    html = fragment.content.decode()
    assert "<html" not in html
    assert f'id="agendapunt-{item.pk}-notulen"' in html
    assert f'hx-post="{url}"' in html
    assert "autofocus" in _tag(html, f"point{item.pk}-speaker")
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<html" in html
    assert f'action="{url}"' in html
    assert "hx-post" not in html  # its own page posts as a plain form


@pytest.mark.parametrize("htmx", [False, True], ids=["without-js", "htmx"])
def test_an_error_returns_to_the_field_with_focus_and_its_message(
    client: Client, item: AgendaItem, htmx: bool
) -> None:
    url = reverse("meetings:point_add", args=[item.pk])
    response = client.post(url, {f"point{item.pk}-text": ""}, headers=HTMX if htmx else None)
    # htmx swaps only 2xx answers: the same section, in place.
    assert response.status_code == (200 if htmx else 400)
    html = response.content.decode()
    tag = _tag(html, f"point{item.pk}-text")
    assert "autofocus" in tag
    assert 'aria-invalid="true"' in tag
    described = re.search(r'aria-describedby="([^"]+)"', tag)
    assert described is not None
    error_id = next(i for i in described.group(1).split() if i.endswith("_error"))
    assert re.search(rf'id="{error_id}"[^>]*>.*?\S', html, re.S)
    # Only the faulty field has the focus.
    assert html.count("autofocus") == 1
    assert not item.points.exists()


def test_a_saved_form_closes_its_section_and_says_so(client: Client, item: AgendaItem) -> None:
    url = reverse("meetings:point_add", args=[item.pk])
    response = client.post(url, {f"point{item.pk}-text": "Besproken."}, headers=HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="status"' in html
    assert "Punt toegevoegd." in html
    assert "Besproken." in html
    assert f'action="{url}"' not in html  # closed again
    assert item.points.get().text == "Besproken."
    # Without JavaScript: back to the meeting page at the item.
    plain = client.post(url, {f"point{item.pk}-text": "Nog een."})
    assert plain.status_code == 302
    assert plain["Location"].endswith(f"#agendapunt-{item.pk}")


def _rows(meeting: Meeting) -> list[Attendee]:
    return list(meeting.attendees.order_by("position", "id"))


def test_attendance_of_everyone_in_one_save(
    client: Client, meeting: Meeting, secretary: User
) -> None:
    url = reverse("meetings:attendance", args=[meeting.pk])
    form = client.get(url, headers=HTMX).content.decode()
    rows = _rows(meeting)
    for row in rows:  # a row per person
        assert f'name="att{row.pk}-presence"' in form
    assert form.count('type="submit"') - form.count('form="deelnemer-verwijderen"') == 1
    data = {f"att{row.pk}-presence": "present" for row in rows}
    data[f"att{rows[0].pk}-presence"] = "absent"
    data[f"att{rows[0].pk}-absence_reason"] = "afgemeld"
    data[f"att{rows[1].pk}-presence"] = "also_present"
    before = AuditEvent.objects.filter(action="meetings.attendee.presence").count()
    response = client.post(url, data, headers=HTMX)
    assert response.status_code == 200
    assert 'role="status"' in response.content.decode()
    saved = {a.pk: (a.presence, a.absence_reason) for a in _rows(meeting)}
    assert saved[rows[0].pk] == ("absent", "afgemeld")
    assert saved[rows[1].pk] == ("also_present", "")
    assert all(saved[r.pk] == ("present", "") for r in rows[2:])
    # One save, one audit event.
    assert AuditEvent.objects.filter(action="meetings.attendee.presence").count() == before + 1


def test_attendance_with_an_error_saves_nothing_and_focuses_the_row(
    client: Client, meeting: Meeting
) -> None:
    url = reverse("meetings:attendance", args=[meeting.pk])
    rows = _rows(meeting)
    data = {f"att{row.pk}-presence": "absent" for row in rows}
    data[f"att{rows[2].pk}-presence"] = "sleeping"
    response = client.post(url, data)
    assert response.status_code == 400
    html = response.content.decode()
    tag = _tag(html, f"att{rows[2].pk}-presence")
    assert "autofocus" in tag
    assert f"att{rows[2].pk}-presence_error" in tag
    assert f'id="id_att{rows[2].pk}-presence_error"' in html
    assert not meeting.attendees.filter(presence="absent").exists()


def test_an_item_section_edit_reads_only_its_item(
    client: Client,
    meeting: Meeting,
    item: AgendaItem,
    secretary: User,
    django_assert_max_num_queries: Any,
) -> None:
    """An edit answers with its own section, not the whole meeting: its queries do not grow
    with the rest of the agenda."""
    for n in range(8):
        other = services.add_item(meeting, actor=secretary, title=f"Punt {n}")
        for _ in range(3):
            services.add_point(other, actor=secretary, text="Besproken.")
    url = reverse("meetings:point_add", args=[item.pk])
    with django_assert_max_num_queries(40):
        response = client.post(url, {f"point{item.pk}-text": "Snel."}, headers=HTMX)
    assert response.status_code == 200
    assert "Punt 3" not in response.content.decode()

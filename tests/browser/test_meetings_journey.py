"""The meeting cycle end to end, as the secretary of the programme team does it in the browser.

She creates a meeting of the "iPGA-R Teamoverleg" from the standing agenda, records who was
there (one member sent apologies, a district project leader came as a guest), adds an item,
writes the minutes with two decisions, puts three actions on the actielijst and downloads the
PDF. She sends the minutes for adoption, creates the next meeting (which lists the minutes to
adopt and the open actions under "Vaststellen verslag") and records the adoption there. A case
director then marks his action done from "Mijn acties".

Every page is checked with axe; screenshots, the PDF and a PNG of its first page go to
test-results/ (or $REGIE_TEST_RESULTS).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from regie.accounts.models import Membership, Role
from regie.meetings.models import (
    Action,
    Attendee,
    Decision,
    Meeting,
    MeetingSeries,
    MinutePoint,
    MinutesAdoption,
    SubAction,
)
from regie.organisations.models import Team

from .conftest import Journey
from .test_login_journey import Account, log_in, make_account, nl, path_of, submit

pytestmark = pytest.mark.browser

SERIES = "iPGA-R Teamoverleg"
STANDING = [
    "Agenda en mededelingen",
    "Vaststellen verslag vorige vergadering + actualiseren actielijst",
    "WVTTK en sluiting",
]
ITEM = "Werkwijze aandachtsfunctionarissen"
POINTS = [
    ("Youssef Amrani", "Licht toe hoe de aandachtsfunctionarissen op scholen signalen melden."),
    ("Priya Ramdin", "Stadsdeel Noord wil de werkinstructie graag vooraf zien."),
]
DECISIONS = [
    ("Agenda en mededelingen", "De agenda wordt ongewijzigd vastgesteld."),
    (ITEM, "Het team stelt de werkwijze voor aandachtsfunctionarissen vast."),
]
# (subject, sub-actions as (description, owners by name, other owners, due text))
ACTIONS: list[tuple[str, list[tuple[str, list[str], str, str]]]] = [
    (
        "Werkinstructie aandachtsfunctionarissen",
        [
            ("Werkinstructie opstellen", ["Youssef Amrani"], "", "z.s.m."),
            ("Werkinstructie voorleggen aan Stadsdeel Noord", [], "Priya Ramdin", "eind 2026"),
        ],
    ),
    (
        "Training radicalisering",
        [
            (
                "Training plannen voor het hele team",
                ["Marieke van Dalen"],
                "",
                "voor de zomervakantie",
            )
        ],
    ),
    (
        "Evaluatie convenant",
        [("Evaluatie voorbereiden", ["Sanne de Vries", "Noor Bakker"], "", "Q3 2027")],
    ),
]
DONE_BY_OWNER = "Werkinstructie opstellen"


# --- Helpers ----------------------------------------------------------------------------------


def click(page: Page, locator: Locator) -> None:
    """Follow a link or submit a form by its button, and wait for the page it leads to."""
    with page.expect_navigation():
        locator.click()


def main_link(page: Page, href: str) -> Locator:
    return page.locator(f"main a[href='{href}']").first


def squash(text: str) -> str:
    """pdftotext breaks lines at will: compare single-spaced text."""
    return re.sub(r"\s+", " ", text.replace("\u00ad", "")).strip()


def agenda_item(page: Page, title: str) -> Locator:
    heading = page.get_by_role("heading", level=3, name=re.compile(rf"^\d+\. {re.escape(title)}$"))
    return page.locator("article.regie-agenda-item", has=heading)


def attendance_row(page: Page, name: str) -> Locator:
    return page.locator(
        "main table tr", has=page.get_by_role("rowheader", name=re.compile(rf"^{re.escape(name)}"))
    ).first


def record_attendance(
    page: Page,
    rows: dict[str, tuple[str, str]],
    journey: Journey,
    screenshot: str | None = None,
) -> None:
    """Open the attendance form (one row per person), set the rows and save them at once; the
    section swaps in place through htmx and says so."""
    section = page.locator("#sectie-aanwezigheid")
    section.get_by_role("link", name=nl("Record attendance")).click()
    expect(section.locator("select[name$='-presence']").first).to_be_focused()
    for name, (presence, reason) in rows.items():
        row = attendance_row(page, name)
        row.locator("select[name$='-presence']").select_option(presence)
        # The reason box only while "absent" is chosen (finding 23).
        reason_box = row.locator(".regie-absence-reason")
        if presence == Attendee.Presence.ABSENT:
            expect(reason_box).to_be_visible()
            row.locator("input[name$='-absence_reason']").fill(reason)
        else:
            expect(reason_box).to_be_hidden()
    if screenshot:
        journey.check(page, screenshot=screenshot)
    section.get_by_role("button", name=nl("Save attendance"), exact=True).click()
    expect(page.locator("#sectie-aanwezigheid [role=status]")).to_contain_text(
        nl("Attendance saved (%(count)s changed).", count=len(rows))
    )


def pdf_tool(name: str) -> str | None:
    exe = shutil.which(name)
    if exe is None and os.environ.get("REGIE_REQUIRE_PDFTOTEXT") == "1":
        pytest.fail(f"{name} (poppler-utils) is required but not installed", pytrace=False)
    return exe


def make_member(
    username: str, role: str, team: Team, first_name: str, last_name: str, **kwargs: Any
) -> Account:
    account = make_account(username, role, first_name=first_name, last_name=last_name, **kwargs)
    Membership.objects.filter(user=account.user, role=role).update(team=team)
    return account


# --- The journey ------------------------------------------------------------------------------


def test_meetings_journey(live_server: Any, journey: Journey) -> None:
    today = timezone.localdate()
    # The meeting was four weeks ago; the next one, where its minutes are adopted, is today.
    first_date = today - dt.timedelta(days=28)
    next_date = today

    secretary = make_account(
        "secretaris", Role.SECRETARIS, first_name="Sanne", last_name="de Vries"
    )
    amsterdam = secretary.organisation
    programme = Team.objects.create(
        name="Programmateam", kind=Team.Kind.PROGRAMMATEAM, organisation=amsterdam
    )
    pool = Team.objects.create(
        name="Regisseurspool", kind=Team.Kind.REGISSEURSPOOL, organisation=amsterdam
    )
    Membership.objects.filter(user=secretary.user).update(team=programme)
    make_member("teamleider", Role.TEAMLEIDER, programme, "Marieke", "van Dalen")
    director = make_member("regisseur1", Role.REGISSEUR, pool, "Youssef", "Amrani")
    make_member("regisseur2", Role.REGISSEUR, pool, "Noor", "Bakker", with_device=False)
    make_account(
        "projectleider-noord",
        Role.PROJECTLEIDER,
        first_name="Priya",
        last_name="Ramdin",
        organisation_name="Stadsdeel Noord",
        with_device=False,
    )
    series = MeetingSeries.objects.create(name=SERIES, team=programme, default_location="Stadhuis")
    series.other_teams.add(pool)

    page = journey.new_page()
    log_in(journey, page, secretary)
    journey.check(page)

    # --- 1. Overleggen → the series → "Nieuwe vergadering" ------------------------------------
    click(page, page.locator(f"nav a[href='{reverse('meetings:index')}']"))
    journey.check(page, screenshot="meetings-journey-index")
    click(page, main_link(page, reverse("meetings:series", args=[series.pk])))
    journey.check(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(SERIES)
    click(page, main_link(page, reverse("meetings:meeting_create", args=[series.pk])))
    journey.check(page, screenshot="meetings-journey-new-meeting")
    expect(page.locator("input[name=location]")).to_have_value("Stadhuis")
    page.locator("input[name=date]").fill(first_date.isoformat())
    page.locator("input[name=start_time]").fill("09:30")
    page.locator("input[name=end_time]").fill("11:00")
    page.locator("select[name=chair]").select_option(label="Marieke van Dalen")
    page.locator("select[name=minute_taker]").select_option(label="Sanne de Vries")
    assert submit(page).ok

    meeting = Meeting.objects.get(series=series, date=first_date)
    meeting_url = reverse("meetings:meeting", args=[meeting.pk])
    assert path_of(page) == meeting_url, page.url
    journey.check(page)
    expect(page.locator("main [role=status]").first).to_contain_text(
        nl("Meeting created from the standing agenda.")
    )
    titles = page.locator("article.regie-agenda-item h3").all_inner_texts()
    assert [t.strip() for t in titles] == [f"{n}. {t}" for n, t in enumerate(STANDING, 1)], titles

    # --- 2. Attendance: everyone in one form, one save (issue 11.5) -----------------------------
    # The page renders no edit form: each section opens one at a time.
    expect(
        page.locator("main form[action$='/punt/'], main form[action$='/besluit/']")
    ).to_have_count(0)
    record_attendance(
        page,
        {
            "Sanne de Vries": (Attendee.Presence.PRESENT, ""),
            "Marieke van Dalen": (Attendee.Presence.PRESENT, ""),
            "Youssef Amrani": (Attendee.Presence.PRESENT, ""),
            "Noor Bakker": (Attendee.Presence.ABSENT, "afgemeld"),
        },
        journey,
        screenshot="meetings-journey-attendance-form",
    )

    attendance = page.locator("#sectie-aanwezigheid")
    attendance.get_by_role("link", name=nl("Invite someone")).click()
    invite = page.locator(f"form[action='{reverse('meetings:invite', args=[meeting.pk])}']")
    expect(invite.locator("select[name=invite-user]")).to_be_focused()
    invite.locator("select[name=invite-user]").select_option(label="Priya Ramdin")
    invite.locator("input[name=invite-organisation_name]").fill("Stadsdeel Noord")
    invite.locator("input[name=invite-role_title]").fill("Projectleider")
    invite.locator("select[name=invite-kind]").select_option(Attendee.Kind.GUEST)
    invite.locator("button[type=submit]").click()
    expect(page.locator("#sectie-aanwezigheid [role=status]")).to_have_text(nl("Invited."))
    journey.check(page)
    record_attendance(page, {"Priya Ramdin": (Attendee.Presence.ALSO_PRESENT, "")}, journey)

    page.reload()
    journey.check(page)
    facts = page.locator("main dl.regie-attendance")
    present = facts.locator("dd").nth(0).inner_text().split(", ")
    assert sorted(present) == ["Marieke van Dalen", "Sanne de Vries", "Youssef Amrani"], present
    expect(facts.locator("dd").nth(1)).to_have_text("Noor Bakker (afgemeld)")
    expect(facts.locator("dd").nth(2)).to_have_text("Priya Ramdin (Projectleider, Stadsdeel Noord)")

    # --- An agenda item, points with a speaker, two decisions ---------------------------------
    page.locator("#sectie-nieuw-agendapunt").get_by_role("link", name=nl("New agenda item")).click()
    new_item = page.locator(f"form[action='{reverse('meetings:item_add', args=[meeting.pk])}']")
    expect(new_item.locator("input[name=newitem-title]")).to_be_focused()
    new_item.locator("input[name=newitem-title]").fill(ITEM)
    new_item.locator("input[name=newitem-presenter]").fill("Youssef Amrani")
    new_item.locator("input[name=newitem-duration_minutes]").fill("20")
    new_item.locator("select[name=newitem-kind]").select_option("decision")
    click(page, new_item.locator("button[type=submit]"))
    journey.check(page)
    titles = [t.strip() for t in page.locator("article.regie-agenda-item h3").all_inner_texts()]
    assert titles == [
        f"1. {STANDING[0]}",
        f"2. {STANDING[1]}",
        f"3. {ITEM}",
        f"4. {STANDING[2]}",
    ], titles

    # An error brings the focus back to the faulty field, which names its message.
    item = agenda_item(page, ITEM)
    item.get_by_role("link", name=re.compile(rf"^{re.escape(nl('Add a point'))}")).click()
    form = item.locator("form[action$='/punt/']")
    expect(form.locator("select[name$='-speaker']")).to_be_focused()
    form.locator("button[type=submit]").click()
    text_box = agenda_item(page, ITEM).locator("textarea[name$='-text']")
    expect(text_box).to_be_focused()
    expect(text_box).to_have_attribute("aria-invalid", "true")
    described = text_box.get_attribute("aria-describedby") or ""
    assert any(i.endswith("_error") for i in described.split()), described
    error_id = next(i for i in described.split() if i.endswith("_error"))
    expect(page.locator(f"#{error_id}")).to_be_visible()
    journey.check(page, screenshot="meetings-journey-point-error")

    for number, (speaker, text) in enumerate(POINTS):
        item = agenda_item(page, ITEM)
        if number:  # the first time, the form is still open after the error
            item.get_by_role("link", name=re.compile(rf"^{re.escape(nl('Add a point'))}")).click()
        form = item.locator("form[action$='/punt/']")
        form.locator("select[name$='-speaker']").select_option(label=speaker)
        form.locator("textarea[name$='-text']").fill(text)
        form.locator("button[type=submit]").click()
        expect(agenda_item(page, ITEM).locator("[role=status]")).to_have_text(nl("Point added."))
        journey.check(page)
        expect(agenda_item(page, ITEM).locator(".regie-points")).to_contain_text(
            f"{speaker}: {text}"
        )

    for title, text in DECISIONS:
        item = agenda_item(page, title)
        item.get_by_role("link", name=re.compile(rf"^{re.escape(nl('Record a decision'))}")).click()
        form = item.locator("form[action$='/besluit/']")
        expect(form.locator("textarea[name$='-text']")).to_be_focused()
        form.locator("textarea[name$='-text']").fill(text)
        form.locator("button[type=submit]").click()
        expect(agenda_item(page, title).locator(".regie-decision")).to_contain_text(text)
        journey.check(page)
    assert Decision.objects.filter(meeting=meeting).count() == 2
    assert MinutePoint.objects.filter(item__meeting=meeting).count() == 2

    # --- Three actions on the actielijst ------------------------------------------------------
    actions_url = reverse("meetings:actions", args=[series.pk])
    click(page, page.locator(f"main nav a[href='{actions_url}']"))
    journey.check(page)
    expect(page.locator("main .regie-empty")).to_have_text(nl("No open actions."))
    for subject, subs in ACTIONS:
        click(page, main_link(page, reverse("meetings:action_add", args=[series.pk])))
        journey.check(page)
        page.locator("input[name=subject]").fill(subject)
        page.locator("select[name=meeting]").select_option(label=f"{first_date:%d-%m-%Y}")
        for number, (description, owners, other, due) in enumerate(subs):
            fieldset = page.locator("main form > fieldset").nth(number)
            fieldset.locator(f"textarea[name='sub-{number}-description']").fill(description)
            for owner in owners:
                fieldset.get_by_label(owner, exact=True).check()
            if other:
                fieldset.locator(f"input[name='sub-{number}-other_owners']").fill(other)
            fieldset.locator(f"input[name='sub-{number}-due_text']").fill(due)
        assert submit(page).ok
        assert path_of(page) == actions_url, page.url
        journey.check(page)
        expect(page.locator("main")).to_contain_text(subject)

    table = page.locator("main table.regie-actions")
    expect(table.locator("tbody")).to_have_count(3)
    for subject, subs in ACTIONS:
        group = table.locator("tbody", has=page.get_by_role("rowheader", name=subject))
        expect(group.locator("tr")).to_have_count(len(subs))
        for description, owners, other, due in subs:
            row = group.locator("tr", has_text=description)
            expect(row).to_contain_text(due)
            for owner in [*owners, *([other] if other else [])]:
                expect(row).to_contain_text(owner)
    # z.s.m. from four weeks ago has passed: highlighted, not only by colour.
    overdue = table.locator("tr.regie-row-overdue")
    expect(overdue).to_have_count(1)
    expect(overdue).to_contain_text(DONE_BY_OWNER)
    expect(overdue.locator(".regie-overdue")).to_have_text(nl("overdue"))
    journey.check(page, screenshot="meetings-journey-actielijst")
    assert Action.objects.filter(series=series, raised_at=meeting).count() == 3

    # --- The meeting page, the PDF -------------------------------------------------------------
    click(page, page.locator(f"main nav a[href='{reverse('meetings:series', args=[series.pk])}']"))
    journey.check(page)
    click(page, main_link(page, meeting_url))
    journey.check(page, screenshot="meetings-journey-meeting")

    with page.expect_download() as download_info:
        main_link(page, reverse("meetings:export_pdf", args=[meeting.pk])).click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf"), download.suggested_filename
    pdf_path = journey.results_dir / "meetings-journey-minutes.pdf"
    download.save_as(pdf_path)
    assert pdf_path.read_bytes().startswith(b"%PDF-")
    check_pdf(pdf_path, journey.results_dir)

    # --- 4. Ter vaststelling; the next meeting adopts the minutes ------------------------------
    submit_url = reverse("meetings:submit", args=[meeting.pk])
    click(page, page.locator(f"main form[action='{submit_url}'] button[type=submit]"))
    journey.check(page)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.SUBMITTED
    expect(page.locator("main [role=status]").first).to_contain_text(
        nl("The minutes were sent to the attendees for adoption at the next meeting.")
    )

    click(page, main_link(page, reverse("meetings:series", args=[series.pk])))
    journey.check(page)
    click(page, main_link(page, reverse("meetings:meeting_create", args=[series.pk])))
    journey.check(page)
    page.locator("input[name=date]").fill(next_date.isoformat())
    page.locator("input[name=start_time]").fill("09:30")
    page.locator("select[name=chair]").select_option(label="Marieke van Dalen")
    assert submit(page).ok
    following = Meeting.objects.get(series=series, date=next_date)
    following_url = reverse("meetings:meeting", args=[following.pk])
    assert path_of(page) == following_url, page.url
    journey.check(page)

    minutes_item = agenda_item(page, STANDING[1])
    previous = minutes_item.locator("#vorig-verslag")
    # "The minutes of <date> are up for adoption", linking to them, with the adoption form.
    expect(previous.locator(f"a[href='{meeting_url}']").first).to_be_visible()
    rolled = previous.locator("table")
    for subject, subs in ACTIONS:
        expect(rolled.get_by_role("rowheader", name=subject)).to_be_visible()
        for description, *_ in subs:
            expect(rolled).to_contain_text(description)
    journey.check(page, screenshot="meetings-journey-next-meeting")

    adopt = previous.locator(
        f"form[action='{reverse('meetings:adopt', args=[following.pk, meeting.pk])}']"
    )
    for outcome in MinutesAdoption.Outcome:
        # Each choice readable on one line (the radio wrapper once squeezed them to 24px).
        choice = adopt.locator("label", has=page.locator(f"input[value='{outcome.value}']"))
        expect(choice).to_have_text(nl(str(outcome.label)))
        box = choice.bounding_box()
        assert box is not None
        assert box["width"] > 60, (outcome, box)
        assert box["height"] < 40, (outcome, box)
    # The checked choice shows its dot (finding 24): look at this one.
    adopt.get_by_label(nl("adopted with changes"), exact=True).check()
    adopt.screenshot(path=str(journey.results_dir / "meetings-journey-adoption-form.png"))
    adopt.get_by_label(nl("adopted"), exact=True).check()
    click(page, adopt.locator("button[type=submit]"))
    journey.check(page)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.ADOPTED
    assert MinutesAdoption.objects.get(minutes_of=meeting).at_meeting == following
    expect(agenda_item(page, STANDING[1]).locator("#vorig-verslag")).to_contain_text(
        f": {nl('adopted')}."
    )
    expect(page.locator("#vorig-verslag form[action*='/vaststellen/']")).to_have_count(0)

    click(page, agenda_item(page, STANDING[1]).locator(f"a[href='{meeting_url}']").first)
    journey.check(page, screenshot="meetings-journey-adopted")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Vastgesteld verslag {SERIES}")
    # Adopted minutes are locked: no forms to change points or decisions any more.
    expect(page.locator("form[action$='/punt/'], form[action$='/besluit/']")).to_have_count(0)

    # --- 5. The owner marks his action done from "Mijn acties" ---------------------------------
    owner_page = journey.new_page()
    log_in(journey, owner_page, director)
    journey.check(owner_page)
    click(owner_page, main_link(owner_page, reverse("meetings:my_actions")))
    journey.check(owner_page, screenshot="meetings-journey-my-actions")
    rows = owner_page.locator("main table tbody tr")
    expect(rows).to_have_count(1)
    row = rows.first
    expect(row).to_contain_text(DONE_BY_OWNER)
    expect(row).to_contain_text(SERIES)
    expect(row.locator(".regie-overdue")).to_have_text(nl("overdue"))
    click(owner_page, row.get_by_role("button", name=re.compile(re.escape(nl("Mark done")))))
    journey.check(owner_page)
    assert path_of(owner_page) == reverse("meetings:my_actions"), owner_page.url
    expect(owner_page.locator("main [role=status]").first).to_contain_text(
        nl("Action marked as done.")
    )
    expect(owner_page.locator("main table")).to_have_count(0)
    click(owner_page, owner_page.locator("main nav a[href='?afgerond=1']"))
    journey.check(owner_page, screenshot="meetings-journey-my-actions-done")
    expect(owner_page.locator("main table tbody tr").first).to_contain_text(
        nl("done %(date)s") % {"date": f"{today:%d-%m-%Y}"}
    )
    sub = SubAction.objects.get(description=DONE_BY_OWNER)
    assert sub.status == SubAction.Status.DONE
    assert sub.completed_on == today

    # The secretary's actielijst shows it done; the other sub-action of that action stays open.
    page.goto(f"{actions_url}?status=all")
    journey.check(page, screenshot="meetings-journey-actielijst-after")
    done_row = page.locator("main table.regie-actions tr", has_text=DONE_BY_OWNER)
    expect(done_row).to_contain_text(nl("done %(date)s") % {"date": f"{today:%d-%m-%Y}"})
    expect(done_row).not_to_have_class(re.compile("regie-row-overdue"))
    still_open = SubAction.objects.filter(action__series=series, status=SubAction.Status.OPEN)
    assert still_open.count() == 3


def check_pdf(pdf_path: Path, results_dir: Path) -> None:
    """The decisions are in the PDF's text; page 1 as a PNG next to it, to look at."""
    pdftotext = pdf_tool("pdftotext")
    if pdftotext is not None:
        text = squash(
            subprocess.run(
                [pdftotext, "-enc", "UTF-8", str(pdf_path), "-"],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
        )
        for _title, decision in DECISIONS:
            assert decision in text, f"decision {decision!r} not in the PDF:\n{text}"
        for subject, subs in ACTIONS:
            assert subject in text, f"action {subject!r} not in the PDF"
            for _description, _owners, _other, due in subs:
                assert due in text, f"due {due!r} not in the PDF"
        assert "Noor Bakker" in text
        assert "Priya Ramdin" in text
    pdftoppm = pdf_tool("pdftoppm")
    if pdftoppm is not None:
        stem = results_dir / "meetings-journey-minutes-page1"
        args = [pdftoppm, "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile"]
        subprocess.run([*args, str(pdf_path), str(stem)], check=True)
        png = stem.with_suffix(".png")
        assert png.stat().st_size > 10_000, png


# --- Issue 11.3 and 11.5: guards on the minutes, and the page without JavaScript ----------------


def test_minutes_guards_and_the_meeting_page_without_javascript(
    live_server: Any, journey: Journey
) -> None:
    """Minutes of a meeting still to come are not sent; minutes out for adoption are read-only
    until taken back to draft, which tells the attendees again. Without JavaScript each form
    is a page of its own, and an error puts the focus on the faulty field."""
    from django.core import mail

    from regie.meetings import services

    today = timezone.localdate()
    secretary = make_account(
        "secretaris", Role.SECRETARIS, first_name="Sanne", last_name="de Vries"
    )
    programme = Team.objects.create(
        name="Programmateam", kind=Team.Kind.PROGRAMMATEAM, organisation=secretary.organisation
    )
    Membership.objects.filter(user=secretary.user).update(team=programme)
    make_member("teamleider", Role.TEAMLEIDER, programme, "Marieke", "van Dalen")
    User = type(secretary.user)
    for pk in User.objects.values_list("pk", flat=True):
        User.objects.filter(pk=pk).update(email=f"user{pk}@example.org")
    series = MeetingSeries.objects.create(name=SERIES, team=programme, default_location="Stadhuis")
    actor = User.objects.get(pk=secretary.user.pk)
    coming = services.create_meeting(
        series, actor=actor, date=today + dt.timedelta(days=7), start_time=dt.time(9, 30)
    )
    held = services.create_meeting(series, actor=actor, date=today - dt.timedelta(days=7))
    for row in held.attendees.all():
        services.set_presence(row, Attendee.Presence.PRESENT, actor=actor)
    item = services.add_item(held, actor=actor, title=ITEM)

    page = journey.new_page()
    log_in(journey, page, secretary)
    journey.check(page)

    # --- 3. Not sent before the meeting has started -------------------------------------------
    page.goto(reverse("meetings:meeting", args=[coming.pk]))
    journey.check(page, screenshot="meetings-guards-not-started")
    submit_url = reverse("meetings:submit", args=[coming.pk])
    expect(page.locator(f"main form[action='{submit_url}']")).to_have_count(0)
    expect(page.locator("#sectie-gegevens")).to_contain_text(
        nl(
            "You can send the minutes for adoption once the meeting has started (%(starts_at)s).",
            starts_at=services.starts_at_text(coming),
        )
    )
    # A page from before (or a crafted request) is refused by the service, in Dutch.
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    refused = page.request.post(
        submit_url,
        form={"csrfmiddlewaretoken": token},
        headers={"Referer": live_server.url + reverse("meetings:meeting", args=[coming.pk])},
    )
    assert "De vergadering is nog niet begonnen" in refused.text()
    coming.refresh_from_db()
    assert coming.status == Meeting.Status.CONCEPT

    # --- 3. Ter vaststelling is read-only; back to draft tells the attendees again --------------
    held_url = reverse("meetings:meeting", args=[held.pk])
    page.goto(held_url)
    sent_before = len(mail.outbox)
    click(
        page,
        page.locator(f"main form[action='{reverse('meetings:submit', args=[held.pk])}'] button"),
    )
    held.refresh_from_db()
    assert held.status == Meeting.Status.SUBMITTED
    assert len(mail.outbox) == sent_before + 1
    journey.check(page, screenshot="meetings-guards-submitted")
    expect(page.locator("main [role=note]")).to_contain_text("alleen-lezen")
    expect(
        page.locator(f"main a[href='{reverse('meetings:point_add', args=[item.pk])}']")
    ).to_have_count(0)
    expect(page.locator("main form[action$='/verwijderen/']")).to_have_count(0)
    click(
        page,
        page.locator(f"main form[action='{reverse('meetings:withdraw', args=[held.pk])}'] button"),
    )
    journey.check(page)
    held.refresh_from_db()
    assert held.status == Meeting.Status.CONCEPT
    assert len(mail.outbox) == sent_before + 2
    assert "terug naar concept" in mail.outbox[-1].subject.lower()
    expect(
        page.locator(f"main a[href='{reverse('meetings:point_add', args=[item.pk])}']")
    ).to_have_count(1)

    # --- 5. Without JavaScript: each form is a page of its own ---------------------------------
    plain = journey.new_page(javascript=False)
    # The same signed-in session (axe, run by journey.check, needs JavaScript: not checked here).
    plain.context.add_cookies(
        [
            {"name": c["name"], "value": c["value"], "url": live_server.url}
            for c in page.context.cookies()
        ]
    )
    plain.goto(held_url)
    point_url = reverse("meetings:point_add", args=[item.pk])
    click(plain, plain.locator(f"main a[href='{point_url}']"))
    assert path_of(plain) == point_url, plain.url
    expect(plain.get_by_role("heading", level=1)).to_have_text(nl("Add a point"))
    expect(plain.get_by_role("heading", level=3)).to_have_text(f"3. {ITEM}")
    expect(plain.locator("select[name$='-speaker']")).to_be_focused()
    click(plain, plain.get_by_role("button", name=nl("Add point")))
    text_box = plain.locator("textarea[name$='-text']")
    expect(text_box).to_be_focused()
    described = text_box.get_attribute("aria-describedby") or ""
    assert any(i.endswith("_error") for i in described.split()), described
    plain.screenshot(
        path=str(journey.results_dir / "meetings-nojs-point-error.png"), full_page=True
    )
    text_box.fill("Zonder JavaScript vastgelegd.")
    click(plain, plain.get_by_role("button", name=nl("Add point")))
    assert path_of(plain) == held_url, plain.url
    expect(plain.locator("main")).to_contain_text("Zonder JavaScript vastgelegd.")

    click(plain, plain.locator(f"main a[href='{reverse('meetings:attendance', args=[held.pk])}']"))
    plain.screenshot(path=str(journey.results_dir / "meetings-nojs-attendance.png"), full_page=True)
    first = plain.locator("main select[name$='-presence']").first
    first.select_option(Attendee.Presence.ABSENT)
    plain.locator("main input[name$='-absence_reason']").first.fill("ziek")
    click(plain, plain.get_by_role("button", name=nl("Save attendance")))
    assert path_of(plain) == held_url, plain.url
    assert (
        held.attendees.filter(presence=Attendee.Presence.ABSENT, absence_reason="ziek").count() == 1
    )

    # axe needs JavaScript: the same pages (a section's own page, its error) are checked in the
    # browser that has it, and the page without it is let go.
    journey.watches.pop(plain)
    for url in (point_url, reverse("meetings:attendance", args=[held.pk])):
        page.goto(url)
        journey.check(page)
    page.goto(point_url)
    click(page, page.get_by_role("button", name=nl("Add point")))
    journey.check(page, screenshot="meetings-section-page-error")
    expect(page.locator("textarea[name$='-text']")).to_be_focused()

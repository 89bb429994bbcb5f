"""The case page shows the newest 25 journal entries and timeline events; the older ones follow a
page at a time (keyset cursor), as an htmx fragment in place of the "older" link or as a page of
its own, under the case page's own policy: the same answers, the same entries, every read logged.
"""

from __future__ import annotations

import base64
import html
import json
import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regie.audit.models import AuditEvent
from regie.cases import selectors
from regie.cases.models import Case, JournalCategory, JournalEntry, TimelineEvent, Visibility
from regie.partners.models import Registration
from tests.cases.test_views import CASE_VIEWS
from tests.conftest import PERSONAS
from tests.core.urlwalk import walk
from tests.english import english_login_as  # noqa: F401  (fixture login_as, in English)
from tests.partners.conftest import activate

Login = Callable[[str], Client]

JOURNAL_COUNT = 30
TIMELINE_COUNT = 60
SIZE = selectors.HISTORY_PAGE_SIZE
# What detail answers each persona on a case of regisseur_a's (tests/cases/test_views.py).
CASE_PAGE = {"teamleider": 200, "regisseur_a": 200, "regisseur_b": 404}
REFUSED = 403

OLDER = {
    "journal": ("cases:journal_page", "Older journal entries", r"\[J(\d{3})\]"),
    "timeline": ("cases:timeline_page", "Older timeline events", r"\[T(\d{3})\]"),
}


def _journal(case: Case, author, n: int = JOURNAL_COUNT) -> None:
    """``n`` entries, three a day so that pages split a day: entry i reads ``[Jiii]``."""
    category = JournalCategory.objects.all()[0]
    for i in range(n):
        JournalEntry.objects.create(
            case=case,
            occurred_on=date(2024, 1, 1) + timedelta(days=i // 3),
            author=author,
            category=category,
            text=f"Notitie [J{i:03d}]",
            visibility=Visibility.PARTNERS if i % 2 else Visibility.REGIE_TEAM,
        )


def _timeline(case: Case, actor, n: int = TIMELINE_COUNT) -> None:
    """``n`` events, two at the same moment: event i reads ``[Tiii]``."""
    start = datetime(2024, 1, 1, 9, 0, tzinfo=UTC)
    for i in range(n):
        TimelineEvent.objects.create(
            case=case,
            kind=TimelineEvent.Kind.EDIT,
            at=start + timedelta(minutes=i // 2),
            actor=actor,
            summary=f"[T{i:03d}]",
        )


@pytest.fixture
def history(own_case: Case, personas) -> Case:
    _journal(own_case, personas["regisseur_a"])
    _timeline(own_case, personas["regisseur_a"])
    return own_case


def _numbers(text: str, which: str) -> list[int]:
    return [int(n) for n in re.findall(OLDER[which][2], text)]


def _older_link(text: str, which: str) -> str | None:
    """The href of the "older" link in ``text``, or ``None`` without one."""
    url = reverse(OLDER[which][0], args=["NUMBER"]).replace("NUMBER", r"[^/]+")
    found = re.findall(rf'<a class="utrecht-link" href="({url}\?cursor=[^"]+)"', text)
    assert len(found) <= 1
    return html.unescape(found[0]) if found else None


def _get(client: Client, url: str, htmx: bool = False):
    return client.get(url, headers={"HX-Request": "true"} if htmx else {})


def _follow(client: Client, case: Case, which: str, htmx: bool) -> tuple[list[int], int]:
    """Everything of ``which`` that the case page and its older pages show, and the number of
    pages it took (the case page counted)."""
    page = client.get(reverse("cases:detail", args=[case.number])).content.decode()
    seen = _numbers(page, which)
    pages = 1
    link = _older_link(page, which)
    while link is not None:
        response = _get(client, link, htmx)
        assert response.status_code == 200
        text = response.content.decode()
        assert ("<html" in text) is not htmx
        batch = _numbers(text, which)
        assert batch, "an older page is never empty"
        seen += batch
        pages += 1
        link = _older_link(text, which)
        assert pages < 10, "the cursor must move on"
    return seen, pages


def test_case_page_shows_the_newest_25_of_each_and_links_to_the_older_ones(
    login_as, history: Case
) -> None:
    page = login_as("regisseur_a").get(reverse("cases:detail", args=[history.number]))
    text = page.content.decode()
    assert _numbers(text, "journal") == list(range(JOURNAL_COUNT - 1, JOURNAL_COUNT - 1 - SIZE, -1))
    assert _numbers(text, "timeline") == list(
        range(TIMELINE_COUNT - 1, TIMELINE_COUNT - 1 - SIZE, -1)
    )
    for which, (url_name, label, _pattern) in OLDER.items():
        link = _older_link(text, which)
        assert link is not None
        assert link.startswith(reverse(url_name, args=[history.number]) + "?cursor=")
        assert label in text
    data = page.context["data"]
    assert len(data.journal) == len(data.timeline) == SIZE
    assert data.journal_cursor
    assert data.timeline_cursor


def test_case_page_without_older_history_has_no_older_links(login_as, own_case, personas) -> None:
    _journal(own_case, personas["regisseur_a"], SIZE)
    _timeline(own_case, personas["regisseur_a"], SIZE)
    text = login_as("regisseur_a").get(reverse("cases:detail", args=[own_case.number]))
    page = text.content.decode()
    assert len(_numbers(page, "journal")) == len(_numbers(page, "timeline")) == SIZE
    assert _older_link(page, "journal") is None
    assert _older_link(page, "timeline") is None
    assert "regie-more" not in page


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
@pytest.mark.parametrize(
    ("which", "count"), [("journal", JOURNAL_COUNT), ("timeline", TIMELINE_COUNT)]
)
def test_following_the_cursor_shows_everything_once_newest_first(
    login_as, history: Case, which: str, count: int, htmx: bool
) -> None:
    seen, pages = _follow(login_as("teamleider"), history, which, htmx)
    assert seen == list(range(count - 1, -1, -1))
    assert pages == -(-count // SIZE)


@pytest.mark.parametrize("which", ["journal", "timeline"])
def test_htmx_batch_replaces_the_link_inside_the_same_list(
    login_as, history: Case, which: str
) -> None:
    client = login_as("regisseur_a")
    case_page = client.get(reverse("cases:detail", args=[history.number])).content.decode()
    link = _older_link(case_page, which)
    assert link is not None
    # The link's slot is a list item of the timeline / a block after the last journal entry,
    # and the batch that comes back replaces that slot.
    opener = (
        r'<p class="utrecht-paragraph"><a class="utrecht-link" href="[^"]+" '
        r'hx-get="(?P<url>[^"]+)" hx-target="closest \.regie-more" hx-swap="outerHTML">'
    )
    if which == "journal":
        place = (
            r'<div class="regie-journal">(?:(?!</section>).)*</article>\s*'
            rf'<div class="regie-more">{opener}.*?</div>\s*</div>'
        )
    else:
        place = (
            r'<ol class="regie-timeline">(?:(?!</ol>).)*</li>\s*'
            rf'<li class="regie-more">{opener}.*?</li>\s*</ol>'
        )
    found = re.search(place, case_page, re.DOTALL)
    assert found is not None
    assert html.unescape(found["url"]) == link

    fragment = _get(client, link, htmx=True).content.decode()
    assert "<html" not in fragment
    assert "<h1" not in fragment
    item = "<article" if which == "journal" else "<li"
    assert fragment.lstrip().startswith(item)
    # The focus moves from the link (gone) to the first new item, and to none of the others.
    first = fragment.lstrip().split("\n", 1)[0]
    assert first.endswith(' tabindex="-1" autofocus>')
    assert fragment.count("autofocus") == 1
    if which == "journal":
        assert fragment.count("<article") == JOURNAL_COUNT - SIZE
        assert _older_link(fragment, which) is None
        assert "regie-more" not in fragment
    else:
        assert fragment.count('<li class="regie-timeline__item') == SIZE
        assert fragment.rstrip().endswith("</li>")
        assert '<li class="regie-more">' in fragment
        assert _older_link(fragment, which) is not None


@pytest.mark.parametrize("which", ["journal", "timeline"])
def test_older_page_without_javascript(login_as, history: Case, which: str) -> None:
    client = login_as("regisseur_a")
    case_page = client.get(reverse("cases:detail", args=[history.number])).content.decode()
    link = _older_link(case_page, which)
    assert link is not None
    response = client.get(link)
    assert response.status_code == 200
    text = response.content.decode()
    assert "<html" in text
    title = "Journal" if which == "journal" else "Timeline"
    assert f'<h1 class="utrecht-heading-1">{title} of {history.number}</h1>' in text
    back = reverse("cases:detail", args=[history.number]) + f"#{which}"
    assert f'<a class="utrecht-link" href="{back}">' in text
    assert 'tabindex="-1" autofocus' not in text
    if which == "journal":
        assert '<div class="regie-journal">' in text
        # The author sees the edit links on every entry of theirs, as on the case page.
        assert len(re.findall(r'/journaal/\d+/"', text)) == JOURNAL_COUNT - SIZE
    else:
        assert '<ol class="regie-timeline">' in text


@pytest.mark.parametrize("url_name", ["cases:journal_page", "cases:timeline_page"])
@pytest.mark.parametrize(
    "cursor",
    [
        "garbage!",
        "%%%",
        base64.urlsafe_b64encode(b"not json").decode(),
        base64.urlsafe_b64encode(json.dumps([1]).encode()).decode(),
        base64.urlsafe_b64encode(json.dumps([{"x": 1}, 1]).encode()).decode(),
        # Well formed, but not a date and a number.
        base64.urlsafe_b64encode(json.dumps(["yesterday", "x"]).encode()).decode(),
        base64.urlsafe_b64encode(json.dumps([None, None]).encode()).decode(),
    ],
)
def test_a_malformed_cursor_gives_the_first_page(
    login_as, history: Case, url_name: str, cursor: str
) -> None:
    response = login_as("regisseur_a").get(
        reverse(url_name, args=[history.number]), {"cursor": cursor}
    )
    assert response.status_code == 200
    which = "journal" if url_name == "cases:journal_page" else "timeline"
    count = JOURNAL_COUNT if which == "journal" else TIMELINE_COUNT
    assert _numbers(response.content.decode(), which) == list(
        range(count - 1, count - 1 - SIZE, -1)
    )


@pytest.mark.parametrize("url_name", ["cases:journal_page", "cases:timeline_page"])
def test_older_pages_refuse_writes(login_as, own_case: Case, url_name: str) -> None:
    response = login_as("regisseur_a").post(reverse(url_name, args=[own_case.number]))
    assert response.status_code == 405


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
@pytest.mark.parametrize("url_name", ["cases:journal_page", "cases:timeline_page"])
@pytest.mark.parametrize("persona", PERSONAS)
def test_older_pages_answer_as_the_case_page(
    login_as, signed_case: Case, url_name: str, persona: str, htmx: bool
) -> None:
    """Partners registered on the case (active or ended) included: the case page's answer,
    for every persona, with or without htmx."""
    client = login_as(persona)
    expected = CASE_PAGE.get(persona, REFUSED)
    assert client.get(reverse("cases:detail", args=[signed_case.number])).status_code == expected
    response = _get(client, reverse(url_name, args=[signed_case.number]), htmx)
    assert response.status_code == expected
    missing = _get(client, reverse(url_name, args=["TST-1999-9999"]), htmx)
    assert missing.status_code == (REFUSED if expected == REFUSED else 404)


@pytest.fixture
def signed_case(history: Case, organisations, personas) -> Case:
    """``history`` with Stadsdeel Noord (partner_stadsdeel) registered, journal shared, and the
    registration of Buurtwerk (partner_ended) ended; half the entries shared with Noord."""
    activate(history, organisations["noord"], ["phase", "journal"], personas["regisseur_a"])
    activate(
        history,
        organisations["buurtwerk"],
        ["phase", "journal"],
        personas["regisseur_a"],
        status=Registration.Status.ENDED,
    )
    for entry in history.journal.filter(visibility=Visibility.PARTNERS):
        entry.shared_with.add(organisations["noord"])
    return history


@pytest.mark.parametrize("persona", PERSONAS)
def test_older_journal_shows_what_the_case_page_shows(
    login_as, signed_case: Case, persona: str
) -> None:
    """No persona reads more of the journal through the older pages than the case page gives
    them: the regie team that directs the case reads all of it (regie-only entries included),
    the partners (even the registered one) read none of it here, as on the case page."""
    client = login_as(persona)
    detail = client.get(reverse("cases:detail", args=[signed_case.number]))
    first = reverse("cases:journal_page", args=[signed_case.number])
    if detail.status_code != 200:
        for htmx in (False, True):
            text = _get(client, first, htmx).content.decode()
            assert _numbers(text, "journal") == []
            assert "Notitie" not in text
        return
    seen, _pages = _follow(client, signed_case, "journal", htmx=False)
    assert sorted(seen) == list(range(JOURNAL_COUNT))
    assert sorted(_numbers(_get(client, first).content.decode(), "journal")) == sorted(
        _numbers(detail.content.decode(), "journal")
    )


def test_reading_older_journal_entries_is_audited(login_as, history: Case) -> None:
    client = login_as("regisseur_a")
    last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    for htmx in (False, True):
        response = _get(client, reverse("cases:journal_page", args=[history.number]), htmx)
        assert response.status_code == 200
    events = [
        (e.action, e.actor, e.case_id, e.object_type, e.result)
        for e in AuditEvent.objects.filter(id__gt=last, action="cases.view.read").order_by("id")
    ]
    assert events == [("cases.view.read", "regisseur_a", history.number, "cases.case", "ok")] * 2


def test_refused_older_journal_is_audited_as_denied(login_as, history: Case) -> None:
    response = login_as("regisseur_b").get(reverse("cases:journal_page", args=[history.number]))
    assert response.status_code == 404
    assert AuditEvent.objects.filter(
        actor="regisseur_b", result="denied", case_id=history.number
    ).exists()


@pytest.mark.parametrize("url_name", ["cases:journal_page", "cases:timeline_page"])
def test_older_pages_cost_the_same_however_deep(login_as, history: Case, url_name: str) -> None:
    client = login_as("regisseur_a")
    url = reverse(url_name, args=[history.number])
    client.get(url)  # warm: session, caches

    def queries(target: str) -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(target).status_code == 200
        return len(ctx.captured_queries)

    which = "journal" if url_name == "cases:journal_page" else "timeline"
    first = queries(url)
    link = _older_link(client.get(url).content.decode(), which)
    assert link is not None
    assert queries(link) == first


def test_every_case_view_answers_in_the_persona_matrix() -> None:
    """Every GET view on a case is in the persona matrix of tests/cases/test_views.py."""
    on_a_case = {
        route.name
        for route in walk()
        if route.name.startswith("cases:")
        and route.pattern.count("<") == 1
        and "<str:number>" in route.pattern
    }
    # POST only (its GET is refused with 405), checked in test_views.py with its own matrix.
    post_only = {"cases:journal_add"}
    assert on_a_case - post_only == {name for name, _overrides, _default in CASE_VIEWS}

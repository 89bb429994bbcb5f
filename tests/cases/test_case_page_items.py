# ruff: noqa: E501 - the template loops are kept verbatim, as cases/detail.html had them
"""The case page's timeline and journal are built by tags: the same markup as the template
loops they replaced, every value escaped, staff names hidden on protected cases as before."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from regie.cases import selectors
from regie.cases.models import FlagType, JournalCategory, JournalEntry, TimelineEvent
from regie.cases.vocabulary import Cases
from regie.core import policy

# The template loop the tag replaced (cases/detail.html before), kept to compare against.
BEFORE = Template(
    """{% load cases %}{% for event in events %}
      <li class="regie-timeline__item regie-timeline__item--{{ event.kind }}">
        <time datetime="{{ event.at|date:'c' }}">{{ event.at|date:"DATETIME_FORMAT" }}</time>
        <span class="regie-timeline__summary">{% timeline_text event case %}</span>
        {% if event.actor %}<span class="regie-muted">— {% staff event.actor case %}</span>{% endif %}
        {% if event.reason %}<p class="utrecht-paragraph regie-timeline__reason">{{ event.reason }}</p>{% endif %}
      </li>
    {% endfor %}"""
)
AFTER = Template("{% load cases %}{% timeline_items events case %}")


def _squash(html: str) -> str:
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()


@pytest.fixture
def events(own_case, personas) -> list[TimelineEvent]:
    rows = [
        TimelineEvent.objects.create(
            case=own_case,
            kind=TimelineEvent.Kind.PHASE,
            at=datetime(2026, 3, 29, 0, 30, tzinfo=UTC),  # the day summer time starts
            actor=personas["regisseur_a"],
            summary="Phase changed from %(source)s to %(target)s",
            params={"source": "instroom", "target": "regie"},
            reason='<script>alert("x")</script> & more',
        ),
        TimelineEvent.objects.create(
            case=own_case,
            kind=TimelineEvent.Kind.ASSIGNMENT,
            at=datetime(2026, 12, 31, 23, 5, tzinfo=UTC),
            actor=None,
            summary="Assigned to %(name)s",
            params={"name": "<b>Jan</b>"},
        ),
    ]
    return list(
        own_case.timeline.select_related("actor")
        .filter(pk__in=[r.pk for r in rows])
        .order_by("-at", "-id")
    )


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("persona", ["regisseur_a", "partner_stadsdeel"])
@pytest.mark.parametrize("protected", [False, True])
def test_same_markup_as_the_template(
    own_case, personas, events, language, persona, protected
) -> None:
    if protected:
        flag = FlagType.objects.create(code="pers-test", name="Media", raises_protection=True)
        own_case.flags.add(flag)
    context = {"events": events, "case": own_case, "user": personas[persona]}
    with translation.override(language):
        before = BEFORE.render(Context(context))
        after = AFTER.render(Context(context))
    assert _squash(after) == _squash(before)
    assert "<script>" not in after
    hidden = protected and persona == "partner_stadsdeel"
    assert ("&lt;b&gt;Jan&lt;/b&gt;" in after) is not hidden
    assert ("Regisseur_A" in after) is not hidden


JOURNAL_BEFORE = Template(
    """{% load i18n cases %}{% for entry in data.journal %}
      <article class="regie-entry">
        <header class="regie-entry__meta">
          <time datetime="{{ entry.occurred_on|date:'Y-m-d' }}">{{ entry.occurred_on|date:"j F Y" }}</time> · {{ entry.category.name }} · {% staff entry.author case %}
          · <span class="regie-visibility">{{ entry.get_visibility_display }}</span>
          {% if entry.pk in editable %}· <a class="utrecht-link" href="{% url 'cases:journal_edit' case.number entry.id %}">{% translate "Edit" %}<span class="regie-visually-hidden"> {{ entry.occurred_on|date:"j F Y" }}</span></a>{% endif %}
        </header>
        <p class="utrecht-paragraph">{{ entry.text|linebreaksbr }}</p>
      </article>
    {% endfor %}"""
)
JOURNAL_AFTER = Template("{% load cases %}{% journal_entries data.journal case %}")


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize(("persona", "may_assign"), [("regisseur_a", False), ("teamleider", True)])
@pytest.mark.parametrize("protected", [False, True])
def test_journal_same_markup_as_the_template(
    own_case, personas, language, persona, may_assign, protected
) -> None:
    category = JournalCategory.objects.create(name="Contact <betrokkene> & co")
    for day, author, text, visibility in [
        (
            date(2026, 5, 1),
            personas["regisseur_a"],
            "Huisbezoek.\nTweede regel <b>vet</b>",
            "regie",
        ),
        (date(2026, 1, 31), personas["teamleider"], "Overleg & afspraak", "partners"),
        (date(2025, 12, 9), personas["regisseur_b"], "Derde", "regie"),
    ]:
        JournalEntry.objects.create(
            case=own_case,
            occurred_on=day,
            author=author,
            category=category,
            text=text,
            visibility=visibility,
        )
    if protected:
        flag = FlagType.objects.create(code="pers-test", name="Media", raises_protection=True)
        own_case.flags.add(flag)
    data = selectors.case_page(own_case)
    assert len(data.journal) == 3
    context = {
        "data": data,
        "case": own_case,
        "user": personas[persona],
        # What the policy allows, row by row (the tag asks the same rule in its bulk form).
        "editable": {
            e.pk for e in data.journal if policy.permits(personas[persona], Cases.JOURNAL_UPDATE, e)
        },
    }
    with translation.override(language):
        before = JOURNAL_BEFORE.render(Context(context))
        after = JOURNAL_AFTER.render(Context(context))
    assert _squash(after) == _squash(before)
    assert "<b>vet" not in after
    assert after.count("journaal/") == (3 if may_assign else 1)

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import quote

from django import template
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext

from regie.cases import display
from regie.cases.models import Case, Phase, Visibility
from regie.cases.selectors import CaseRow
from regie.cases.vocabulary import Cases
from regie.core import policy
from regie.core.dates import long_date, long_datetime, short_date
from regie.core.templatetags.regie import days_since

register = template.Library()


def _hides_staff(context: Any, case: Case) -> bool:
    """Whether this reader sees roles instead of staff names on ``case``: decided once per
    case and render, not for every name on the page."""
    cache = context.render_context.setdefault("regie_hides_staff", {})
    if case.pk not in cache:
        cache[case.pk] = display.hides_staff(case, context.get("user"))
    return bool(cache[case.pk])


@register.simple_tag(takes_context=True)
def staff(context: Any, person: Any, case: Case) -> str:
    """``{% staff entry.author case %}``: the name, or the role on a protected case."""
    return display.staff_name(person, case, context.get("user"), hidden=_hides_staff(context, case))


@register.simple_tag(takes_context=True)
def timeline_text(context: Any, event: Any, case: Case) -> str:
    return str(event.text_for(hide_staff=_hides_staff(context, case)))


@register.simple_tag(takes_context=True)
def timeline_items(context: Any, events: Any, case: Case, focus_first: bool = False) -> str:
    """The items of the case page's timeline (up to 25, and as many on each older page), built
    in one pass rather than by the template engine. The same markup as the template wrote
    (tested); every value is escaped. ``focus_first``: the first item takes the focus (a batch
    of older items fetched with htmx in place of the link the focus was on)."""
    hidden = _hides_staff(context, case)
    reader = context.get("user")
    items = []
    focus = _FOCUS if focus_first else ""
    for event in events:
        at = localtime(event.at)
        shown = long_datetime(at)
        parts = [
            f'<li class="regie-timeline__item regie-timeline__item--{escape(event.kind)}"{focus}>',
            f'<time datetime="{escape(at.isoformat())}">{escape(shown)}</time>',
            '<span class="regie-timeline__summary">'
            f"{conditional_escape(event.text_for(hide_staff=hidden))}</span>",
        ]
        if event.actor:
            name = display.staff_name(event.actor, case, reader, hidden=hidden)
            parts.append(f'<span class="regie-muted">— {conditional_escape(name)}</span>')
        if event.reason:
            parts.append(
                '<p class="utrecht-paragraph regie-timeline__reason">'
                f"{conditional_escape(event.reason)}</p>"
            )
        parts.append("</li>")
        items.append("\n".join(parts))
        focus = ""
    return mark_safe("\n".join(items))  # noqa: S308 - every value above is escaped


@register.simple_tag(takes_context=True)
def journal_entries(context: Any, entries: Any, case: Case, focus_first: bool = False) -> str:
    """The case page's journal entries (up to 25, and as many on each older page), built in one
    pass rather than by the template engine. The same markup as the template wrote (tested);
    every value is escaped. *Edit* shows where the policy allows it (``cases.journal.update``, in
    its bulk form). ``focus_first``: as for ``timeline_items``."""
    hidden = _hides_staff(context, case)
    reader = context.get("user")
    entries = list(entries)
    editable = policy.permitted(reader, Cases.JOURNAL_UPDATE, entries)
    visibility = {value: conditional_escape(label) for value, label in Visibility.choices}
    edit_prefix, edit_suffix = reverse("cases:journal_edit", args=[_PLACEHOLDER, 0]).rsplit(
        "/0/", 1
    )
    edit_label = escape(gettext("Edit"))
    items = []
    focus = _FOCUS if focus_first else ""
    for entry in entries:
        day = entry.occurred_on
        shown = escape(long_date(day))
        author = display.staff_name(entry.author, case, reader, hidden=hidden)
        link = ""
        if entry.pk in editable:
            number = quote(case.number)
            url = f"{edit_prefix.replace(_PLACEHOLDER, number)}/{int(entry.id)}/{edit_suffix}"
            link = (
                f'· <a class="utrecht-link" href="{escape(url)}">{edit_label}'
                f'<span class="regie-visually-hidden"> {shown}</span></a>'
            )
        label = visibility.get(entry.visibility, conditional_escape(entry.visibility))
        items.append(
            f'<article class="regie-entry"{focus}>\n<header class="regie-entry__meta">\n'
            f'<time datetime="{day.isoformat()}">{shown}</time> · '
            f"{conditional_escape(entry.category.name)} · {conditional_escape(author)}\n"
            f'· <span class="regie-visibility">{label}</span>\n{link}\n</header>\n'
            f'<p class="utrecht-paragraph">{linebreaksbr(entry.text, autoescape=True)}</p>\n'
            "</article>"
        )
        focus = ""
    return mark_safe("\n".join(items))  # noqa: S308 - every value above is escaped


@register.simple_tag(takes_context=True)
def regisseur(context: Any, case: Case) -> str:
    return display.regisseur_name(case, context.get("user"))


_PLACEHOLDER = "NUMBER"
# htmx moves the focus to an element marked ``autofocus`` in the content it swaps in.
_FOCUS = ' tabindex="-1" autofocus'


@register.simple_tag
def case_rows(
    cases: list[CaseRow], today: date, show_regisseur: bool = False, selectable: bool = False
) -> str:
    """The rows of ``_case_table.html``. Built here rather than in the template: the lists show
    up to 50 cases, and the template engine (with a lazy translation of every phase label per
    row) spent about 0.2 ms on each. The markup is the same; every value is escaped.

    The regisseur's name is shown as it is: only the regie team opens these lists (caseload,
    overview, flag lists, search), and a media-attention case hides its regisseur from readers
    outside that team only (``display.hides_staff``). A list for other readers would have to
    carry the protection flag in ``CaseRow`` and ask that rule."""
    detail = reverse("cases:detail", args=[_PLACEHOLDER])
    phases = {value: escape(label) for value, label in Phase.choices}
    overdue, vacancy = escape(gettext("overdue")), escape(gettext("Vacancy"))
    td = '<td class="utrecht-table__cell">'
    rows = []
    for case in cases:
        number = escape(case.number)
        cells = ['<tr class="utrecht-table__row">']
        if selectable:
            label = escape(gettext("Select %(number)s") % {"number": case.number})
            cells.append(
                f'{td}<input type="checkbox" name="case" value="{number}" id="select-{number}" '
                f'form="bulk-assign"><label class="regie-visually-hidden" for="select-{number}">'
                f"{label}</label></td>"
            )
        url = escape(detail.replace(_PLACEHOLDER, quote(case.number)))
        cells.append(f'{td}<a class="utrecht-link" href="{url}">{number}</a></td>')
        cells.append(f"{td}{escape(case.person_name)}</td>")
        phase = escape(case.phase)
        cells.append(
            f'{td}<span class="regie-phase regie-phase--{phase}">'
            f"{phases.get(case.phase, phase)}</span></td>"
        )
        cells.append(f"{td}{escape(case.area_name)}</td>")
        cells.append(f"{td}{days_since(case.phase_since, today)}</td>")
        if case.next_review_on:
            shown = short_date(case.next_review_on)
            if case.next_review_on < today:
                cells.append(f'{td}<span class="regie-overdue">{shown} ({overdue})</span></td>')
            else:
                cells.append(f'{td}<span class="">{shown}</span></td>')
        else:
            cells.append(f"{td}—</td>")
        flags = "".join(f'<span class="regie-flag">{escape(name)}</span> ' for name in case.flags)
        cells.append(f"{td}{flags or '—'}</td>")
        if show_regisseur:
            if case.regisseur_id:
                cells.append(f"{td}{escape(case.regisseur_name)}</td>")
            else:
                cells.append(f"{td}<strong>{vacancy}</strong></td>")
        cells.append("</tr>")
        rows.append("".join(cells))
    return mark_safe("\n".join(rows))  # noqa: S308 - every value above is escaped

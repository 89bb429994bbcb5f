"""About forty fictional cases so every screen of the demo has something real to show.

Deterministic (seeded) so screenshots and walkthroughs are reproducible. Every name is
invented by combining common Dutch first and last names; no real person is described.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from regie.accounts.models import User
from regie.cases import services
from regie.cases.models import (
    Case,
    ClosingReason,
    FlagType,
    JournalCategory,
    LifeDomain,
    Phase,
    Task,
    Theme,
)
from regie.core.dates import add_years
from regie.demo import story
from regie.organisations.models import Organisation

FIRST = [
    "Daan",
    "Sem",
    "Noah",
    "Yassin",
    "Amir",
    "Bilal",
    "Thijs",
    "Ruben",
    "Sanne",
    "Lisa",
    "Fleur",
    "Nora",
    "Ayoub",
    "Kevin",
    "Jesse",
    "Milan",
    "Ilias",
    "Omar",
    "Mila",
    "Zoë",
    "Chloé",
    "Anouk",
    "Sara",
    "Ibrahim",
    "Bram",
    "Levi",
    "Finn",
    "Selin",
    "Rayan",
    "Joep",
]
LAST = [
    "de Vries",
    "Jansen",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Bos",
    "Vos",
    "Peters",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "Dijkstra",
    "van der Meer",
    "El Khatib",
    "Yıldız",
    "Öztürk",
    "Çelik",
    "Benali",
    "Kaya",
    "Verhoeven",
    "Koster",
    "Prins",
    "Kramer",
]
JOURNAL = [
    "Huisbezoek afgelegd samen met de wijkagent; betrokkene was open over zijn dagbesteding.",
    "Telefonisch contact met moeder; zij maakt zich zorgen over nieuwe contacten online.",
    "Casusoverleg met GGD en reclassering: afgesproken om een mentor in te zetten.",
    "Betrokkene is gestart met een traject bij het leerwerkbedrijf.",
    "Afspraak afgezegd door betrokkene; nieuwe afspraak gepland over twee weken.",
    "Overleg met school: aanwezigheid is verbeterd, zorgcoördinator blijft betrokken.",
    "Informatie ontvangen van de woningcorporatie over overlast; besproken met betrokkene.",
    "Gesprek met de imam van de moskee als sleutelfiguur; bereid om mee te denken.",
    "Schuldhulpverlening aangevraagd; intake staat gepland.",
    "Evaluatie plan van aanpak: doelen op werk en huisvesting deels behaald.",
]
# The phases a case passes through, in order, on its way to nazorg.
PHASE_PATH = [Phase.INSTROOM, Phase.REGIE, Phase.NAZORG]
PHASE_MIX = (
    [Phase.AANMELDING] * 5
    + [Phase.INSTROOM] * 7
    + [Phase.REGIE] * 16
    + [Phase.NAZORG] * 7
    + [Phase.AFGESLOTEN] * 5
)


def _story_days(opened: date, today: date, steps: int) -> list[date]:
    """``steps`` days spread evenly between ``opened`` and ``today`` (both excluded)."""
    span = (today - opened).days
    return [opened + timedelta(days=span * (k + 1) // (steps + 1)) for k in range(steps)]


def _settle(case: Case, opened: date, phase_day: date) -> None:
    """The case's own dates follow its story: registered on ``opened``, in its phase since the
    day of its last phase change, closed (and due for deletion) counted from that day."""
    fields: dict[str, object] = {"opened_on": opened, "phase_since": story.moment(phase_day)}
    if case.closed_on is not None:
        years = int(getattr(settings, "REGIE_RETENTION_YEARS", 5))
        fields.update(closed_on=phase_day, delete_after=add_years(phase_day, years))
    Case.objects.filter(pk=case.pk).update(**fields)


@transaction.atomic
def load(teamleider: User, regisseurs: list[User]) -> int:
    if Case.objects.exists():
        return 0
    rng = random.Random(2026)  # noqa: S311 - fictional demo data, not security
    themes = list(Theme.objects.all())
    areas = list(Organisation.objects.filter(kind__in=["stadsdeel", "amstelland"]))
    flags = {f.code: f for f in FlagType.objects.all()}
    categories = list(JournalCategory.objects.all())
    domains = list(LifeDomain.objects.all())
    reasons = list(ClosingReason.objects.all())
    today = timezone.localdate()
    names: set[tuple[str, str]] = set()
    for i, phase in enumerate(PHASE_MIX):
        while True:
            name = (rng.choice(FIRST), rng.choice(LAST))
            if name not in names:
                names.add(name)
                break
        area = areas[i % len(areas)]
        # Every seventh case has no regisseur: the Amstelland vacancy must show up.
        regisseur = None if i % 7 == 6 else regisseurs[i % len(regisseurs)]
        opened = today - timedelta(days=rng.randint(40, 700))
        span = (today - opened).days
        with story.dated_new_case(opened):
            case = services.create_case(
                actor=teamleider,
                person_data=services.PersonData(
                    first_name=name[0],
                    last_name=name[1],
                    date_of_birth=date(
                        rng.randint(1985, 2008), rng.randint(1, 12), rng.randint(1, 28)
                    ),
                    bsn="",
                    area_id=area.pk,
                ),
                theme=rng.choice(themes),
                area=area,
                regisseur=regisseur,
                summary="Aangemeld via het Steunpunt na signalen van school en wijkteam.",
                opened_on=opened,
            )
        author = regisseur or teamleider
        steps = PHASE_PATH[: PHASE_PATH.index(phase) + 1] if phase in PHASE_PATH else []
        if phase == Phase.AFGESLOTEN:
            steps = [Phase.INSTROOM, Phase.REGIE, Phase.AFGESLOTEN]
        phase_day = opened
        for target, day in zip(steps, _story_days(opened, today, len(steps)), strict=True):
            with story.dated(case, day):
                services.transition(
                    actor=teamleider,
                    case=case,
                    target=target,
                    closing_reason=rng.choice(reasons) if target == Phase.AFGESLOTEN else None,
                    reason="Afgesloten na evaluatie."
                    if target == Phase.AFGESLOTEN
                    else "Besproken in het casusoverleg.",
                )
            phase_day = day
        if case.is_open:
            for n in range(rng.randint(3, 8)):
                occurred = opened + timedelta(days=rng.randint(1, span - 1))
                with story.dated(case, occurred, minute=n):
                    services.add_journal_entry(
                        actor=teamleider if regisseur is None else author,
                        case=case,
                        occurred_on=occurred,
                        category=rng.choice(categories),
                        text=rng.choice(JOURNAL),
                        visibility="regie",
                    )
            if phase in (Phase.REGIE, Phase.NAZORG):
                base = {d: rng.randint(1, 4) for d in domains}
                # A ZRM every quarter from a month after registration, never after today.
                for n in range(rng.randint(1, 3)):
                    assessed = opened + timedelta(days=30 + 90 * n)
                    if assessed >= today:
                        break
                    scores = {d: min(5, s + n + rng.randint(0, 1)) for d, s in base.items()}
                    with story.dated(case, assessed, minute=30):
                        services.add_zrm(
                            actor=teamleider,
                            case=case,
                            assessed_on=assessed,
                            scores=scores,
                            note="Afgenomen tijdens huisbezoek.",
                        )
            with story.dated(case, max(opened, today - timedelta(days=1 + i % 14)), minute=60):
                services.add_task(
                    actor=teamleider,
                    case=case,
                    title="Evaluatie plan van aanpak",
                    due_on=today + timedelta(days=-3 - i % 9 if i % 4 == 0 else rng.randint(3, 60)),
                    assignee=regisseur or teamleider,
                    kind=Task.Kind.REVIEW,
                )
            selected = [
                f
                for code, f in flags.items()
                if (code == "familiebijeenkomst" and i % 5 == 0)
                or (code == "media" and i % 11 == 3)
                or (code == "veiligheidsrisico" and i % 13 == 4)
            ]
            if selected:
                with story.dated(case, opened + timedelta(days=span // 2), minute=90):
                    services.set_flags(actor=teamleider, case=case, flags=selected)
        _settle(case, opened, phase_day)
    return len(PHASE_MIX)

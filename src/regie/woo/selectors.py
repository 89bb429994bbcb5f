"""What the installation knows, for the Woo suggestions: its persons, its organisations and
teams (never redacted), and the configured term lists; and the publications. Reads only."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.db.models import QuerySet

from regie.accounts.models import User
from regie.cases.models import Person
from regie.core import policy
from regie.meetings.models import ActionOwner, Attendee
from regie.organisations.models import Organisation, Team
from regie.woo.document import Span
from regie.woo.models import Publication, PublishedFile, Redaction, Term
from regie.woo.suggest import Lexicon


def known_names() -> tuple[str, ...]:
    """Every person the system knows by name: users, meeting attendees, guests and external
    names, action owners, and persons on cases."""
    found: set[str] = set()
    for first, last in User.objects.values_list("first_name", "last_name"):
        found.add(f"{first} {last}")
    for first, last in Person.objects.values_list("first_name", "last_name"):
        found.add(f"{first} {last}")
    found.update(Attendee.objects.exclude(name="").values_list("name", flat=True).distinct())
    found.update(ActionOwner.objects.exclude(name="").values_list("name", flat=True).distinct())
    return tuple(sorted({" ".join(name.split()) for name in found} - {""}))


def protected_terms() -> tuple[str, ...]:
    """The installation's organisations and teams: public, never redacted."""
    names = set(Organisation.objects.values_list("name", flat=True))
    names.update(Team.objects.values_list("name", flat=True))
    return tuple(sorted(names))


def terms() -> tuple[tuple[str, str], ...]:
    """The active terms of active grounds, as (text, ground code)."""
    rows = Term.objects.filter(is_active=True, ground__is_active=True).values_list(
        "text", "ground__code"
    )
    return tuple(sorted(rows))


def lexicon(*, with_deduce: bool = True) -> Lexicon:
    cache_dir: Path | None = settings.REGIE_WOO_CACHE_DIR if with_deduce else None
    return Lexicon(
        known_names=known_names(), terms=terms(), protected=protected_terms(), cache_dir=cache_dir
    )


def publications(user: User) -> QuerySet[Publication]:
    """The publications ``user`` may see (the Woo coordinators: all of them)."""
    return policy.visible(user, Publication).select_related("meeting", "created_by")


def redactions(publication: Publication) -> QuerySet[Redaction]:
    return publication.redactions.select_related("ground", "decided_by")


def accepted_spans(publication: Publication) -> list[Span]:
    """The redactions that go into the exports: the accepted ones, as spans."""
    rows = redactions(publication).filter(state=Redaction.State.ACCEPTED)
    return [row.span() for row in rows]


def published_files(publication: Publication) -> dict[str, PublishedFile]:
    return {f.kind: f for f in publication.files.all()}

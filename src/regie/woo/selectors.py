"""What the installation knows, for the Woo suggestions: its persons, its organisations and
teams (never redacted), and the configured term lists; and the publications. Reads only."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.db.models import Count, Q, QuerySet

from regie.accounts.models import User
from regie.audit.models import AuditEvent
from regie.cases.models import Person
from regie.core import policy
from regie.meetings.models import ActionOwner, Attendee, Meeting
from regie.organisations.models import Organisation, Team
from regie.woo.document import Span
from regie.woo.models import Publication, PublishedFile, Redaction, Term
from regie.woo.suggest import Lexicon
from regie.woo.vocabulary import Woo


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


def publication_list(user: User, status: str = "") -> QuerySet[Publication]:
    """The list page: the publications ``user`` may see, with the number of suggestions still
    undecided on each (one query, however many publications)."""
    rows = publications(user).annotate(
        undecided=Count("redactions", filter=Q(redactions__state=Redaction.State.SUGGESTED))
    )
    return rows.filter(status=status) if status else rows


def status_counts(user: User) -> dict[str, int]:
    rows = policy.visible(user, Publication).order_by().values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in rows}


def publishable_meetings() -> QuerySet[Meeting]:
    """The meetings whose minutes are adopted and stored: what a publication can be made of
    (``export.sources.minutes_document`` reads the stored snapshot, nothing else)."""
    return (
        Meeting.objects.filter(status=Meeting.Status.ADOPTED, adopted_document__isnull=False)
        .select_related("series")
        .order_by("-date", "-pk")
    )


def waiting_for_review(user: User) -> QuerySet[Publication]:
    """Publications under review that ``user`` may approve: not created, submitted or decided
    on by them (``rules.involved``, as one query)."""
    return (
        publications(user)
        .filter(status=Publication.Status.TER_BEOORDELING)
        .exclude(created_by=user)
        .exclude(submitted_by=user)
        .exclude(redactions__decided_by=user)
        .distinct()
    )


def own_concepts(user: User) -> QuerySet[Publication]:
    return publications(user).filter(status=Publication.Status.CONCEPT, created_by=user)


# The steps of a publication, as the audit log tells them (with the reasons of a send-back or a
# withdrawal, which the publication itself does not keep).
STEPS = (
    Woo.PUBLICATION_CREATE,
    Woo.PUBLICATION_SUBMIT,
    Woo.PUBLICATION_SEND_BACK,
    Woo.PUBLICATION_APPROVE,
    Woo.PUBLICATION_PUBLISH,
    Woo.PUBLICATION_WITHDRAW,
)


def steps(publication: Publication) -> list[tuple[AuditEvent, User | None]]:
    """The publication's steps from the audit log, oldest first, each with who took it."""
    events = list(
        AuditEvent.objects.filter(
            action__in=[str(step) for step in STEPS],
            object_type=Publication._meta.label_lower,
            object_id=str(publication.pk),
            result="ok",
        ).order_by("occurred_at", "id")
    )
    people = User.objects.in_bulk({e.actor_id for e in events if e.actor_id is not None})
    return [(e, people.get(e.actor_id) if e.actor_id is not None else None) for e in events]

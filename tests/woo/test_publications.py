"""Woo publications (issue 13): the workflow from adopted minutes to published files, four-eyes
approval, nothing changes after publication, every decision audited, and only the Woo
coordinators may work on publications."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from regie.accounts.models import Role, User
from regie.audit.models import AuditEvent
from regie.core import audit, context, locking, policy
from regie.meetings.models import Meeting, MeetingSeries
from regie.organisations.models import Organisation
from regie.woo import selectors, services
from regie.woo.export import diwoo
from regie.woo.export.redact import redacted_strings
from regie.woo.models import Frozen, Ground, Publication, PublishedFile, Redaction
from regie.woo.suggest import Lexicon
from regie.woo.vocabulary import Woo
from tests.conftest import PERSONAS, make_user
from tests.meetings.conftest import later, meeting, secretary, series, teams  # noqa: F401
from tests.woo import pdfscan
from tests.woo.test_export_sources import adopted  # noqa: F401

# No deduce: the known names are enough for a workflow, and the test stays fast.
LEXICON = Lexicon(known_names=("Marloes Quaadvliet", "Theodoor Wijnbeek", "Gijs Ravensteijn"))

Status = Publication.Status
# The coordinators among the personas: they do work on publications (tests/woo/test_views_*).
WOO_PERSONAS = ("woo", "woo_b")


@pytest.fixture
def coordinators(organisations: dict[str, Organisation]) -> dict[str, User]:
    # Not the personas "woo" and "woo_b" (tests/conftest.py): both fixtures meet in one test.
    return {
        name: make_user(f"coordinator_{name}", (organisations["amsterdam"], Role.WOO, None))
        for name in ("woo_a", "woo_b", "woo_c")
    }


@pytest.fixture
def concept(adopted: Meeting, coordinators: dict[str, User]) -> Publication:  # noqa: F811
    return services.create_from_meeting(adopted, actor=coordinators["woo_a"], lexicon=LEXICON)


def _text(publication: Publication, redaction: Redaction) -> str:
    block = publication.source_document().blocks[redaction.block]
    return block.text[redaction.start : redaction.end]


def _decide_all(publication: Publication, actor: User) -> None:
    for redaction in selectors.redactions(publication).filter(state="suggested"):
        services.decide(redaction, actor=actor, accept=True)


@contextmanager
def request() -> Iterator[None]:
    """As in a request: a refusal is logged outside the refused write's transaction (the
    middleware flushes it), so the rollback does not take the denial with it."""
    ctx = context.RequestContext()
    with context.request_context(ctx):
        try:
            yield
        finally:
            audit.flush_pending(ctx)


def _refused(attempt: Callable[[], object]) -> None:
    with request(), pytest.raises(PermissionDenied):
        attempt()


def _approved(publication: Publication, coordinators: dict[str, User]) -> Publication:
    _decide_all(publication, coordinators["woo_a"])
    services.submit_for_review(publication, actor=coordinators["woo_a"])
    return services.approve(publication, actor=coordinators["woo_b"])


@pytest.mark.django_db
def test_the_whole_workflow_from_adopted_minutes_to_published_files(
    concept: Publication, coordinators: dict[str, User]
) -> None:
    woo_a, woo_b = coordinators["woo_a"], coordinators["woo_b"]
    assert concept.status == Status.CONCEPT
    assert concept.meeting is not None
    suggested = list(selectors.redactions(concept))
    assert {r.state for r in suggested} == {"suggested"}
    assert {_text(concept, r) for r in suggested} >= {"Marloes Quaadvliet", "Gijs Ravensteijn"}

    for kept in (r for r in suggested if _text(concept, r) == "Gijs Ravensteijn"):
        services.decide(kept, actor=woo_a, accept=False, reason="Treedt op in functie.")
    _decide_all(concept, woo_a)
    block = next(
        i for i, b in enumerate(concept.source_document().blocks) if "notitie van de GGD" in b.text
    )
    text = concept.source_document().blocks[block].text
    start = text.index("notitie")
    manual = services.add_manual(
        concept,
        actor=woo_a,
        block=block,
        start=start,
        end=start + len("notitie"),
        ground=Ground.objects.get(code="5.1.2.e"),
        reason="Verwijst naar een persoonlijk stuk.",
    )
    assert manual.state == "accepted"
    assert manual.source == "manual"

    services.submit_for_review(concept, actor=woo_a)
    assert (concept.status, concept.submitted_by) == (Status.TER_BEOORDELING, woo_a)
    services.approve(concept, actor=woo_b)
    assert (concept.status, concept.approved_by) == (Status.GOEDGEKEURD, woo_b)
    services.publish(concept, actor=woo_b)
    concept.refresh_from_db()
    assert concept.status == Status.GEPUBLICEERD
    assert concept.published_at is not None

    files = selectors.published_files(concept)
    assert set(files) == {"pdf", "txt", "diwoo"}
    for stored in files.values():
        assert stored.sha256 == hashlib.sha256(bytes(stored.content)).hexdigest()
    spans = selectors.accepted_spans(concept)
    secrets = redacted_strings(concept.source_document(), spans)
    assert "Marloes Quaadvliet" in secrets
    assert pdfscan.leaks(bytes(files["pdf"].content), secrets) == {}
    published_text = bytes(files["txt"].content).decode()
    assert not [s for s in secrets if s in published_text]
    assert "Gijs Ravensteijn" in published_text  # rejected: stays in
    assert "[5.1.2.e]" in published_text
    diwoo.validate(bytes(files["diwoo"].content))

    services.withdraw(concept, actor=woo_a, reason="Verkeerde versie gepubliceerd.")
    concept.refresh_from_db()
    assert concept.status == Status.INGETROKKEN
    assert concept.withdrawn_at is not None
    assert concept.withdraw_reason == "Verkeerde versie gepubliceerd."
    assert PublishedFile.objects.filter(publication=concept).count() == 3


@pytest.mark.django_db
def test_every_step_and_decision_is_audited_with_who_and_why(
    concept: Publication, coordinators: dict[str, User]
) -> None:
    woo_a, woo_b = coordinators["woo_a"], coordinators["woo_b"]
    first, *rest = selectors.redactions(concept)
    services.decide(first, actor=woo_a, accept=False, reason="Functienaam, openbaar.")
    services.change_ground(
        rest[0], actor=woo_a, ground=Ground.objects.get(code="5.1.1.d"), reason="Gezondheid."
    )
    _approved(concept, coordinators)
    services.publish(concept, actor=woo_b)

    def events(action: Woo) -> list[AuditEvent]:
        return list(AuditEvent.objects.filter(action=action, result="ok"))

    (rejected,) = events(Woo.REDACTION_REJECT)
    assert (rejected.actor_id, rejected.changes["reason"]) == (woo_a.pk, "Functienaam, openbaar.")
    assert rejected.object_id == str(first.pk)
    (ground,) = events(Woo.REDACTION_GROUND)
    assert ground.changes["ground"] == ["5.1.2.e", "5.1.1.d"]
    assert ground.changes["reason"] == "Gezondheid."
    assert len(events(Woo.REDACTION_ACCEPT)) == len(rest) - 1
    for action, actor in (
        (Woo.PUBLICATION_CREATE, woo_a),
        (Woo.PUBLICATION_SUBMIT, woo_a),
        (Woo.PUBLICATION_APPROVE, woo_b),
        (Woo.PUBLICATION_PUBLISH, woo_b),
    ):
        (event,) = events(action)
        assert event.actor_id == actor.pk
        assert event.object_type == "woo.publication"
    # The log names a redaction by its place, never by the text it withholds.
    logged = " ".join(str(e.changes) for e in AuditEvent.objects.all())
    assert "Quaadvliet" not in logged
    assert "Wijnbeek" not in logged


@pytest.mark.django_db
def test_nobody_approves_their_own_work(
    concept: Publication, coordinators: dict[str, User]
) -> None:
    woo_a, woo_b, woo_c = coordinators["woo_a"], coordinators["woo_b"], coordinators["woo_c"]
    first, *_rest = selectors.redactions(concept)
    services.decide(first, actor=woo_c, accept=True)  # woo_c helped decide
    _decide_all(concept, woo_a)
    services.submit_for_review(concept, actor=woo_b)  # woo_b submitted
    for someone in (woo_a, woo_b, woo_c):
        assert not policy.permits(someone, Woo.PUBLICATION_APPROVE, concept)
        _refused(lambda: services.approve(concept, actor=someone))  # noqa: B023
        _refused(lambda: services.send_back(concept, actor=someone, reason="Nee."))  # noqa: B023
    assert AuditEvent.objects.filter(action=Woo.PUBLICATION_APPROVE, result="denied").count() == 3
    concept.refresh_from_db()
    assert concept.status == Status.TER_BEOORDELING

    fresh = make_user(
        "woo_d", (Organisation.objects.get(name="Gemeente Amsterdam"), Role.WOO, None)
    )
    services.send_back(concept, actor=fresh, reason="Naam in 2.1 gemist.")
    assert concept.status == Status.CONCEPT
    assert concept.submitted_by is None


@pytest.mark.django_db
def test_submitting_needs_every_suggestion_decided(
    concept: Publication, coordinators: dict[str, User]
) -> None:
    with pytest.raises(ValidationError) as refused:
        services.submit_for_review(concept, actor=coordinators["woo_a"])
    assert refused.value.code == "undecided"


@pytest.mark.django_db
def test_a_published_publication_cannot_be_changed(
    concept: Publication, coordinators: dict[str, User]
) -> None:
    woo_a = coordinators["woo_a"]
    _approved(concept, coordinators)
    services.publish(concept, actor=coordinators["woo_b"])
    redaction = selectors.redactions(concept).first()
    assert redaction is not None
    ground = Ground.objects.get(code="5.1.2.e")

    # The services refuse, saying why.
    for attempt in (
        lambda: services.decide(redaction, actor=woo_a, accept=False, reason="Toch niet."),
        lambda: services.change_ground(redaction, actor=woo_a, ground=ground, reason="Anders."),
        lambda: services.add_manual(concept, actor=woo_a, block=0, start=0, end=1, ground=ground),
        lambda: services.submit_for_review(concept, actor=woo_a),
        lambda: services.publish(concept, actor=woo_a),
    ):
        with pytest.raises(ValidationError) as refused:
            attempt()
        assert refused.value.code == "status"

    # And the models refuse whatever goes around the services.
    concept.title = "Iets anders"
    with pytest.raises(Frozen):
        concept.save()
    with pytest.raises(Frozen):
        Publication.objects.filter(pk=concept.pk).update(title="Iets anders")
    with pytest.raises(Frozen):
        locking.bump(concept, None, {"document": {"title": "x", "blocks": []}})
    with pytest.raises(Frozen):
        concept.delete()
    redaction.state = "rejected"
    with pytest.raises(Frozen):
        redaction.save()
    with pytest.raises(Frozen):
        Redaction.objects.filter(publication=concept).update(state="rejected")
    with pytest.raises(Frozen):
        Redaction.objects.filter(publication=concept).delete()
    stored = PublishedFile.objects.filter(publication=concept).first()
    assert stored is not None
    stored.content = b"anders"
    with pytest.raises(Frozen):
        stored.save()
    with pytest.raises(Frozen):
        stored.delete()
    with pytest.raises(Frozen):
        PublishedFile.objects.filter(publication=concept).update(content=b"anders")
    assert Redaction.objects.filter(publication=concept, state="accepted").exists()


@pytest.mark.django_db
def test_a_stale_screen_gets_a_conflict(
    concept: Publication, coordinators: dict[str, User]
) -> None:
    first, second, *_rest = selectors.redactions(concept)
    version = concept.version
    services.decide(first, actor=coordinators["woo_a"], accept=True, expected_version=version)
    with pytest.raises(locking.Conflict):
        services.decide(second, actor=coordinators["woo_b"], accept=True, expected_version=version)


@pytest.mark.django_db
def test_minutes_that_are_not_adopted_cannot_be_published(
    series: MeetingSeries,  # noqa: F811
    coordinators: dict[str, User],
) -> None:
    planned = Meeting.objects.create(series=series, date=dt.date(2021, 6, 15))
    with pytest.raises(ValidationError) as refused:
        services.create_from_meeting(planned, actor=coordinators["woo_a"], lexicon=LEXICON)
    assert refused.value.code == "not_adopted"
    assert not Publication.objects.exists()


@pytest.mark.django_db
def test_an_upload_is_kept_beside_its_suggestions(coordinators: dict[str, User]) -> None:
    data = b"# Verslag\nMarloes Quaadvliet opent de vergadering.\n"
    publication = services.create_from_upload(
        data,
        actor=coordinators["woo_a"],
        title=" Verslag  overleg ",
        file_name="verslag.txt",
        information_category=diwoo.WOO_VERZOEKEN.resource,
        document_type=diwoo.VERGADERVERSLAG.resource,
        adopted_on=dt.date(2021, 6, 15),
        lexicon=LEXICON,
    )
    assert publication.title == "Verslag overleg"
    assert (bytes(publication.original), publication.original_name) == (data, "verslag.txt")
    (suggested,) = selectors.redactions(publication)
    assert _text(publication, suggested) == "Marloes Quaadvliet"
    with pytest.raises(ValidationError) as refused:
        services.create_from_upload(
            data,
            actor=coordinators["woo_a"],
            title="Verslag",
            file_name="verslag.txt",
            information_category="https://example.org/geen-categorie",
            document_type=diwoo.VERGADERVERSLAG.resource,
            adopted_on=dt.date(2021, 6, 15),
            lexicon=LEXICON,
        )
    assert refused.value.code == "diwoo"


@pytest.mark.django_db
@pytest.mark.parametrize("name", [p for p in PERSONAS if p not in WOO_PERSONAS])
def test_only_woo_coordinators_work_on_publications(
    name: str,
    personas: dict[str, User],
    concept: Publication,
    adopted: Meeting,  # noqa: F811
) -> None:
    user = personas[name]
    assert not policy.visible(user, Publication).exists()
    assert not selectors.publications(user).exists()
    for action in Woo:
        if action is not Woo.CONFIGURE:
            assert not policy.permits(user, action, concept), action
    redaction = selectors.redactions(concept).first()
    assert redaction is not None
    _refused(lambda: services.create_from_meeting(adopted, actor=user, lexicon=LEXICON))
    _refused(lambda: services.decide(redaction, actor=user, accept=True))
    _refused(lambda: services.submit_for_review(concept, actor=user))
    assert Publication.objects.count() == 1
    assert AuditEvent.objects.filter(actor_id=user.pk, result="denied").count() == 3


@pytest.mark.django_db
def test_a_screen_loaded_before_publication_cannot_decide_after_it(
    concept: Publication, coordinators: dict[str, User]
) -> None:
    stale = Redaction.objects.select_related("publication").filter(publication=concept).first()
    assert stale is not None
    _approved(concept, coordinators)
    services.publish(concept, actor=coordinators["woo_b"])
    assert stale.publication.status == Status.CONCEPT  # as the screen loaded it
    with pytest.raises(ValidationError) as refused:
        services.decide(stale, actor=coordinators["woo_a"], accept=False, reason="Toch niet.")
    assert refused.value.code == "status"


@pytest.mark.django_db
def test_the_default_lexicon_with_deduce_gives_known_sources(
    deduce_cache: object,
    adopted: Meeting,  # noqa: F811
    coordinators: dict[str, User],
) -> None:
    publication = services.create_from_meeting(adopted, actor=coordinators["woo_a"])
    rows = list(selectors.redactions(publication))
    assert rows
    assert {r.source for r in rows} <= set(Redaction.Source.values)
    found = {_text(publication, r) for r in rows}
    assert "Theodoor Wijnbeek" in found

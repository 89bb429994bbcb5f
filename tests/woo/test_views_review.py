# ruff: noqa: F811  (pytest fixtures imported by name and taken as arguments)
"""The review screen: the document with every redaction marked by colour and ground code, the
decisions per suggestion (accept, reject with a reason, another ground), manual redactions by
text, accept-all, the audit of every read and decision, and a constant number of queries."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regie.accounts.models import User
from regie.audit.models import AuditEvent
from regie.woo import selectors, services
from regie.woo.export import diwoo
from regie.woo.models import Ground, Publication, Redaction
from regie.woo.suggest import Lexicon
from tests.woo.views_support import (  # noqa: F401
    LoginAs,
    adopted,
    concept,
    meeting,
    secretary,
    series,
    teams,
    text_of,
)


def _first(publication: Publication, text: str) -> Redaction:
    return next(r for r in selectors.redactions(publication) if text_of(publication, r) == text)


def _block(publication: Publication, part: str) -> int:
    blocks = publication.source_document().blocks
    return next(i for i, b in enumerate(blocks) if part in b.text)


def test_the_screen_marks_each_redaction_with_its_ground_code_and_a_legend(
    login_as: LoginAs, concept: Publication
) -> None:
    response = login_as("woo").get(reverse("woo:review", args=[concept.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    redaction = _first(concept, "Marloes Quaadvliet")
    assert f'id="markering-{redaction.pk}"' in html
    assert f'id="redactie-{redaction.pk}"' in html
    assert "regie-woo-mark--suggested regie-woo-ground--0" in html
    assert '<span class="regie-woo-mark__code" data-woo-label>5.1.2.e' in html  # not colour alone
    assert "Gebruikte gronden" in html
    assert "Eerbiediging van de persoonlijke levenssfeer" in html
    assert "bekende persoon" in html or "known" in html  # the source of the suggestion
    assert "Tekst handmatig weglakken" in html
    assert "Ter beoordeling aanbieden" in html
    assert "regie/woo-review.js" in html


def test_every_read_of_the_screen_is_audited(
    login_as: LoginAs, concept: Publication, personas: dict[str, User]
) -> None:
    login_as("woo_b").get(reverse("woo:review", args=[concept.pk]))
    assert AuditEvent.objects.filter(
        actor_id=personas["woo_b"].pk,
        action="woo.publication.view.read",
        object_type="woo.publication",
        object_id=str(concept.pk),
    ).exists()


def test_accept_returns_to_the_redaction_and_is_audited(
    login_as: LoginAs, concept: Publication, personas: dict[str, User]
) -> None:
    redaction = _first(concept, "Marloes Quaadvliet")
    response = login_as("woo").post(
        reverse("woo:decide", args=[redaction.pk]),
        {f"r{redaction.pk}-decision": "accept", f"r{redaction.pk}-version": concept.version},
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#redactie-{redaction.pk}")
    redaction.refresh_from_db()
    assert (redaction.state, redaction.decided_by) == ("accepted", personas["woo"])
    assert AuditEvent.objects.filter(
        action="woo.redaction.accept", object_id=str(redaction.pk), actor_id=personas["woo"].pk
    ).exists()


def test_reject_needs_a_reason(login_as: LoginAs, concept: Publication) -> None:
    redaction = _first(concept, "Gijs Ravensteijn")
    client = login_as("woo")
    url = reverse("woo:decide", args=[redaction.pk])
    refused = client.post(url, {f"r{redaction.pk}-decision": "reject"})
    assert refused.status_code == 400
    assert "Zeg waarom dit in de publicatie blijft staan" in refused.content.decode()
    redaction.refresh_from_db()
    assert redaction.state == "suggested"
    done = client.post(
        url, {f"r{redaction.pk}-decision": "reject", f"r{redaction.pk}-reason": "In functie."}
    )
    assert done.status_code == 302
    redaction.refresh_from_db()
    assert (redaction.state, redaction.reason) == ("rejected", "In functie.")


def test_a_stale_screen_is_a_conflict_not_an_overwrite(
    login_as: LoginAs, concept: Publication
) -> None:
    redaction = _first(concept, "Marloes Quaadvliet")
    response = login_as("woo").post(
        reverse("woo:decide", args=[redaction.pk]),
        {
            f"r{redaction.pk}-decision": "accept",
            f"r{redaction.pk}-version": concept.version - 1 or 99,
        },
    )
    assert response.status_code == 400
    redaction.refresh_from_db()
    assert redaction.state == "suggested"


def test_another_ground(login_as: LoginAs, concept: Publication) -> None:
    redaction = _first(concept, "Marloes Quaadvliet")
    other = Ground.objects.get(code="5.1.2.h")
    client = login_as("woo")
    url = reverse("woo:change_ground", args=[redaction.pk])
    refused = client.post(url, {f"g{redaction.pk}-ground": other.pk})
    assert refused.status_code == 400
    assert "Geef een reden op." in refused.content.decode()
    done = client.post(
        url, {f"g{redaction.pk}-ground": other.pk, f"g{redaction.pk}-reason": "Beveiliging."}
    )
    assert done.status_code == 302
    redaction.refresh_from_db()
    assert (redaction.ground, redaction.state) == (other, "accepted")


def _manual(concept: Publication, **fields: object) -> dict[str, object]:
    return {
        "manual-version": concept.version,
        "manual-ground": Ground.objects.get(code="5.1.2.e").pk,
        "manual-occurrence": 1,
        **{f"manual-{k}": v for k, v in fields.items()},
    }


def test_manual_redaction_by_text(
    login_as: LoginAs, concept: Publication, personas: dict[str, User]
) -> None:
    block = _block(concept, "notitie van de GGD")
    response = login_as("woo").post(
        reverse("woo:add_manual", args=[concept.pk]),
        _manual(concept, block=block, text="notitie", reason="Persoonlijk stuk."),
    )
    assert response.status_code == 302
    added = concept.redactions.get(source="manual")
    assert response["Location"].endswith(f"#redactie-{added.pk}")
    assert text_of(concept, added) == "notitie"
    assert (added.state, added.decided_by, added.reason) == (
        "accepted",
        personas["woo"],
        "Persoonlijk stuk.",
    )
    assert AuditEvent.objects.filter(action="woo.redaction.add", object_id=str(added.pk)).exists()


def test_manual_text_not_in_the_part_is_a_clear_error(
    login_as: LoginAs, concept: Publication
) -> None:
    block = _block(concept, "notitie van de GGD")
    response = login_as("woo").post(
        reverse("woo:add_manual", args=[concept.pk]),
        _manual(concept, block=block, text="staat er niet"),
    )
    assert response.status_code == 400
    assert "Deze tekst staat niet in het gekozen deel van het document" in (
        response.content.decode()
    )
    assert not concept.redactions.filter(source="manual").exists()


def test_manual_every_occurrence_in_the_part(login_as: LoginAs, personas: dict[str, User]) -> None:
    memo = services.create_from_upload(
        b"Uitleg.\nDe buurman belt, de buurman schrijft en de buurman komt langs.\n",
        actor=personas["woo"],
        title="Memo",
        file_name="memo.txt",
        information_category=diwoo.VERGADERSTUKKEN_DECENTRALE_OVERHEDEN.resource,
        document_type=diwoo.VERGADERSTUK.resource,
        adopted_on=dt.date(2021, 6, 15),
        lexicon=Lexicon(),
    )
    client = login_as("woo")
    url = reverse("woo:add_manual", args=[memo.pk])
    second = client.post(url, _manual(memo, block=1, text="buurman", occurrence=2))
    assert second.status_code == 302
    added = memo.redactions.get()
    assert (added.start, added.end) == (20, 27)
    memo.refresh_from_db()
    too_far = client.post(url, _manual(memo, block=1, text="buurman", occurrence=5))
    assert too_far.status_code == 400
    assert "De tekst komt 3 keer voor in dit deel, niet 5 keer." in too_far.content.decode()
    # Every occurrence, one of which is already redacted: all or nothing.
    memo.refresh_from_db()
    refused = client.post(url, _manual(memo, block=1, text="buurman", every="on"))
    assert refused.status_code == 400
    assert memo.redactions.count() == 1
    memo.refresh_from_db()
    everyone = client.post(url, _manual(memo, block=1, text="de buurman", every="on"))
    assert everyone.status_code == 400  # the second runs into the redaction of "buurman"
    assert memo.redactions.count() == 1
    added.delete()
    memo.refresh_from_db()
    done = client.post(url, _manual(memo, block=1, text="buurman", every="on"))
    assert done.status_code == 302
    assert memo.redactions.count() == 3


def test_accept_all_decides_each_suggestion_on_its_own(
    login_as: LoginAs, concept: Publication, personas: dict[str, User]
) -> None:
    count = concept.redactions.filter(state="suggested").count()
    assert count > 1
    response = login_as("woo").post(
        reverse("woo:accept_all", args=[concept.pk]), {"version": concept.version}
    )
    assert response.status_code == 302
    assert not concept.redactions.filter(state="suggested").exists()
    assert AuditEvent.objects.filter(action="woo.redaction.accept").count() == count


def test_decisions_are_refused_after_submission(
    login_as: LoginAs, concept: Publication, personas: dict[str, User]
) -> None:
    services.decide(_first(concept, "Marloes Quaadvliet"), actor=personas["woo"], accept=True)
    for open_ in concept.redactions.filter(state="suggested"):
        services.decide(open_, actor=personas["woo"], accept=True)
    services.submit_for_review(concept, actor=personas["woo"])
    redaction = concept.redactions.first()
    assert redaction is not None
    page = login_as("woo").get(reverse("woo:review", args=[concept.pk])).content.decode()
    assert reverse("woo:decide", args=[redaction.pk]) not in page
    response = login_as("woo").post(
        reverse("woo:decide", args=[redaction.pk]),
        {f"r{redaction.pk}-decision": "reject", f"r{redaction.pk}-reason": "Toch niet."},
    )
    assert response.status_code == 400
    redaction.refresh_from_db()
    assert redaction.state == "accepted"


def test_the_screen_takes_the_same_number_of_queries_for_few_and_many_redactions(
    login_as: LoginAs, concept: Publication, personas: dict[str, User]
) -> None:
    client = login_as("woo")
    url = reverse("woo:review", args=[concept.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    ground = Ground.objects.get(code="5.1.2.e")
    blocks = concept.source_document().blocks
    taken = {(r.block) for r in concept.redactions.all()}
    for index, block in enumerate(blocks):
        if index not in taken and len(block.text) > 3:
            services.add_manual(
                concept, actor=personas["woo"], block=index, start=0, end=2, ground=ground
            )
    assert concept.redactions.count() > len(taken) + 5
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)

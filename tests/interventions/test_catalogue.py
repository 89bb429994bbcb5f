"""The pallet's lifecycle: versions, change requests, review, publishing."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from regie.audit.models import AuditEvent
from regie.interventions import defaults, selectors, services
from regie.interventions.models import CatalogueVersion, ChangeRequest, Domain, Intervention
from tests.interventions.fixtures import current, pick

ADD = ChangeRequest.Kind.ADD
CHANGE = ChangeRequest.Kind.CHANGE
RETIRE = ChangeRequest.Kind.RETIRE


def propose(
    actor: Any,
    kind: str,
    target: Intervention | None = None,
    name: str = "",
    domain: str = Domain.ZORG,
    **extra: Any,
) -> ChangeRequest:
    return services.propose_change(
        actor=actor,
        proposal=services.Proposal(
            kind=kind,
            target=target,
            name=name,
            domain=domain if kind != RETIRE else "",
            motivation=extra.pop("motivation", "Uit de evaluatie van casussen."),
            **extra,
        ),
    )


def test_seeded_pallet_is_the_one_current_version(db) -> None:
    version = current()
    assert version.name == "Basispallet 2026"
    assert CatalogueVersion.objects.filter(status="current").count() == 1
    interventions = list(version.interventions.all())
    assert len(interventions) == len(defaults.INTERVENTIONS) >= 25
    assert {i.domain for i in interventions} == set(Domain.values)
    assert version.review_on > timezone.localdate() + timedelta(days=300)


def test_database_refuses_a_second_current_version(db) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        CatalogueVersion.objects.create(
            name="Schaduwpallet", status=CatalogueVersion.Status.CURRENT, review_on=date(2030, 1, 1)
        )
    # Drafts and archived versions may be many.
    CatalogueVersion.objects.create(name="Concept A", review_on=date(2030, 1, 1))
    CatalogueVersion.objects.create(name="Concept B", review_on=date(2030, 1, 1))


def test_regie_team_proposes_and_the_rest_may_not(personas, reviewers) -> None:
    for name in ("teamleider", "regisseur_a"):
        change = propose(personas[name], ADD, name=f"Buddyproject {name}")
        assert change.status == ChangeRequest.Status.PROPOSED
        assert AuditEvent.objects.filter(
            action="interventions.change.propose", object_id=str(change.pk)
        ).exists()
    for name in ("partner_stadsdeel", "auditor", "outsider"):
        with pytest.raises(PermissionDenied):
            propose(personas[name], ADD, name="Iets")
    with pytest.raises(PermissionDenied):
        propose(reviewers["ggd_reviewer"], ADD, name="Iets")
    propose(reviewers["programma"], ADD, name="Van het programmateam")


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"kind": ADD, "name": "Nieuw", "motivation": "  "}, "motivation"),
        ({"kind": ADD, "name": "Mentortraject"}, "name_taken"),
        ({"kind": ADD, "name": "mentortraject"}, "name_taken"),
        ({"kind": ADD, "name": "Nieuw", "domain": "onzin"}, "domain"),
        ({"kind": CHANGE, "target": "Mentortraject", "name": "Gezinscoaching"}, "name_taken"),
        ({"kind": CHANGE, "target": None, "name": "X"}, "target"),
    ],
)
def test_proposals_are_validated(personas, kwargs, code) -> None:
    target = kwargs.pop("target", None)
    if isinstance(target, str):
        target = pick(target)
    with pytest.raises(ValidationError) as exc:
        propose(personas["regisseur_a"], target=target, **kwargs)
    assert exc.value.code == code


def test_a_change_that_changes_nothing_is_refused(personas) -> None:
    mentor = pick("Mentortraject")
    with pytest.raises(ValidationError) as exc:
        propose(
            personas["regisseur_a"],
            CHANGE,
            target=mentor,
            name=mentor.name,
            domain=mentor.domain,
            typical_partner_kind=mentor.typical_partner_kind,
            description=mentor.description,
        )
    assert exc.value.code == "no_change"


def test_reviewers_accept_and_reject_but_not_their_own(personas, reviewers) -> None:
    by_regisseur = propose(personas["regisseur_a"], ADD, name="Buddyproject")
    with pytest.raises(PermissionDenied):
        services.accept_change(actor=personas["teamleider"], change=by_regisseur)
    with pytest.raises(PermissionDenied):
        services.accept_change(actor=personas["partner_stadsdeel"], change=by_regisseur)
    accepted = services.accept_change(actor=reviewers["ggd_reviewer"], change=by_regisseur)
    assert accepted.status == ChangeRequest.Status.ACCEPTED
    assert accepted.reviewed_by == reviewers["ggd_reviewer"]
    # Reviewed once is final.
    with pytest.raises(PermissionDenied):
        services.reject_change(actor=reviewers["programma"], change=accepted, reason="Toch niet")

    own = propose(reviewers["programma"], ADD, name="Eigen voorstel")
    with pytest.raises(PermissionDenied):
        services.accept_change(actor=reviewers["programma"], change=own)
    services.accept_change(actor=reviewers["ggd_reviewer"], change=own)


def test_rejection_needs_a_reason(personas, reviewers) -> None:
    change = propose(personas["regisseur_a"], RETIRE, target=pick("Stopgesprek"))
    with pytest.raises(ValidationError):
        services.reject_change(actor=reviewers["programma"], change=change, reason="  ")
    change.refresh_from_db()
    assert change.status == ChangeRequest.Status.PROPOSED
    rejected = services.reject_change(
        actor=reviewers["programma"], change=change, reason="Nog nodig in lopende casussen."
    )
    assert rejected.status == ChangeRequest.Status.REJECTED
    assert AuditEvent.objects.filter(
        action="interventions.change.reject", object_id=str(change.pk)
    ).exists()


def test_database_refuses_a_rejection_without_reason(personas) -> None:
    change = propose(personas["regisseur_a"], ADD, name="Buddyproject")
    with pytest.raises(IntegrityError), transaction.atomic():
        ChangeRequest.objects.filter(pk=change.pk).update(status="rejected")


def test_only_the_teamleider_publishes(personas, reviewers) -> None:
    for name in ("regisseur_a", "partner_stadsdeel", "auditor"):
        with pytest.raises(PermissionDenied):
            services.publish_version(actor=personas[name], name="Basispallet 2027")
    with pytest.raises(PermissionDenied):
        services.publish_version(actor=reviewers["programma"], name="Basispallet 2027")
    assert current().name == "Basispallet 2026"


def test_publish_applies_accepted_changes_and_archives_the_old_version(
    personas, reviewers, own_case, add_intervention
) -> None:
    teamleider, regisseur, reviewer = (
        personas["teamleider"],
        personas["regisseur_a"],
        reviewers["programma"],
    )
    old = current()
    mentor, stop, gezin = pick("Mentortraject"), pick("Stopgesprek"), pick("Gezinscoaching")
    used = add_intervention(own_case, "Mentortraject", outcome="Loopt goed")

    added = propose(
        regisseur, ADD, name="Buddyproject", domain=Domain.BEIDE, typical_partner_kind="welzijn"
    )
    changed = propose(
        regisseur,
        CHANGE,
        target=mentor,
        name="Mentortraject jongeren",
        domain=Domain.BEIDE,
        typical_partner_kind="welzijn",
        description="Nieuwe omschrijving",
    )
    retired = propose(regisseur, RETIRE, target=stop)
    rejected = propose(regisseur, RETIRE, target=gezin)
    pending = propose(regisseur, ADD, name="Nog in behandeling")
    for change in (added, changed, retired):
        services.accept_change(actor=reviewer, change=change)
    services.reject_change(actor=reviewer, change=rejected, reason="Blijft nodig")

    today = date(2026, 12, 1)
    new = services.publish_version(actor=teamleider, name="Basispallet 2027", today=today)

    old.refresh_from_db()
    assert old.status == CatalogueVersion.Status.ARCHIVED
    assert new.status == CatalogueVersion.Status.CURRENT
    assert new.published_by == teamleider
    assert new.review_on == date(2027, 12, 1)
    assert CatalogueVersion.objects.filter(status="current").get() == new

    rows = {i.lineage: i for i in new.interventions.all()}
    assert len(rows) == len(defaults.INTERVENTIONS) + 1
    assert rows[mentor.lineage].name == "Mentortraject jongeren"
    assert rows[mentor.lineage].description == "Nieuwe omschrijving"
    assert rows[stop.lineage].is_active is False
    assert rows[gezin.lineage].is_active is True
    buddy = new.interventions.get(name="Buddyproject")
    assert buddy.domain == Domain.BEIDE
    assert buddy.lineage not in {i.lineage for i in old.interventions.all()}

    for change in (added, changed, retired):
        change.refresh_from_db()
        assert change.applied_in == new
    for change in (rejected, pending):
        change.refresh_from_db()
        assert change.applied_in is None

    # The old version stays readable, untouched, and the case still points at it.
    mentor.refresh_from_db()
    assert mentor.name == "Mentortraject"
    assert mentor.version == old
    used.refresh_from_db()
    assert used.intervention == mentor
    assert old.interventions.count() == len(defaults.INTERVENTIONS)
    assert selectors.version_by_id(old.pk) == old

    # New case interventions come from the new version; a retired one is not offered.
    choosable = set(selectors.choosable_interventions().values_list("name", flat=True))
    assert "Mentortraject jongeren" in choosable
    assert "Stopgesprek" not in choosable
    assert "Mentortraject" not in choosable
    assert AuditEvent.objects.filter(
        action="interventions.version.publish", object_id=str(new.pk)
    ).exists()

    # The next version no longer carries the retired intervention; its lineage ends there.
    services.accept_change(actor=reviewer, change=pending)
    third = services.publish_version(actor=teamleider, name="Basispallet 2028")
    assert not third.interventions.filter(lineage=stop.lineage).exists()
    assert third.interventions.filter(name="Nog in behandeling").exists()
    assert Intervention.objects.filter(lineage=mentor.lineage).count() == 3


def test_publishing_without_changes_renews_the_review_date(personas) -> None:
    old = current()
    new = services.publish_version(
        actor=personas["teamleider"], name="Basispallet 2027", today=date(2027, 2, 28)
    )
    assert new.review_on == date(2028, 2, 28)
    assert sorted(new.interventions.values_list("name", flat=True)) == sorted(
        old.interventions.values_list("name", flat=True)
    )


def test_a_change_accepted_late_is_applied_by_lineage(personas, reviewers) -> None:
    mentor = pick("Mentortraject")
    change = propose(personas["regisseur_a"], CHANGE, target=mentor, name="Mentor plus")
    services.publish_version(actor=personas["teamleider"], name="Basispallet 2027")
    # Proposed against 2026, accepted while 2027 is current.
    services.accept_change(actor=reviewers["programma"], change=change)
    newest = services.publish_version(actor=personas["teamleider"], name="Basispallet 2028")
    row = newest.interventions.get(lineage=mentor.lineage)
    assert row.name == "Mentor plus"
    assert newest.interventions.filter(name="Mentortraject").count() == 0


def test_publish_refuses_duplicate_names_and_taken_version_names(personas, reviewers) -> None:
    first = propose(personas["regisseur_a"], ADD, name="Buddyproject")
    second = propose(personas["regisseur_b"], ADD, name="buddyproject")
    for change in (first, second):
        services.accept_change(actor=reviewers["programma"], change=change)
    with pytest.raises(ValidationError) as exc:
        services.publish_version(actor=personas["teamleider"], name="Basispallet 2027")
    assert exc.value.code == "duplicate_name"
    assert current().name == "Basispallet 2026"
    assert not CatalogueVersion.objects.filter(name="Basispallet 2027").exists()
    with pytest.raises(ValidationError) as exc:
        services.publish_version(actor=personas["teamleider"], name="basispallet 2026")
    assert exc.value.code == "name_taken"


def test_review_reminder_a_month_before(db) -> None:
    version = current()
    version.review_on = date(2027, 3, 31)
    version.save()
    assert selectors.review_due(date(2027, 2, 27)) is None
    assert selectors.review_due(date(2027, 2, 28)) == version
    assert selectors.review_due(date(2027, 3, 31)) == version
    assert selectors.review_due(date(2027, 6, 1)) == version  # overdue stays visible


def test_add_months_clamps_to_the_end_of_the_month() -> None:
    assert selectors.add_months(date(2027, 3, 31), -1) == date(2027, 2, 28)
    assert selectors.add_months(date(2028, 2, 29), 12) == date(2029, 2, 28)
    assert selectors.add_months(date(2026, 12, 15), 1) == date(2027, 1, 15)
    assert selectors.add_months(date(2027, 1, 15), -1) == date(2026, 12, 15)

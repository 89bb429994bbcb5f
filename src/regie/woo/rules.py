"""Who may do what with the Woo configuration and publications.

Publications are the work of the Woo coordinators (role ``woo``) only: no other role sees a
concept or its suggested redactions, which hold the very text that may not be published.
Approving is four-eyes: the approver is another coordinator than the one who created the
publication, submitted it, or decided any of its redactions (``involved``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from regie.accounts.models import Role
from regie.core.policy import rule, scope
from regie.woo.models import Publication, Redaction
from regie.woo.vocabulary import Woo

if TYPE_CHECKING:
    from regie.accounts.models import User


@rule(Woo.CONFIGURE)
def can_configure_woo(user: User, obj: Any) -> bool:
    """The grounds and term lists are configuration: the functional administrator keeps them,
    as the other configuration lists."""
    return bool(user.is_functional_admin())


def is_coordinator(user: User) -> bool:
    return bool(user.has_role(Role.WOO))


@scope(Publication)
def visible_publications(user: User) -> QuerySet[Publication]:
    if is_coordinator(user):
        return Publication.objects.all()
    return Publication.objects.none()


def _publication(obj: Any) -> Publication | None:
    if isinstance(obj, Redaction):
        return obj.publication
    return obj if isinstance(obj, Publication) else None


# Whether the publication is in the status the act needs is the services' check (a
# ValidationError that says so), not a permission.
def _coordinates(user: User, obj: Any) -> bool:
    return is_coordinator(user)


for _action in (
    Woo.PUBLICATION_VIEW,
    Woo.PUBLICATION_CREATE,
    Woo.REDACTION_ACCEPT,
    Woo.REDACTION_REJECT,
    Woo.REDACTION_GROUND,
    Woo.REDACTION_ADD,
    Woo.PUBLICATION_SUBMIT,
    Woo.PUBLICATION_PUBLISH,
    Woo.PUBLICATION_WITHDRAW,
):
    rule(_action)(_coordinates)


def involved(publication: Publication) -> set[int]:
    """The users who shaped the publication: its creator, its submitter, and everyone who
    decided or added a redaction on it."""
    people = {publication.created_by_id, publication.submitted_by_id}
    people.update(
        publication.redactions.exclude(decided_by=None).values_list("decided_by", flat=True)
    )
    return {pk for pk in people if pk is not None}


@rule(Woo.PUBLICATION_APPROVE)
def can_approve_publication(user: User, obj: Any) -> bool:
    if not is_coordinator(user):
        return False
    publication = _publication(obj)
    return publication is None or user.pk not in involved(publication)


@rule(Woo.PUBLICATION_SEND_BACK)
def can_send_back_publication(user: User, obj: Any) -> bool:
    # Sending back is the reviewer's answer, so it takes the same second pair of eyes.
    return can_approve_publication(user, obj)

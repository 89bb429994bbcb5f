from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext
from django_otp.plugins.otp_static.models import StaticToken

from regie.accounts.models import RESET_APPROVAL_WINDOW, Membership, ResetRequest, User
from regie.core import policy


def has_non_demo_users() -> bool:
    return User.objects.filter(is_demo=False).exists()


def user_by_username(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def recovery_codes_left(user: User) -> int:
    return int(StaticToken.objects.filter(device__user=user, device__confirmed=True).count())


def resets_for(user: User) -> QuerySet[ResetRequest]:
    """The reset requests this user may see, newest first, ready for a list."""
    return policy.visible(user, ResetRequest).select_related("target", "requested_by", "decided_by")


def resets_waiting_for(user: User) -> QuerySet[ResetRequest]:
    """Open requests this user could approve: within the window, not asked by them, not about
    their own account (the same conditions as the ``accounts.reset.decide`` rule)."""
    cutoff = timezone.now() - RESET_APPROVAL_WINDOW
    return (
        resets_for(user)
        .filter(status=ResetRequest.Status.PENDING, requested_at__gt=cutoff)
        .exclude(requested_by_id=user.pk)
        .exclude(target_id=user.pk)
    )


def user_counts(user: User) -> tuple[int, int]:
    """Active accounts this user may see, and how many of them have no current membership."""
    today = timezone.localdate()
    current = Membership.objects.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=today), starts_on__lte=today
    )
    active = policy.visible(user, User).filter(is_active=True)
    counts = active.aggregate(
        total=Count("id"),
        without_role=Count("id", filter=~Q(pk__in=current.values("user_id"))),
    )
    return int(counts["total"]), int(counts["without_role"])


def audit_user_names(reader: User, ids: list[str]) -> dict[str, str]:
    """The access-log viewer's names for accounts the reader may see (one query)."""
    rows = policy.visible(reader, User).filter(pk__in=ids)
    return {
        str(u.pk): u.get_full_name() or u.username
        for u in rows.only("pk", "first_name", "last_name", "username")
    }


def audit_reset_names(reader: User, ids: list[str]) -> dict[str, str]:
    rows = policy.visible(reader, ResetRequest).filter(pk__in=ids).select_related("target")
    return {
        str(r.pk): gettext("the reset request for %(name)s")
        % {"name": r.target.get_full_name() or r.target.username}
        for r in rows
    }


def audit_membership_names(reader: User, ids: list[str]) -> dict[str, str]:
    """Memberships by whose they are and what role, for accounts the reader may see."""
    rows = Membership.objects.filter(
        pk__in=ids, user__in=policy.visible(reader, User)
    ).select_related("user", "organisation")
    return {
        str(m.pk): gettext("%(name)s (%(role)s at %(organisation)s)")
        % {
            "name": m.user.get_full_name() or m.user.username,
            "role": m.get_role_display(),
            "organisation": m.organisation.name,
        }
        for m in rows
    }

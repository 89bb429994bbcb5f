from __future__ import annotations

from regie.accounts.models import User


def has_non_demo_users() -> bool:
    return User.objects.filter(is_demo=False).exists()


def user_by_username(username: str) -> User | None:
    return User.objects.filter(username=username).first()

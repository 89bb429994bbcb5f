from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from regie.core import navigation


def shell(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    verified = bool(user is not None and user.is_authenticated and user.is_verified())
    return {
        "nav_items": navigation.for_user(user, request.path) if verified else [],
        "shell_verified": verified,
        "regie_environment": settings.REGIE_ENVIRONMENT,
    }

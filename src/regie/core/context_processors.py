from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from regie.core import navigation

# The shell's context, kept on the request: a page that renders parts with the request (the
# case page's panels) runs the context processors once per part, and the navigation asks the
# policy once per entry.
_CACHE_ATTR = "_regie_shell_context"


def shell(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    verified = bool(user is not None and user.is_authenticated and user.is_verified())
    # What the entries depend on: who asks (and whether they passed the second factor) and
    # where they are. Anything else that changes within a request changes none of these.
    key = (getattr(user, "pk", None), verified, request.path)
    cached = getattr(request, _CACHE_ATTR, None)
    if cached is not None and cached[0] == key:
        return dict(cached[1])
    context = {
        "nav_items": navigation.for_user(user, request.path) if verified else [],
        "shell_verified": verified,
        "regie_environment": settings.REGIE_ENVIRONMENT,
    }
    setattr(request, _CACHE_ATTR, (key, context))
    return dict(context)

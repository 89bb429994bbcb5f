"""System checks for what settings cannot validate on import."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.staticfiles)
def node_modules_installed(app_configs: Any, **kwargs: Any) -> list[Warning]:
    if len(settings.STATICFILES_DIRS) < 3:
        return [
            Warning(
                "NL Design System CSS not found; run 'npm ci' (or set REGIE_NODE_MODULES)",
                id="regie.W001",
            )
        ]
    return []

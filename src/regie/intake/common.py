"""What the Steunpunt's services and the Weegploeg's triage share."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.core import locking
from regie.intake.models import Signal, Stage, Status


def require_stage(signal: Signal, stage: Stage) -> None:
    if signal.stage != stage:
        raise ValidationError(
            _("This signal is at stage %(stage)s: this cannot be done now.")
            % {"stage": Stage(signal.stage).label},
            code="stage",
        )


def complete(signal: Signal, version: int | None, **extra: Any) -> None:
    """Stage and status completed (by the Steunpunt's close or the Weegploeg's decision)."""
    now = timezone.now()
    locking.bump(
        signal,
        version,
        {
            "stage": Stage.AFGEROND,
            "status": Status.AFGEROND,
            "stage_since": now,
            "closed_at": now,
            **extra,
        },
        touch="updated_at",
    )

"""The NL Design System (Utrecht) classes every form widget carries, defined once.

``attrs`` dictionaries for Django widgets; copy before changing one (``{**TEXT, ...}``)."""

from __future__ import annotations

from typing import Any

TEXT: dict[str, Any] = {"class": "utrecht-textbox"}
AREA: dict[str, Any] = {"class": "utrecht-textarea", "rows": 4}
SELECT: dict[str, Any] = {"class": "utrecht-select utrecht-select--html-select"}
DATE: dict[str, Any] = {**TEXT, "type": "date"}

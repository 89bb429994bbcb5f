"""The scheduling app's action names (see ``regie.core.vocabulary``)."""

from __future__ import annotations

from regie.core.vocabulary import Action


class Scheduling(Action):
    VIEW = "scheduling.view"

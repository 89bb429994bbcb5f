"""The woo app's action names: its policy rules and its audit events (see
``regie.core.vocabulary``)."""

from __future__ import annotations

from regie.core.vocabulary import Action


class Woo(Action):
    CONFIGURE = "woo.configure"

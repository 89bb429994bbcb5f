"""The Woo grounds every installation starts with (migration 0002), from article 5.1 and 5.2
of the Wet open overheid. Labels are the short Dutch descriptions Woo decisions use; the
functional administrator may reword them, deactivate grounds or add others in the admin."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

WOO = "Wet open overheid, artikel"

# (code, label, article reference)
GROUNDS: tuple[tuple[str, str, str], ...] = (
    ("5.1.1.a", "Eenheid van de Kroon", f"{WOO} 5.1, eerste lid, onder a"),
    ("5.1.1.b", "Veiligheid van de Staat", f"{WOO} 5.1, eerste lid, onder b"),
    (
        "5.1.1.c",
        "Vertrouwelijk verstrekte bedrijfs- en fabricagegegevens",
        f"{WOO} 5.1, eerste lid, onder c",
    ),
    ("5.1.1.d", "Bijzondere persoonsgegevens", f"{WOO} 5.1, eerste lid, onder d"),
    (
        "5.1.1.e",
        "Nationale identificatienummers (zoals het BSN)",
        f"{WOO} 5.1, eerste lid, onder e",
    ),
    (
        "5.1.2.a",
        "Betrekkingen met andere staten en internationale organisaties",
        f"{WOO} 5.1, tweede lid, onder a",
    ),
    (
        "5.1.2.b",
        "Economische of financiële belangen van de overheid",
        f"{WOO} 5.1, tweede lid, onder b",
    ),
    ("5.1.2.c", "Opsporing en vervolging van strafbare feiten", f"{WOO} 5.1, tweede lid, onder c"),
    ("5.1.2.d", "Inspectie, controle en toezicht", f"{WOO} 5.1, tweede lid, onder d"),
    ("5.1.2.e", "Eerbiediging van de persoonlijke levenssfeer", f"{WOO} 5.1, tweede lid, onder e"),
    (
        "5.1.2.f",
        "Concurrentiegevoelige bedrijfs- en fabricagegegevens",
        f"{WOO} 5.1, tweede lid, onder f",
    ),
    ("5.1.2.g", "Bescherming van het milieu", f"{WOO} 5.1, tweede lid, onder g"),
    (
        "5.1.2.h",
        "Beveiliging van personen en bedrijven, voorkomen van sabotage",
        f"{WOO} 5.1, tweede lid, onder h",
    ),
    (
        "5.1.2.i",
        "Goed functioneren van de Staat en bestuursorganen",
        f"{WOO} 5.1, tweede lid, onder i",
    ),
    ("5.1.5", "Onevenredige benadeling", f"{WOO} 5.1, vijfde lid"),
    ("5.2", "Persoonlijke beleidsopvattingen in intern beraad", f"{WOO} 5.2"),
)


def load(get_model: Callable[[str, str], Any]) -> None:
    """Install the default grounds that are missing (by code); existing rows stay as edited."""
    ground_model = get_model("woo", "Ground")
    for order, (code, label, article) in enumerate(GROUNDS, start=1):
        ground_model.objects.get_or_create(
            code=code, defaults={"label": label, "article": article, "order": order * 10}
        )

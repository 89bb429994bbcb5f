"""Words that are never redacted: organisations, public bodies, districts, places and
functions. A function is not a personal name ("projectleiders"), nor is a district that
shares a word with a surname ("Bos en Lommer").

The built-in list below holds what every Amsterdam installation has; the installation's own
organisations and teams come from the database (``regie.woo.selectors.protected_terms``).
A term with a capital inside a word ("GGD", "OM", "TER-team", "iPGA-R") is matched with its
exact case, so "OM" is protected and the word "om" is simply not a name; every other
term is matched whatever its case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

BUILT_IN: tuple[str, ...] = (
    # Public bodies, partners and programmes
    "Gemeente Amsterdam", "gemeente", "GGD", "GGD Amsterdam", "OM", "Openbaar Ministerie",
    "OOV", "Openbare Orde en Veiligheid", "Directie OOV", "politie", "Politie Amsterdam",
    "Eenheid Amsterdam", "NCTV", "AIVD", "IND", "DJI", "Reclassering", "Reclassering Nederland",
    "Leger des Heils", "Jeugdbescherming", "Raad voor de Kinderbescherming", "Veilig Thuis",
    "Veiligheidshuis", "Zorg- en Veiligheidshuis", "Steunpunt", "Steunpunt Radicalisering",
    "Informatiehuis Radicalisering", "TER-team", "iPGA-R", "iPGA", "PGA", "ROR", "Top600",
    "Top400", "AM-gemeenten", "Amstellandgemeenten", "Sociaal Wijkteam", "Ouder- en Kindteam",
    "Samen DOEN", "Salto", "Arkin", "Mentrum", "HVO-Querido", "Woo", "AVG", "BSN", "ZRM",
    # Districts and neighbourhoods
    "stadsdeel", "stadsdelen", "Centrum", "Nieuw-West", "Noord", "Oost", "West", "Zuid",
    "Zuidoost", "Weesp", "Westpoort", "Westerpark", "De Pijp", "Bijlmer", "Bijlmermeer",
    "Osdorp", "Geuzenveld", "Slotervaart", "Bos en Lommer", "Amsterdamse Bos", "IJburg",
    "Oud-Zuid", "Oud-West", "De Baarsjes", "Indische Buurt", "Jordaan", "Watergraafsmeer",
    "Buitenveldert", "Gaasperdam", "Tuindorp Oostzaan", "Buiksloterham", "Vondelpark",
    # Places
    "Amsterdam", "Amstelveen", "Aalsmeer", "Diemen", "Ouder-Amstel", "Uithoorn", "Landsmeer",
    "Oostzaan", "Zaanstad", "Zaandam", "Purmerend", "Haarlem", "Utrecht", "Rotterdam",
    "Den Haag", "Almere", "Hilversum", "Nederland",
    # Functions and roles
    "projectleider", "projectleiders", "regisseur", "regisseurs", "teamleider", "teamleiders",
    "procesregisseur", "casusregisseur", "voorzitter", "notulist", "secretaris",
    "aandachtsfunctionaris", "aandachtsfunctionarissen", "wijkagent", "wijkagenten",
    "officier van justitie", "burgemeester", "wethouder", "programmamanager",
    "beleidsadviseur", "beleidsmedewerker", "jurist", "coördinator", "Woo-coördinator",
    "medewerker", "ketenpartner", "ketenpartners", "interventiepartner", "weegploeg",
    "privacy officer", "functionaris gegevensbescherming",
)  # fmt: skip


def _exact_case(term: str) -> bool:
    """An acronym or a word with a capital inside ("OM", "iPGA-R", "AM-gemeenten") keeps its
    case; "Stadsdeel Zuid" or "Team Alfa" is matched however it is written."""
    return any(ch.isupper() and term[i - 1].isalpha() for i, ch in enumerate(term) if i)


@dataclass(frozen=True)
class ProtectedIndex:
    pattern: re.Pattern[str] | None

    def occurrences(self, text: str) -> list[tuple[int, int]]:
        if self.pattern is None:
            return []
        return [m.span() for m in self.pattern.finditer(text)]


def _alternative(term: str) -> str:
    escaped = r"\s+".join(re.escape(part) for part in term.split())
    return escaped if _exact_case(term) else f"(?i:{escaped})"


@lru_cache(maxsize=8)
def index(extra: tuple[str, ...] = ()) -> ProtectedIndex:
    terms = sorted({t.strip() for t in (*BUILT_IN, *extra) if t.strip()}, key=len, reverse=True)
    if not terms:
        return ProtectedIndex(None)
    body = "|".join(_alternative(term) for term in terms)
    return ProtectedIndex(re.compile(rf"(?<![\w-])(?:{body})(?![\w-])"))

"""What the benchmark's fictional cases are made of: names, texts and the mix of phases.

Every name is invented by combining common first and last names; no real person is described.
"""

from __future__ import annotations

import unicodedata

from regie.cases.models import Phase

# fmt: off
FIRST_NAMES = [
    "Daan", "Sem", "Noah", "Lucas", "Levi", "Finn", "Milan", "Bram", "Thijs", "Ruben", "Jesse",
    "Luuk", "Sven", "Jens", "Tim", "Stijn", "Joep", "Mees", "Teun", "Guus", "Yassin", "Amir",
    "Bilal", "Ayoub", "Ilias", "Omar", "Rayan", "Ibrahim", "Mohamed", "Adam", "Hamza", "Anas",
    "Youssef", "Soufiane", "Mehmet", "Emre", "Burak", "Kerem", "Yusuf", "Mustafa", "Çağan",
    "Ömer", "Şükrü", "Gökhan", "Jayden", "Dylan", "Kevin", "Mitchell", "Rodney", "Shurwin",
    "Quincy", "Mark", "Jeroen", "Pieter", "Koen", "René", "André", "José", "Noël", "Sanne",
    "Lisa", "Fleur", "Nora", "Mila", "Zoë", "Chloé", "Anouk", "Sara", "Selin", "Emma", "Julia",
    "Tess", "Sophie", "Lotte", "Eva", "Noor", "Lieke", "Iris", "Yasmina", "Fatima", "Salma",
    "Imane", "Aya", "Hajar", "Nisrine", "Büşra", "Elif", "Zeynep", "Gülşen", "Ayşe", "Naomi",
    "Shanice", "Chantal", "Mireille", "Hélène", "Inês", "Anaïs", "Maëlle", "Renée", "Dewi",
    "Priya", "Anjali",
]
LAST_NAMES = [
    "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser",
    "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks",
    "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf",
    "van der Meer", "van der Linden", "Kok", "Jacobs", "de Haan", "Vermeulen", "van den Heuvel",
    "van der Veen", "van den Broek", "de Bruijn", "van der Heijden", "Schouten", "van Beek",
    "Willems", "van Vliet", "van de Ven", "Hoekstra", "Maas", "Verhoeven", "Koster", "van Dam",
    "van der Wal", "Prins", "Blom", "Huisman", "Peeters", "Kaya", "Yılmaz", "Öztürk", "Çelik",
    "Şahin", "Doğan", "Demir", "Aydın", "Arslan", "Koç", "Kurt", "Özdemir", "Kılıç", "Benali",
    "Bouzid", "El Idrissi", "El Amrani", "Ait Taleb", "Haddou", "Ouali", "Tahiri", "Zerouali",
    "Boukhari", "El Khatib", "Azzouzi", "Pinas", "Doelwijt", "Sedney", "Biharie", "Ramdin",
    "Mohan", "Santos", "Gonçalves", "Müller", "Nowak", "Kowalski", "Lefèvre", "Brandão",
    "Nuñez", "Hoogendoorn", "Wijnaldum", "Sanchez", "Ferreira", "Amrani", "Boumediane",
    "Chaïbi", "Mahabier", "Ramautar", "Tjon-A-Fat", "Kartosen",
]
# fmt: on
REGISSEUR_NAMES = [
    ("Youssef", "Amrani"),
    ("Sanne", "de Wit"),
    ("Marloes", "Kuipers"),
    ("Hakan", "Yücel"),
    ("Ilse", "Veenstra"),
    ("Dennis", "Groenewegen"),
    ("Nadia", "El Ouali"),
    ("Jasper", "Timmermans"),
    ("Rachida", "Bennani"),
    ("Wouter", "Kramer"),
    ("Esther", "Vermeer"),
    ("Kofi", "Mensah"),
    ("Annelies", "Bouma"),
    ("Tarik", "Chahid"),
    ("Mirjam", "Zwart"),
]

SENTENCES = [
    "Huisbezoek afgelegd samen met de wijkagent.",
    "Betrokkene was open over de dagbesteding en de contacten online.",
    "Telefonisch contact met moeder; zij maakt zich zorgen over nieuwe vrienden.",
    "Casusoverleg met GGD en reclassering: afgesproken om een mentor in te zetten.",
    "Betrokkene is gestart met een traject bij het leerwerkbedrijf.",
    "Afspraak afgezegd door betrokkene; nieuwe afspraak gepland over twee weken.",
    "Overleg met school: de aanwezigheid is verbeterd.",
    "De zorgcoördinator van school blijft betrokken.",
    "Informatie ontvangen van de woningcorporatie over overlast.",
    "Gesprek gevoerd met een sleutelfiguur uit de wijk, die bereid is mee te denken.",
    "Schuldhulpverlening aangevraagd; de intake staat gepland.",
    "Evaluatie plan van aanpak: doelen op werk en huisvesting deels behaald.",
    "Signalen van de jongerenwerker besproken in het Steunpunt.",
    "Betrokkene heeft de afspraak bij de psycholoog nagekomen.",
    "De mentor meldt dat het contact goed verloopt.",
    "Afgesproken dat de regisseur contact opneemt met de huisarts.",
    "Zus van betrokkene aanwezig bij het gesprek; zij steunt het plan.",
    "Uitkering is aangevraagd en inmiddels toegekend.",
    "Tijdens het gesprek kwamen uitspraken op sociale media ter sprake.",
    "Betrokkene wil graag een opleiding in de techniek starten.",
    "Terugkoppeling gegeven aan de melder, zonder inhoudelijke details.",
    "Geen nieuwe signalen ontvangen sinds het vorige overleg.",
    "Het netwerk rond betrokkene is in kaart gebracht.",
    "Familiebijeenkomst voorbereid met de ouders.",
]
SUMMARIES = [
    "Aangemeld via het Steunpunt na signalen van school en wijkteam.",
    "Melding van de politie na uitingen op sociale media.",
    "Aangemeld door de reclassering in aanloop naar de vrijlating.",
    "Zorgen van familie over een snelle verandering in gedrag en contacten.",
    "Signalen van de jongerenwerker over deelname aan besloten online groepen.",
]
ZRM_NOTES = ["Afgenomen tijdens huisbezoek.", "Samen met de mentor ingevuld.", ""]
TASKS = [
    "Contact opnemen met school",
    "Terugkoppeling aan de melder",
    "Overleg met de wijkagent plannen",
    "Aanvraag schuldhulpverlening controleren",
    "Huisbezoek plannen",
    "Verslag casusoverleg rondsturen",
]
USER_AGENT = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/138.0.0.0 Safari/537.36"
)

# Phase mix of a running programme: most cases in regie or nazorg, a fifth closed.
PHASE_MIX: list[tuple[str, int]] = [
    (Phase.AANMELDING, 5),
    (Phase.INSTROOM, 10),
    (Phase.REGIE, 40),
    (Phase.NAZORG, 25),
    (Phase.AFGESLOTEN, 20),
]
JOURNAL_MEAN: dict[str, int] = {
    Phase.AANMELDING: 3,
    Phase.INSTROOM: 8,
    Phase.REGIE: 22,
    Phase.NAZORG: 26,
    Phase.AFGESLOTEN: 22,
}
# Days since registration, per phase (how long such a case has typically been running).
AGE_DAYS: dict[str, tuple[int, int]] = {
    Phase.AANMELDING: (1, 45),
    Phase.INSTROOM: (20, 150),
    Phase.REGIE: (90, 1400),
    Phase.NAZORG: (300, 2400),
    Phase.AFGESLOTEN: (200, 2900),
}
PATH: list[str] = [Phase.AANMELDING, Phase.INSTROOM, Phase.REGIE, Phase.NAZORG]


def normalise(text: str) -> str:
    """The same normalisation as ``Person.search_name`` (lower case, no accents)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()

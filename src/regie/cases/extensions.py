"""Hooks through which higher apps (partners, interventions) add to case pages, forms and the
data-subject export without the cases app importing them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from django.http import HttpRequest

from regie.audit import sentences as audit_sentences
from regie.core.http import AuthenticatedRequest
from regie.organisations.models import Organisation

if TYPE_CHECKING:
    from regie.accounts.models import User

CasePanel = Callable[[AuthenticatedRequest, Any], str]
PartnerProvider = Callable[[Any, "HttpRequest | None"], "list[Organisation]"]
CaseClosed = Callable[[Any, Any], object]  # the result is ignored

_panels: list[tuple[int, CasePanel]] = []
_partner_provider: list[PartnerProvider] = []
_case_closed: list[CaseClosed] = []


def register_case_panel(panel: CasePanel, order: int = 100) -> None:
    if all(existing is not panel for _, existing in _panels):
        _panels.append((order, panel))
        _panels.sort(key=lambda item: item[0])


def case_panels(request: AuthenticatedRequest, case: Any) -> list[str]:
    """Rendered HTML sections for the case page, each already policy-checked by its app."""
    return [html for _, panel in _panels if (html := panel(request, case))]


def register_partner_provider(provider: PartnerProvider) -> None:
    _partner_provider[:] = [provider]


def active_partners(case: Any, request: HttpRequest | None = None) -> list[Organisation]:
    """Organisations with an active registration on ``case`` (empty without the partners app).

    With ``request`` (the case page, for showing), the partners app may answer from what it
    already read for this request; without, it asks the database (services, validation)."""
    return _partner_provider[0](case, request) if _partner_provider else []


# --- The data-subject export --------------------------------------------------------------------


class StaffNamer(Protocol):
    """How the export of one case names staff (``cases.export_staff.StaffNames``): by role
    unless the privacy officer included names for this one export."""

    named: bool

    def name(self, user: User | None, *, organisation: str = "") -> str | None:
        """``user`` by role ("regisseur", "partner Stadsdeel Noord"), or by name when named;
        ``organisation``: the partner organisation the user acted for, when known."""

    def text(self, value: str) -> str:
        """A free text written on the case, with the names of its staff replaced by roles."""

    def contact(self, name: str, organisation: str) -> str:
        """A contact person at a partner organisation, e.g. on a registration."""


@dataclass(frozen=True)
class ExportSection:
    """What a higher app adds to each case in the data-subject export (AVG art. 15).

    ``rows(cases)`` reads the app's rows of all the person's cases at once (a fixed number of
    queries), keyed by case id; ``entry(row, staff)`` turns one row into a JSON-ready dict with
    a ``text`` field: a sentence for the data subject. ``users(row)`` are the staff named on a
    row and ``names(row)`` other people named as text, with the role word that replaces them,
    so the export can take them out of every free text of the case. ``columns`` are the
    (entry field, label) pairs of the printed table. ``sentences`` say, for each audit action
    of the app, what happened, as an English msgid with ``%(who)s``, ``%(case)s``, ``%(when)s``
    and, where the event names one, ``%(partner)s``; ``denied`` the same for refused attempts.
    """

    key: str
    title: Any
    empty: Any
    rows: Callable[[Sequence[Any]], Mapping[int, Sequence[Any]]]
    entry: Callable[[Any, StaffNamer], dict[str, Any]]
    columns: tuple[tuple[str, Any], ...]
    users: Callable[[Any], Iterable[Any]] = lambda row: ()
    names: Callable[[Any], Iterable[tuple[str, str]]] = lambda row: ()
    sentences: Mapping[str, str] = field(default_factory=dict)
    denied: Mapping[str, str] = field(default_factory=dict)
    order: int = 100


_export_sections: dict[str, ExportSection] = {}


def register_export_section(section: ExportSection) -> None:
    _export_sections[section.key] = section
    # Its sentences join the one table of audit actions (the viewer tells them too).
    audit_sentences.register(section.sentences, section.denied)


def export_sections() -> list[ExportSection]:
    """The registered sections, in their order (none without the higher apps)."""
    return sorted(_export_sections.values(), key=lambda s: (s.order, s.key))


@dataclass(frozen=True)
class PersonSection:
    """What a higher app holds on the person rather than on one of their cases (the signals
    about them: a signal names a person, and may never have led to a case), as a list of its
    own in the data-subject export, after the personal details.

    ``rows(person)`` reads the app's rows for the person (a fixed number of queries);
    ``entry(row, staff)`` turns one into a JSON-ready dict, staff by role through ``staff``
    as on a case; ``users(row)`` are the staff named on a row (also taken out of its texts);
    ``columns`` the (entry field, label) pairs of the printed table."""

    key: str
    title: Any
    empty: Any
    rows: Callable[[Any], Sequence[Any]]
    entry: Callable[[Any, StaffNamer], dict[str, Any]]
    columns: tuple[tuple[str, Any], ...]
    users: Callable[[Any], Iterable[Any]] = lambda row: ()
    order: int = 100


_person_sections: dict[str, PersonSection] = {}


def register_person_section(section: PersonSection) -> None:
    _person_sections[section.key] = section


def person_sections() -> list[PersonSection]:
    """The registered person-level sections, in their order (none without the higher apps)."""
    return sorted(_person_sections.values(), key=lambda s: (s.order, s.key))


def register_case_closed(callback: CaseClosed) -> None:
    """``callback(case, actor)`` runs when a case is closed, inside the transaction of the
    close: whatever it writes is committed or rolled back with the close itself."""
    if callback not in _case_closed:
        _case_closed.append(callback)


def case_closed(case: Any, actor: User | None) -> None:
    for callback in _case_closed:
        callback(case, actor)

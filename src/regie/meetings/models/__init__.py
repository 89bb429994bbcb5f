"""Team meetings: series, meetings with their attendance, agenda and minutes, decisions, the
actielijst and the termijnagenda.

Minutes go from concept to *ter vaststelling* to *vastgesteld*; adoption is recorded at a later
meeting of the same series (``MinutesAdoption``) and locks the minutes, after which a change is
only possible as an ``Erratum``. Actions belong to the series, not to one meeting: they are
raised at a meeting and roll from meeting to meeting until done.

The models live in modules by meaning (series, minutes, actions, forward); every name is
re-exported here so ``from regie.meetings.models import X`` keeps working and Django finds them
under the ``meetings`` app label.
"""

from regie.meetings.models.actions import Action, ActionOwner, SubAction
from regie.meetings.models.forward import FeedToken, TermDate, TermItem, hash_token
from regie.meetings.models.minutes import (
    AgendaItem,
    Decision,
    Erratum,
    MinutePoint,
    MinutesAdoption,
)
from regie.meetings.models.series import (
    DEFAULT_TEMPLATE,
    STANDING_CLOSING,
    STANDING_OPENING,
    STANDING_PREVIOUS_MINUTES,
    Attendee,
    Meeting,
    MeetingSeries,
    person_name,
)

__all__ = [
    "DEFAULT_TEMPLATE",
    "STANDING_CLOSING",
    "STANDING_OPENING",
    "STANDING_PREVIOUS_MINUTES",
    "Action",
    "ActionOwner",
    "AgendaItem",
    "Attendee",
    "Decision",
    "Erratum",
    "FeedToken",
    "Meeting",
    "MeetingSeries",
    "MinutePoint",
    "MinutesAdoption",
    "SubAction",
    "TermDate",
    "TermItem",
    "hash_token",
    "person_name",
]

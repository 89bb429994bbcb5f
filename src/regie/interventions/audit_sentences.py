"""The pallet's audit actions as sentences (``regie.audit.sentences``); the actions on a
case's interventions are in ``export.SENTENCES``."""

from django.utils.translation import gettext_noop

from regie.audit.sentences import DENIED_CHANGE, DENIED_VIEW
from regie.interventions.vocabulary import Interventions

SENTENCES: dict[str, str] = {
    Interventions.CHANGE_PROPOSE: gettext_noop(
        "%(who)s proposed a change to the intervention catalogue on %(when)s."
    ),
    Interventions.CHANGE_ACCEPT: gettext_noop(
        "%(who)s accepted a proposed change to the intervention catalogue on %(when)s."
    ),
    Interventions.CHANGE_REJECT: gettext_noop(
        "%(who)s rejected a proposed change to the intervention catalogue on %(when)s."
    ),
    Interventions.VERSION_PUBLISH: gettext_noop(
        "%(who)s published a new version of the intervention catalogue on %(when)s."
    ),
}

# Refusals of the rules that guard a page or a feature rather than one recorded act.
DENIED: dict[str, str] = {
    Interventions.CATALOGUE: DENIED_VIEW,
    Interventions.CHANGES: DENIED_VIEW,
    Interventions.REVIEW: DENIED_CHANGE,
}

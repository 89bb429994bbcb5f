"""The pallet's audit actions as sentences (``regie.audit.sentences``); the actions on a
case's interventions are in ``export.SENTENCES``."""

from django.utils.translation import gettext_noop

SENTENCES = {
    "interventions.change.propose": gettext_noop(
        "%(who)s proposed a change to the intervention catalogue on %(when)s."
    ),
    "interventions.change.accept": gettext_noop(
        "%(who)s accepted a proposed change to the intervention catalogue on %(when)s."
    ),
    "interventions.change.reject": gettext_noop(
        "%(who)s rejected a proposed change to the intervention catalogue on %(when)s."
    ),
    "interventions.version.publish": gettext_noop(
        "%(who)s published a new version of the intervention catalogue on %(when)s."
    ),
}

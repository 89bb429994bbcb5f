"""This app's audit actions as sentences (``regie.audit.sentences``)."""

from django.utils.translation import gettext_noop

from regie.audit.sentences import DENIED_CHANGE
from regie.organisations.vocabulary import Organisations

SENTENCES: dict[str, str] = {
    Organisations.ORGANISATION_CREATE: gettext_noop("%(who)s added %(case)s on %(when)s."),
    Organisations.TEAM_CREATE: gettext_noop("%(who)s added %(case)s on %(when)s."),
    Organisations.ORGANISATION_COVENANT_WITHDRAW: gettext_noop(
        "%(who)s recorded that %(case)s withdrew from the covenant on %(when)s."
    ),
}

# Refusals of the rules that guard a page or a feature rather than one recorded act.
DENIED: dict[str, str] = {
    Organisations.MANAGE: DENIED_CHANGE,
}

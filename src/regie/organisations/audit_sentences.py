"""This app's audit actions as sentences (``regie.audit.sentences``)."""

from django.utils.translation import gettext_noop

SENTENCES = {
    "organisations.organisation.create": gettext_noop("%(who)s added %(case)s on %(when)s."),
    "organisations.team.create": gettext_noop("%(who)s added %(case)s on %(when)s."),
    "organisations.organisation.covenant_withdraw": gettext_noop(
        "%(who)s recorded that %(case)s withdrew from the covenant on %(when)s."
    ),
}

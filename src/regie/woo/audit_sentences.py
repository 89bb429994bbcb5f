"""This app's audit actions as sentences (``regie.audit.sentences``). Changes to the grounds
and term lists are the administration's (``admin.woo.ground.change`` and so on). ``%(case)s``
names the publication or the redaction."""

from django.utils.translation import gettext_noop

from regie.audit.sentences import DENIED_CHANGE, DENIED_VIEW
from regie.woo.vocabulary import Woo

SENTENCES: dict[str, str] = {
    Woo.PUBLICATION_CREATE: gettext_noop(
        "%(who)s created the Woo publication %(case)s on %(when)s."
    ),
    Woo.PUBLICATION_SUBMIT: gettext_noop(
        "%(who)s submitted the Woo publication %(case)s for review on %(when)s."
    ),
    Woo.PUBLICATION_SEND_BACK: gettext_noop(
        "%(who)s sent the Woo publication %(case)s back for changes on %(when)s."
    ),
    Woo.PUBLICATION_APPROVE: gettext_noop(
        "%(who)s approved the Woo publication %(case)s on %(when)s."
    ),
    Woo.PUBLICATION_PUBLISH: gettext_noop(
        "%(who)s published the Woo publication %(case)s on %(when)s."
    ),
    Woo.PUBLICATION_WITHDRAW: gettext_noop(
        "%(who)s withdrew the Woo publication %(case)s on %(when)s."
    ),
    Woo.REDACTION_ACCEPT: gettext_noop("%(who)s accepted the redaction %(case)s on %(when)s."),
    Woo.REDACTION_REJECT: gettext_noop("%(who)s rejected the redaction %(case)s on %(when)s."),
    Woo.REDACTION_GROUND: gettext_noop(
        "%(who)s changed the ground of the redaction %(case)s on %(when)s."
    ),
    Woo.REDACTION_ADD: gettext_noop("%(who)s added the redaction %(case)s on %(when)s."),
}

# Refusals of the rules that guard a page or a feature rather than one recorded act.
DENIED: dict[str, str] = {
    Woo.CONFIGURE: DENIED_CHANGE,
    Woo.PUBLICATION_VIEW: DENIED_VIEW,
}

"""The woo app's action names: its policy rules and its audit events (see
``regie.core.vocabulary``)."""

from __future__ import annotations

from regie.core.vocabulary import Action


class Woo(Action):
    CONFIGURE = "woo.configure"
    PUBLICATION_APPROVE = "woo.publication.approve"
    PUBLICATION_CREATE = "woo.publication.create"
    PUBLICATION_PUBLISH = "woo.publication.publish"
    PUBLICATION_SEND_BACK = "woo.publication.send_back"
    PUBLICATION_SUBMIT = "woo.publication.submit"
    PUBLICATION_VIEW = "woo.publication.view"
    PUBLICATION_WITHDRAW = "woo.publication.withdraw"
    REDACTION_ACCEPT = "woo.redaction.accept"
    REDACTION_ADD = "woo.redaction.add"
    REDACTION_GROUND = "woo.redaction.ground"
    REDACTION_REJECT = "woo.redaction.reject"

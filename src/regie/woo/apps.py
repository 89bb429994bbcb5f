from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WooConfig(AppConfig):
    name = "regie.woo"
    verbose_name = _("Woo publication")

    def ready(self) -> None:
        from regie.audit import sentences as audit_sentences
        from regie.woo import audit_sentences as own_sentences
        from regie.woo import rules

        audit_sentences.register(own_sentences.SENTENCES, own_sentences.DENIED)
        del rules  # imported for its registrations

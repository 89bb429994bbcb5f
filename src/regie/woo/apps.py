from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WooConfig(AppConfig):
    name = "regie.woo"
    verbose_name = _("Woo publication")

    def ready(self) -> None:
        from regie.accounts.home import register_panel_content
        from regie.audit import sentences as audit_sentences
        from regie.core.navigation import NavItem, register
        from regie.woo import audit_sentences as own_sentences
        from regie.woo import home_panels, rules
        from regie.woo.vocabulary import Woo

        audit_sentences.register(own_sentences.SENTENCES, own_sentences.DENIED)
        register_panel_content("woo", home_panels.woo)
        register(NavItem("woo", _("Woo"), "woo:index", Woo.PUBLICATION_VIEW, 70))
        del rules  # imported for its registrations

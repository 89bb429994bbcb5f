from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from regie.interventions.vocabulary import Interventions


class InterventionsConfig(AppConfig):
    name = "regie.interventions"
    verbose_name = _("Interventions")

    def ready(self) -> None:
        from regie.accounts.home import register_home_notice
        from regie.cases import extensions as case_extensions
        from regie.core.navigation import NavItem, register
        from regie.interventions import export, panels, rules
        from regie.partners import extensions as partner_extensions

        case_extensions.register_case_panel(panels.case_panel, order=20)
        case_extensions.register_export_section(export.SECTION)
        from regie.audit import sentences as audit_sentences
        from regie.interventions import audit_sentences as own_sentences

        audit_sentences.register(own_sentences.SENTENCES, own_sentences.DENIED)
        register_home_notice(panels.review_reminder)
        partner_extensions.register_shared_panel(panels.partner_panel)
        register(
            NavItem(
                "interventions",
                _("Intervention catalogue"),
                "interventions:catalogue",
                Interventions.CATALOGUE,
                50,
            )
        )
        del rules  # imported for its registrations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "regie.intake"
    verbose_name = _("Signals and triage")

    def ready(self) -> None:
        from regie.accounts.home import register_panel_content
        from regie.audit import sentences as audit_sentences
        from regie.cases import extensions as case_extensions
        from regie.core.navigation import NavItem, register
        from regie.intake import audit_sentences as own_sentences
        from regie.intake import export, home_panels, rules
        from regie.intake.vocabulary import Intake

        audit_sentences.register(own_sentences.SENTENCES, own_sentences.DENIED)
        register(NavItem("own_signals", _("My signals"), "intake:own", Intake.OWN_SIGNALS, 20))
        register(NavItem("steunpunt", _("Steunpunt"), "steunpunt:queue", Intake.QUEUE, 20))
        register(NavItem("weegploeg", _("Weegploeg"), "weegploeg:index", Intake.TRIAGE, 20))
        register(
            NavItem("insights", _("Informatiebeeld"), "insights:index", Intake.INSIGHTS_VIEW, 25)
        )
        register_panel_content("steunpunt", home_panels.steunpunt)
        register_panel_content("weegploeg", home_panels.weegploeg)
        register_panel_content("signals", home_panels.own)
        register_panel_content("insights", home_panels.insights)
        case_extensions.register_person_section(export.SECTION)
        del rules  # imported for its registrations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "regie.intake"
    verbose_name = _("Signals and triage")

    def ready(self) -> None:
        from regie.audit import sentences as audit_sentences
        from regie.core.navigation import NavItem, register
        from regie.intake import audit_sentences as own_sentences
        from regie.intake import rules
        from regie.intake.vocabulary import Intake

        audit_sentences.register(own_sentences.SENTENCES, own_sentences.DENIED)
        register(NavItem("own_signals", _("My signals"), "intake:own", Intake.OWN_SIGNALS, 20))
        del rules  # imported for its registrations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "regie.organisations"
    verbose_name = _("Organisations")

    def ready(self) -> None:
        from regie.audit import naming
        from regie.audit import sentences as audit_sentences
        from regie.organisations import audit_sentences as own_sentences
        from regie.organisations import rules  # noqa: F401
        from regie.organisations import selectors as own_selectors

        audit_sentences.register(own_sentences.SENTENCES, own_sentences.DENIED)
        naming.register_namer("organisations.organisation", own_selectors.audit_names)
        naming.register_namer("organisations.team", own_selectors.audit_team_names)

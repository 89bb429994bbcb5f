from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from regie.partners.vocabulary import Partners


class PartnersConfig(AppConfig):
    name = "regie.partners"
    verbose_name = _("Intervention partners")

    def ready(self) -> None:
        from regie.accounts.home import register_panel_content
        from regie.cases import extensions
        from regie.core.navigation import NavItem, register
        from regie.organisations import extensions as organisation_extensions
        from regie.partners import export, panels, rules, selectors, services

        register_panel_content("shared", panels.home_shared)
        extensions.register_partner_provider(selectors.active_partner_organisations_for)
        extensions.register_export_section(export.SECTION)
        extensions.register_case_panel(panels.registrations_panel, order=10)
        extensions.register_case_closed(services.end_for_closed_case)
        organisation_extensions.register_covenant_withdrawn(services.end_for_withdrawn_covenant)
        register(NavItem("partner_cases", _("Shared cases"), "partners:cases", Partners.CASES, 15))
        register(
            NavItem(
                "registrations",
                _("Partner registrations"),
                "partners:registrations",
                Partners.REGISTRATIONS,
                25,
            )
        )
        del rules  # imported for its registrations

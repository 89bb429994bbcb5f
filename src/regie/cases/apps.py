from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from regie.cases.vocabulary import Cases


class CasesConfig(AppConfig):
    name = "regie.cases"
    verbose_name = _("Cases")

    def ready(self) -> None:
        from regie.audit.extensions import register_hold
        from regie.cases import rules  # noqa: F401
        from regie.cases.retention import audit_hold
        from regie.core.navigation import NavItem, register

        register_hold(audit_hold)

        from regie.audit import sentences as audit_sentences
        from regie.cases import export_audit

        audit_sentences.register(
            export_audit.SENTENCES, export_audit.DENIED, staff=export_audit.STAFF
        )
        from regie.audit import naming
        from regie.cases import selectors as own_selectors

        naming.register_namer("cases.person", own_selectors.audit_person_names)

        from regie.accounts.home import register_panel_content
        from regie.cases import home_panels

        register_panel_content("caseload", home_panels.caseload)
        register_panel_content("tasks", home_panels.tasks)
        register_panel_content("overview", home_panels.overview)

        register(NavItem("caseload", _("My caseload"), "cases:caseload", Cases.CASELOAD, 10))
        register(NavItem("overview", _("Overview"), "cases:overview", Cases.OVERVIEW, 20))
        register(NavItem("search", _("Search"), "cases:search", Cases.SEARCH, 30))
        register(NavItem("tasks", _("Tasks"), "cases:tasks", Cases.TASKS, 40))
        register(NavItem("privacy", _("Data-subject requests"), "privacy:search", Cases.DSAR, 85))

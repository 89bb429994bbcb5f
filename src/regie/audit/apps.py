from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "regie.audit"
    verbose_name = _("Access log")

    def ready(self) -> None:
        from regie.core.navigation import NavItem, register

        register(NavItem("audit", _("Access log"), "audit:log", "audit.view_log", order=90))

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from regie.core.vocabulary import Kernel


class AuditConfig(AppConfig):
    name = "regie.audit"
    verbose_name = _("Access log")

    def ready(self) -> None:
        from regie.core.navigation import NavItem, register

        register(NavItem("audit", _("Access log"), "audit:log", Kernel.AUDIT_VIEW_LOG, order=90))

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "regie.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from regie.accounts import home, rules, signals  # noqa: F401
        from regie.accounts.models import Role
        from regie.core.navigation import NavItem, register
        from regie.core.templatetags.regie import register_role_labels

        register_role_labels(list(Role.choices))
        home.register_home_notice(home.resets_waiting)
        home.register_panel_content("admin", home.admin_content)
        home.register_panel_content("audit", home.audit_content)

        register(NavItem("home", _("Home"), "accounts:home", "accounts.home", order=0))
        register(
            NavItem("resets", _("Account resets"), "accounts:resets", "accounts.resets", order=94)
        )
        register(NavItem("admin", _("Administration"), "admin:index", "admin.access", order=95))

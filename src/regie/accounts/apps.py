from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from regie.accounts.vocabulary import Accounts
from regie.core.vocabulary import Kernel


class AccountsConfig(AppConfig):
    default = True  # this module also holds the configs of django-otp's apps, below
    name = "regie.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from regie.accounts import home, rules, selectors, signals  # noqa: F401
        from regie.accounts.models import Role
        from regie.core.navigation import NavItem, register
        from regie.core.templatetags.regie import register_role_labels

        register_role_labels(list(Role.choices))
        home.register_home_notice(home.resets_waiting)
        home.register_panel_content("admin", home.admin_content)
        home.register_panel_content("audit", home.audit_content)

        from regie.accounts import audit_sentences as own_sentences
        from regie.audit import naming
        from regie.audit import sentences as audit_sentences

        audit_sentences.register(own_sentences.SENTENCES, own_sentences.DENIED)
        naming.register_namer("accounts.user", selectors.audit_user_names)
        naming.register_namer("accounts.resetrequest", selectors.audit_reset_names)
        naming.register_namer("accounts.membership", selectors.audit_membership_names)

        register(NavItem("home", _("Home"), "accounts:home", Accounts.HOME, order=0))
        register(
            NavItem("resets", _("Account resets"), "accounts:resets", Accounts.RESETS, order=94)
        )
        register(
            NavItem("admin", _("Administration"), "admin:index", Kernel.ADMIN_ACCESS, order=95)
        )


class TotpConfig(AppConfig):
    """django-otp's authenticator app, named in the product's languages in the admin.

    The model's names are set on its options at start-up; the migration state is built from
    the declared options (``original_attrs``), so this asks for no migration in the library.
    """

    name = "django_otp.plugins.otp_totp"
    label = "otp_totp"
    verbose_name = _("Second factor")
    default_auto_field = "django.db.models.AutoField"

    def ready(self) -> None:
        from django_otp.plugins.otp_totp.models import TOTPDevice

        TOTPDevice._meta.verbose_name = _("authenticator app")
        TOTPDevice._meta.verbose_name_plural = _("authenticator apps")


class StaticConfig(AppConfig):
    """django-otp's one-time codes: Regie's recovery codes."""

    name = "django_otp.plugins.otp_static"
    label = "otp_static"
    verbose_name = _("Recovery codes")
    default_auto_field = "django.db.models.AutoField"

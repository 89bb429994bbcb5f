from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "regie.meetings"
    verbose_name = _("Meetings")

    def ready(self) -> None:
        from regie.core.navigation import NavItem, register
        from regie.accounts.home import register_panel_content
        from regie.meetings import home_panels, rules

        register_panel_content("actions", home_panels.actions)
        register_panel_content("meetings", home_panels.meetings)

        register(NavItem("meetings", _("Meetings"), "meetings:index", "meetings.view", 60))
        del rules  # imported for its registrations

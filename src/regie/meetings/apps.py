from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from regie.meetings.vocabulary import Meetings


class MeetingsConfig(AppConfig):
    name = "regie.meetings"
    verbose_name = _("Meetings")

    def ready(self) -> None:
        from regie.accounts.home import register_panel_content
        from regie.core.navigation import NavItem, register
        from regie.meetings import home_panels, rules

        register_panel_content("actions", home_panels.actions)
        register_panel_content("meetings", home_panels.meetings)

        from regie.audit import naming
        from regie.audit import sentences as audit_sentences
        from regie.meetings import audit_sentences as own_sentences
        from regie.meetings import selectors as own_selectors

        audit_sentences.register(own_sentences.SENTENCES, own_sentences.DENIED)
        naming.register_namer("meetings.meeting", own_selectors.audit_meeting_names)

        register(NavItem("meetings", _("Meetings"), "meetings:index", Meetings.VIEW, 60))
        del rules  # imported for its registrations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchedulingConfig(AppConfig):
    name = "regie.scheduling"
    verbose_name = _("Scheduled tasks")

    def ready(self) -> None:
        from regie.scheduling import rules

        del rules  # imported for its registrations

"""Service levels in the administration (functional administrator only)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from regie.core import policy
from regie.core.admin_site import AuditedModelAdmin, site
from regie.intake.models import ServiceLevel
from regie.intake.vocabulary import Intake


@admin.register(ServiceLevel, site=site)
class ServiceLevelAdmin(AuditedModelAdmin):
    list_display = ["stage", "days"]
    list_editable = ["days"]
    list_display_links = ["stage"]

    def _allowed(self, request: HttpRequest) -> bool:
        return super()._allowed(request) and policy.permits(request.user, Intake.CONFIGURE)

from __future__ import annotations

from django.contrib import admin

from regie.core.admin_site import AuditedModelAdmin, site
from regie.organisations.models import Organisation, Team


@admin.register(Organisation, site=site)
class OrganisationAdmin(AuditedModelAdmin):
    list_display = ["name", "kind", "parent", "covenant_signed_on", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name"]


@admin.register(Team, site=site)
class TeamAdmin(AuditedModelAdmin):
    list_display = ["name", "kind", "organisation"]
    list_filter = ["kind"]
    search_fields = ["name"]

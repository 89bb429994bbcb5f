"""The pallet in the administration site: readable, never edited there. Versions change only
through change requests and publishing, so cases keep pointing at what they used."""

from __future__ import annotations

from django.contrib import admin

from regie.core.admin_site import ReadOnlyAdmin, site
from regie.interventions.models import CatalogueVersion, ChangeRequest, Intervention


@admin.register(CatalogueVersion, site=site)
class CatalogueVersionAdmin(ReadOnlyAdmin):
    list_display = ["name", "status", "published_at", "review_on"]
    list_filter = ["status"]


@admin.register(Intervention, site=site)
class InterventionAdmin(ReadOnlyAdmin):
    list_display = ["name", "domain", "typical_partner_kind", "version", "is_active"]
    list_filter = ["version", "domain", "is_active"]
    search_fields = ["name", "lineage"]
    list_select_related = ["version"]


@admin.register(ChangeRequest, site=site)
class ChangeRequestAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "status", "proposed_at", "applied_in"]
    list_filter = ["status", "kind"]
    list_select_related = ["target", "applied_in"]

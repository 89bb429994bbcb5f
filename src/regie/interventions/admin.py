"""The pallet in the administration site: readable, never edited there. Versions change only
through change requests and publishing, so cases keep pointing at what they used."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from regie.core.admin_site import AuditedModelAdmin, site
from regie.interventions.models import CatalogueVersion, ChangeRequest, Intervention


class ReadOnlyAdmin(AuditedModelAdmin):
    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


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

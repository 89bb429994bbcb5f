"""Configuration lists for the functional administrator (themes, flags, reasons, domains).

Cases themselves are not edited in the admin: every change to a case goes through its
services, with the workflow, timeline and optimistic locking."""

from __future__ import annotations

from django.contrib import admin

from regie.cases.models import (
    ClosingReason,
    FlagType,
    JournalCategory,
    LifeDomain,
    Theme,
    Tombstone,
)
from regie.core.admin_site import AuditedModelAdmin, site


@admin.register(Theme, site=site)
class ThemeAdmin(AuditedModelAdmin):
    list_display = ["name", "order", "is_active"]
    list_editable = ["order", "is_active"]


@admin.register(FlagType, site=site)
class FlagTypeAdmin(AuditedModelAdmin):
    list_display = ["name", "code", "raises_protection", "is_active"]


@admin.register(ClosingReason, site=site)
class ClosingReasonAdmin(AuditedModelAdmin):
    list_display = ["name", "is_active"]


@admin.register(JournalCategory, site=site)
class JournalCategoryAdmin(AuditedModelAdmin):
    list_display = ["name", "is_active"]


@admin.register(LifeDomain, site=site)
class LifeDomainAdmin(AuditedModelAdmin):
    list_display = ["name", "order", "is_active"]


@admin.register(Tombstone, site=site)
class TombstoneAdmin(AuditedModelAdmin):
    list_display = ["case_number", "opened_on", "closed_on", "deleted_on", "reason"]

    def has_add_permission(self, request, *args):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

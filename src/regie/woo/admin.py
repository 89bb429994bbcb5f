"""The Woo grounds and term lists in the administration (functional administrator only)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from regie.core import policy
from regie.core.admin_site import AuditedModelAdmin, site
from regie.woo.models import Ground, Term
from regie.woo.vocabulary import Woo


class WooConfigurationAdmin(AuditedModelAdmin):
    def _allowed(self, request: HttpRequest) -> bool:
        return super()._allowed(request) and policy.permits(request.user, Woo.CONFIGURE)


class TermInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Term
    extra = 1
    fields = ["text", "is_active"]


@admin.register(Ground, site=site)
class GroundAdmin(WooConfigurationAdmin):
    list_display = ["code", "label", "article", "order", "is_active"]
    list_editable = ["order", "is_active"]
    search_fields = ["code", "label"]
    inlines = [TermInline]


@admin.register(Term, site=site)
class TermAdmin(WooConfigurationAdmin):
    list_display = ["text", "ground", "is_active"]
    list_filter = ["ground", "is_active"]
    search_fields = ["text"]

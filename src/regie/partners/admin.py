from __future__ import annotations

from django.contrib import admin

from regie.core.admin_site import AuditedModelAdmin, site
from regie.partners.models import InformationCategory


@admin.register(InformationCategory, site=site)
class InformationCategoryAdmin(AuditedModelAdmin):
    list_display = ["name", "code", "order"]
    list_editable = ["order"]
    readonly_fields = ["code"]  # the sharing rules depend on the code; names are free

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from regie.accounts.models import Membership, User
from regie.core import audit
from regie.core.admin_site import AuditedModelAdmin, site


class MembershipInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(User, site=site)
class RegieUserAdmin(AuditedModelAdmin, UserAdmin):  # type: ignore[type-arg]
    list_display = ["username", "first_name", "last_name", "email", "is_active", "is_demo"]
    list_filter = ["is_active", "is_demo", "memberships__role"]
    search_fields = ["username", "first_name", "last_name", "email"]
    inlines = [MembershipInline]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        (_("Status"), {"fields": ("is_active", "is_demo", "last_login", "date_joined")}),
    )
    readonly_fields = ["last_login", "date_joined", "is_demo"]
    # Roles come from memberships; Django's staff/superuser flags and permission tables are
    # deliberately not editable here.

    @transaction.atomic
    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        # UserAdmin saves the new password outside save_model, so audit it here.
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            audit.record(
                action="admin.accounts.user.password_change",
                actor=request.user,
                object_type="accounts.user",
                object_id=str(id),
                changes={"password": "(changed)"},
            )
        return response


@admin.register(TOTPDevice, site=site)
class DeviceAdmin(AuditedModelAdmin):
    list_display = ["user", "name", "confirmed"]
    list_filter = ["confirmed"]
    search_fields = ["user__username"]
    fields = ["user", "name", "confirmed"]
    readonly_fields = ["user", "name", "confirmed"]

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        # A device is enrolled by its owner; the administrator can only remove one (reset).
        return False

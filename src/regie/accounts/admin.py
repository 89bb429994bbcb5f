from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from regie.accounts import services
from regie.accounts.models import Membership, User
from regie.core import audit
from regie.core.admin_site import AuditedModelAdmin, site


class MembershipInline(admin.TabularInline):  # type: ignore[type-arg]
    """Memberships on the user page; read-only on one's own account: nobody grants themselves
    a role. (Editing them still needs Django's model permissions, which only the bootstrap
    superuser holds; see docs/permissions.md.)"""

    model = Membership
    extra = 0
    autocomplete_fields = ["organisation"]

    @staticmethod
    def _own(request: HttpRequest, obj: Any) -> bool:
        return obj is not None and obj.pk == request.user.pk

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not self._own(request, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not self._own(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not self._own(request, obj) and super().has_delete_permission(request, obj)


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
    change_form_template = "admin/accounts/user/change_form.html"
    # Roles come from memberships; Django's staff/superuser flags and permission tables are
    # deliberately not editable here.

    @transaction.atomic
    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        old_address = form.initial.get("email", "") if change else ""
        super().save_model(request, obj, form, change)
        if change and "email" in form.changed_data:
            services.notify_email_changed(
                actor=request.user,  # type: ignore[arg-type]
                user=obj,
                old_address=old_address,
            )

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        own = formset.model is Membership and formset.instance.pk == request.user.pk
        # The inline is read-only on one's own page; a forged form is refused all the same.
        if own and (any(f.has_changed() for f in formset.forms) or formset.deleted_forms):
            services.refuse_self_grant(actor=request.user, user=formset.instance)
        super().save_formset(request, form, formset, change)

    @transaction.atomic
    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        if str(id) != str(request.user.pk):
            if not str(id).isdigit():
                raise Http404
            # Another account's password is never set here: a reset is requested and a second
            # person approves it (four eyes); the owner then chooses the new password.
            messages.info(
                request,
                _(
                    "Another account's password is reset through a request that a second "
                    "person approves."
                ),
            )
            return redirect("accounts:reset_request", user_id=id)
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
        # A device is enrolled by its owner.
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Removing a device is a second-factor reset: requested, then approved by a second
        # person (accounts:reset_request), never done here by one administrator.
        return False

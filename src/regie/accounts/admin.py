from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from regie.accounts import services
from regie.accounts.models import Membership, Role, User
from regie.accounts.vocabulary import Accounts
from regie.core import audit, policy
from regie.core.admin_site import AuditedModelAdmin, form_changes, site
from regie.core.http import signed_in
from regie.core.vocabulary import Kernel


class MembershipForm(forms.ModelForm):  # type: ignore[type-arg]
    """One membership row on the user page: a team named with its organisation, only the
    roles the administrator may give, and Dutch errors (the model's ``clean`` checks the dates
    and that the team belongs to the organisation)."""

    actor: User | None = None  # the administrator, set per request by the inline

    class Meta:
        model = Membership
        fields = [
            "organisation",
            "team",
            "role",
            "function_title",
            "is_primary",
            "starts_on",
            "ends_on",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        team = self.fields["team"]
        team.queryset = team.queryset.select_related("organisation").order_by(  # type: ignore[attr-defined]
            "organisation__name", "name"
        )
        team.label_from_instance = lambda t: f"{t.name} ({t.organisation})"  # type: ignore[attr-defined]
        organisation = self.fields["organisation"]
        organisation.queryset = organisation.queryset.order_by("name")  # type: ignore[attr-defined]
        for field in self.fields.values():
            # The admin's links to add, change or view an organisation or team from a row are
            # not for onboarding (and would widen the table past the page).
            for link in ("add", "change", "delete", "view"):
                if hasattr(field.widget, f"can_{link}_related"):
                    setattr(field.widget, f"can_{link}_related", False)
        if self._locked():
            # A role this administrator may not change (auditor, beheerder): shown, not editable.
            for field in self.fields.values():
                field.disabled = True
            return
        role = self.fields["role"]
        role.choices = [  # type: ignore[attr-defined]
            (value, label)
            for value, label in role.choices  # type: ignore[attr-defined]
            if not value or self._may_give(value)
        ]

    def _may_give(self, role: str) -> bool:
        if self.actor is None:
            return False
        probe = Membership(user_id=self.instance.user_id, role=role)
        return policy.permits(self.actor, Accounts.MEMBERSHIP_GRANT, probe)

    def _locked(self) -> bool:
        return bool(self.instance.pk) and not self._may_give(self.instance.role)

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        role = cleaned.get("role")
        if role and not self._locked() and not self._may_give(role):
            self.add_error(
                "role",
                _(
                    "Only the bootstrap administrator can give the role “%(role)s”: it gives "
                    "rights over other people's accounts or data."
                )
                % {"role": Role(role).label},
            )
        return cleaned


def _at_least_one_role(formset: Any) -> None:
    """A new account gets its first role in the same form: without one it could log in to a
    page saying it has no role, and nobody would notice the missing step."""
    if any(form.errors for form in formset.forms):
        return
    if not any(form.has_changed() and form.is_valid() for form in formset.forms):
        raise forms.ValidationError(_("Give the new account at least one role."))


class MembershipInline(admin.StackedInline):  # type: ignore[type-arg]
    """Memberships on the user page, given by the functional administrator through the policy
    (``accounts.membership.grant``); read-only on one's own account: nobody grants themselves
    a role. Ended by a date, never deleted, so who held which role stays visible."""

    model = Membership
    form = MembershipForm
    # One block per membership with a label on every field: a table of seven columns would not
    # fit the page (WCAG reflow) and has no labels of its own.
    fieldsets = (
        (
            None,
            {
                "fields": (
                    ("organisation", "team"),
                    ("role", "function_title"),
                    ("starts_on", "ends_on"),
                    "is_primary",
                )
            },
        ),
    )
    extra = 0
    can_delete = False
    verbose_name = _("role (membership)")
    verbose_name_plural = _("roles (memberships)")

    @staticmethod
    def _own(request: HttpRequest, obj: Any) -> bool:
        return obj is not None and obj.pk == request.user.pk

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = type("MembershipForm", (formset.form,), {"actor": request.user})
        if obj is None:
            formset = type("NewAccountMemberships", (formset,), {"clean": _at_least_one_role})
        return formset

    def get_extra(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> int:
        # A new account gets one empty row to give its first role in the same form.
        return 1 if obj is None else 0

    def _may_grant(self, request: HttpRequest, obj: Any) -> bool:
        return not self._own(request, obj) and policy.permits(
            request.user, Accounts.MEMBERSHIP_GRANT
        )

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return policy.permits(request.user, Kernel.ADMIN_MANAGE, Membership)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._may_grant(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._may_grant(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def _current_memberships() -> Prefetch[Any]:
    today = timezone.localdate()
    return Prefetch(
        "memberships",
        queryset=Membership.objects.filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=today), starts_on__lte=today
        ).select_related("organisation", "team"),
        to_attr="current_memberships",
    )


@admin.register(User, site=site)
class RegieUserAdmin(AuditedModelAdmin, UserAdmin):  # type: ignore[type-arg]
    # Demo accounts are found with the filter; the columns are what fits next to the filters.
    list_display = ["username", "first_name", "last_name", "current_roles", "is_active"]
    list_filter = [
        "is_active",
        "memberships__role",
        "memberships__organisation",
        "memberships__team",
        "is_demo",
    ]
    search_fields = ["username", "first_name", "last_name", "email"]
    inlines = [MembershipInline]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        (_("Status"), {"fields": ("is_active", "is_demo", "last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"fields": ("username", "usable_password", "password1", "password2")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
    )
    # Switched off and on with the list's actions, which check the policy and end sessions.
    readonly_fields = ["is_active", "last_login", "date_joined", "is_demo"]
    actions = ["deactivate_users", "reactivate_users"]
    change_form_template = "admin/accounts/user/change_form.html"
    add_form_template = "admin/accounts/user/add_form.html"
    # Roles come from memberships; Django's staff/superuser flags and permission tables are
    # deliberately not editable here.

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        return super().get_queryset(request).prefetch_related(_current_memberships())

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)
        password = form.base_fields.get("password")
        if password is not None:
            # Django points the read-only password summary at a help text the admin renders
            # without its id (a reference to nothing for a screen reader); the summary and its
            # reset link say enough.
            password.help_text = ""
        return form

    @admin.display(description=_("Current roles"))
    def current_roles(self, obj: User) -> str:
        memberships = getattr(obj, "current_memberships", None)
        if memberships is None:
            memberships = obj.active_memberships
        return "; ".join(f"{m.get_role_display()} ({m.where()})" for m in memberships) or "–"

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Accounts are deactivated, never deleted: the audit log and the cases keep naming them.
        return False

    def _switch(self, request: HttpRequest, queryset: QuerySet[User], *, on: bool) -> None:
        done, refused = [], []
        for user in queryset:
            if not policy.permits(request.user, Accounts.USER_DEACTIVATE, user):
                refused.append(user)
                continue
            if on:
                services.reactivate_user(actor=signed_in(request), user=user)
            else:
                services.deactivate_user(actor=signed_in(request), user=user)
            done.append(user)
        if done:
            names = ", ".join(str(u) for u in done)
            text = (
                _("Reactivated: %(names)s. They can log in again.")
                if on
                else _("Deactivated: %(names)s. They can no longer log in; their sessions ended.")
            )
            messages.success(request, text % {"names": names})
        if refused:
            for user in refused:
                # Logged as the refusal it is (the list only offers the action).
                policy.authorize(request.user, Accounts.USER_DEACTIVATE, user)
            messages.error(
                request,
                _(
                    "Not changed: %(names)s. Nobody switches their own account, and an account "
                    "with the auditor or beheerder role is switched by the bootstrap administrator."
                )
                % {"names": ", ".join(str(u) for u in refused)},
            )

    @admin.action(description=_("Deactivate selected accounts (they can no longer log in)"))
    def deactivate_users(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        self._switch(request, queryset, on=False)

    @admin.action(description=_("Reactivate selected accounts"))
    def reactivate_users(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        self._switch(request, queryset, on=True)

    @transaction.atomic
    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        old_address = form.initial.get("email", "") if change else ""
        super().save_model(request, obj, form, change)
        if change and "email" in form.changed_data:
            services.notify_email_changed(
                actor=signed_in(request),
                user=obj,
                old_address=old_address,
            )

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        if formset.model is not Membership:
            super().save_formset(request, form, formset, change)
            return
        own = formset.instance.pk == request.user.pk
        changed = [f for f in formset.forms if f.has_changed()]
        # The inline is read-only on one's own page; a forged form is refused all the same.
        if own and (changed or formset.deleted_forms):
            services.refuse_self_grant(actor=signed_in(request), user=formset.instance)
        # What Django's change message reads afterwards (formset.save() would set these).
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for inline_form in changed:
            membership = inline_form.save(commit=False)
            membership.user = formset.instance
            created = membership.pk is None
            services.save_membership(
                actor=signed_in(request),
                membership=membership,
                changes=form_changes(inline_form, created=created),
            )
            if created:
                formset.new_objects.append(membership)
            else:
                formset.changed_objects.append((membership, inline_form.changed_data))

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
                action=Kernel.ADMIN_USER_PASSWORD_CHANGE,
                actor=signed_in(request),
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


class CurrentFilter(admin.SimpleListFilter):
    title = _("current")
    parameter_name = "current"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("yes", _("Current")), ("no", _("Ended or not yet started"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Membership]) -> Any:
        today = timezone.localdate()
        current = Q(starts_on__lte=today) & (Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        if self.value() == "yes":
            return queryset.filter(current)
        if self.value() == "no":
            return queryset.exclude(current)
        return queryset


@admin.register(Membership, site=site)
class MembershipAdmin(AuditedModelAdmin):
    """Who holds which role, filterable by role, organisation and team. A list to read: roles
    are given on the user's page, where the policy and the validation apply."""

    list_display = ["account", "role", "place", "starts_on", "ends_on", "is_current"]
    list_filter = [CurrentFilter, "role", "organisation", "team"]
    list_display_links = None  # the account column links to the user's page instead
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    list_select_related = ["user", "organisation", "team"]
    ordering = ["user__username", "-is_primary", "id"]

    @admin.display(description=_("user"), ordering="user__username")
    def account(self, obj: Membership) -> str:
        url = reverse("admin:accounts_user_change", args=[obj.user_id])
        return format_html('<a href="{}">{}</a>', url, f"{obj.user} ({obj.user.username})")

    @admin.display(description=_("organisation / team"), ordering="organisation__name")
    def place(self, obj: Membership) -> str:
        return obj.where()

    @admin.display(description=_("current"), boolean=True)
    def is_current(self, obj: Membership) -> bool:
        return obj.is_current

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

"""The administration site for the functional administrator, enforced and audited.

Every admin view passes the central policy (``admin.access`` for the site, ``admin.manage``
per model), every page is logged as a read of personal data, and every add, change and delete
is written to the audit log with the changed fields (secrets masked).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import wraps
from typing import Any

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Model, QuerySet
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from regie.core import audit, context, policy
from regie.core.vocabulary import Kernel, admin_of, view_of

SECRET_FIELDS = {"password", "key", "secret", "token"}


class RegieAdminSite(admin.AdminSite):
    site_header = _("Regie administration")
    site_title = _("Regie administration")
    index_title = _("Users, organisations and configuration")
    regie_policy = policy.ViewPolicy(action=Kernel.ADMIN_ACCESS, personal_data=True)

    def has_permission(self, request: HttpRequest) -> bool:
        user: Any = request.user
        return bool(
            user.is_active
            and user.is_authenticated
            and user.is_verified()
            and policy.permits(user, Kernel.ADMIN_ACCESS)
        )

    def admin_view(self, view: Callable[..., Any], cacheable: bool = False) -> Any:
        inner = super().admin_view(view, cacheable)

        @wraps(inner)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            if request.user.is_authenticated:
                policy.check(request.user, Kernel.ADMIN_ACCESS)
            try:
                return inner(request, *args, **kwargs)
            except PermissionDenied:
                # A page of a model the user may not add, change or delete (read-only lists):
                # refused by the ModelAdmin's permissions, which have no side effects.
                audit.record(
                    action=Kernel.ADMIN_MANAGE,
                    actor=request.user,
                    changes={"view": getattr(request.resolver_match, "url_name", "") or ""},
                    result=audit.DENIED,
                    independent=True,
                )
                raise

        guarded.regie_policy = self.regie_policy  # type: ignore[attr-defined]
        return guarded

    def requested_object(self, view: Any, kwargs: Mapping[str, Any]) -> context.Requested | None:
        """What an admin URL asks for: a model's list or one of its rows (by the id in the URL,
        whether or not it exists), an app's index, or an object through "view on site"."""
        model_admin = getattr(view, "model_admin", None)
        if model_admin is None:  # a ModelAdmin's own extra view: its bound method, wrapped
            owner = policy.bound_owner(view)
            model_admin = owner if isinstance(owner, admin.ModelAdmin) else None
        if model_admin is not None:
            object_id = kwargs.get("object_id", kwargs.get("id", ""))
            return context.Requested(model_admin.model._meta.label_lower, str(object_id))
        if "content_type_id" in kwargs:
            try:
                model = ContentType.objects.get_for_id(int(kwargs["content_type_id"])).model_class()
            except (ValueError, ContentType.DoesNotExist):
                model = None
            label = model._meta.label_lower if model is not None else "contenttypes.contenttype"
            return context.Requested(label, str(kwargs.get("object_id", "")))
        if "app_label" in kwargs:
            return context.Requested("app", str(kwargs["app_label"]))
        if "url" in kwargs:
            return context.Requested("url", str(kwargs["url"])[:100])
        return None

    @policy.public
    def login(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        # One login for the whole product, with its second factor and lockout.
        return redirect(f"{reverse('accounts:login')}?next={reverse('admin:index')}")


site = RegieAdminSite(name="admin")


def _display(value: Any) -> Any:
    if isinstance(value, Model):
        return str(value)
    if isinstance(value, QuerySet):
        return sorted(str(v) for v in value)
    if isinstance(value, list | tuple | set):
        return [_display(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def form_changes(form: Form, *, created: bool) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for name in form.changed_data:
        if any(secret in name for secret in SECRET_FIELDS):
            changes[name] = "(changed)"
            continue
        old = None if created else _display(form.initial.get(name))
        changes[name] = [old, _display(form.cleaned_data.get(name))]
    return changes


class AuditedModelAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Base for every model registered on the Regie admin site (enforced by a test)."""

    def _allowed(self, request: HttpRequest) -> bool:
        return policy.permits(request.user, Kernel.ADMIN_MANAGE, self.model)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return self._allowed(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def _label(self) -> str:
        return str(self.model._meta.label_lower)

    def get_object(self, request: HttpRequest, object_id: str, from_field: Any = None) -> Any:
        found = super().get_object(request, object_id, from_field)
        if found is None:
            # Django sends the user back to the index ("does not exist"); the attempt on that
            # id is logged as every request for a missing object is.
            audit.record(
                action=view_of(self._label()),
                actor=request.user,
                object_type=self._label(),
                object_id=str(object_id),
                result=audit.DENIED,
                independent=True,
            )
        return found

    @transaction.atomic
    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        audit.record(
            action=admin_of(self._label(), "change" if change else "add"),
            actor=request.user,
            obj=obj,
            changes=form_changes(form, created=not change),
        )

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        super().save_formset(request, form, formset, change)
        for inline_form in formset.forms:
            instance = inline_form.instance
            if inline_form.has_changed() and instance.pk:
                audit.record(
                    action=admin_of(instance._meta.label_lower, "save"),
                    actor=request.user,
                    obj=instance,
                    changes=form_changes(inline_form, created=False),
                )
        for deleted in formset.deleted_objects:
            audit.record(
                action=admin_of(deleted._meta.label_lower, "delete"),
                actor=request.user,
                object_type=deleted._meta.label_lower,
                object_id=str(deleted.pk),
            )

    @transaction.atomic
    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        object_type, object_id = audit.describe(obj)
        super().delete_model(request, obj)
        audit.record(
            action=admin_of(self._label(), "delete"),
            actor=request.user,
            object_type=object_type,
            object_id=object_id,
        )

    @transaction.atomic
    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        ids = [str(pk) for pk in queryset.values_list("pk", flat=True)]
        super().delete_queryset(request, queryset)
        for object_id in ids:
            audit.record(
                action=admin_of(self._label(), "delete"),
                actor=request.user,
                object_type=self._label(),
                object_id=object_id,
            )


class ReadOnlyAdmin(AuditedModelAdmin):
    """Rows that change only through their own screens or services: shown, never edited here."""

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

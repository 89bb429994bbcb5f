from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regie.core.admin_site import AuditedModelAdmin, site
from regie.core.http import signed_in
from regie.organisations import services
from regie.organisations.models import Organisation, Team


class OrganisationForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Organisation
        fields = ["name", "kind", "parent", "is_active", "covenant_signed_on", "covenant_document"]

    def clean_covenant_signed_on(self) -> Any:
        value = self.cleaned_data.get("covenant_signed_on")
        if value is None and self.instance.pk and self.instance.covenant_signed_on is not None:
            # Clearing the date here would leave the organisation's registrations running.
            raise ValidationError(
                _(
                    "To withdraw the covenant, use the action “Withdraw the covenant” in the "
                    "list of organisations: it also ends every registration of this organisation "
                    "as intervention partner."
                ),
                code="withdraw",
            )
        return value


@admin.register(Organisation, site=site)
class OrganisationAdmin(AuditedModelAdmin):
    form = OrganisationForm
    list_display = ["name", "kind", "parent", "covenant_signed_on", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name"]
    actions = ["withdraw_covenant"]

    @admin.action(description=gettext_lazy("Withdraw the covenant"))
    def withdraw_covenant(
        self, request: HttpRequest, queryset: QuerySet[Organisation]
    ) -> HttpResponse | None:
        """Ends every registration of the selected organisations (through the service); asks
        for confirmation first, as a delete does."""
        signed = list(queryset.filter(covenant_signed_on__isnull=False).order_by("name"))
        if not signed:
            self.message_user(
                request,
                _("None of the selected organisations has signed the covenant."),
                messages.WARNING,
            )
            return None
        if request.POST.get("confirm") != "yes":
            return TemplateResponse(
                request,
                "admin/organisations/organisation/withdraw_covenant.html",
                {
                    **self.admin_site.each_context(request),
                    "title": _("Withdraw the covenant"),
                    "organisations": signed,
                    "opts": self.model._meta,
                    "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                },
            )
        for organisation in signed:
            services.withdraw_covenant(actor=signed_in(request), organisation=organisation)
        self.message_user(
            request,
            _(
                "Covenant withdrawn by %(names)s; their registrations as intervention partner "
                "have ended."
            )
            % {"names": ", ".join(o.name for o in signed)},
            messages.SUCCESS,
        )
        return None


@admin.register(Team, site=site)
class TeamAdmin(AuditedModelAdmin):
    list_display = ["name", "kind", "organisation"]
    list_filter = ["kind"]
    search_fields = ["name"]

"""Functional administrators set up meeting series: the teams, the standing agenda and the
reminder window. Meetings themselves are kept through the meeting pages, not here."""

from __future__ import annotations

from django.contrib import admin

from regie.core.admin_site import AuditedModelAdmin, site
from regie.meetings.models import MeetingSeries


@admin.register(MeetingSeries, site=site)
class MeetingSeriesAdmin(AuditedModelAdmin):
    list_display = ["name", "team", "reminder_days", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name"]
    filter_horizontal = ["other_teams"]
    fields = [
        "name",
        "team",
        "other_teams",
        "description",
        "default_location",
        "template",
        "reminder_days",
        "is_active",
    ]

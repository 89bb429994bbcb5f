"""URL patterns of the meeting pages: series, meetings, agenda, minutes and their adoption."""

from django.urls import URLPattern, path

from regie.meetings.minutes.views import items as views_items
from regie.meetings.minutes.views import pages as views
from regie.meetings.minutes.views import sections as views_sections

urlpatterns: list[URLPattern] = [
    path("", views.index, name="index"),
    path("reeks/nieuw/", views.series_create, name="series_create"),
    path("<int:pk>/", views.series, name="series"),
    path("<int:pk>/nieuwe-vergadering/", views.meeting_create, name="meeting_create"),
    path("vergadering/<int:pk>/", views.meeting, name="meeting"),
    path("vergadering/<int:pk>/wijzigen/", views_sections.meeting_edit, name="meeting_edit"),
    path("vergadering/<int:pk>/uitnodigen/", views_sections.invite, name="invite"),
    path("vergadering/<int:pk>/aanwezigheid/", views_sections.attendance, name="attendance"),
    path(
        "vergadering/<int:pk>/aanwezigheid/<int:attendee>/",
        views_sections.presence,
        name="presence",
    ),
    path(
        "vergadering/<int:pk>/deelnemer/<int:attendee>/verwijderen/",
        views.attendee_remove,
        name="attendee_remove",
    ),
    path("vergadering/<int:pk>/agendapunt/", views_items.item_add, name="item_add"),
    path("vergadering/<int:pk>/ter-vaststelling/", views.submit, name="submit"),
    path("vergadering/<int:pk>/terug-naar-concept/", views.withdraw, name="withdraw"),
    path("vergadering/<int:pk>/vaststellen/<int:minutes_of>/", views.adopt, name="adopt"),
    path("vergadering/<int:pk>/erratum/", views.erratum, name="erratum"),
    path("agendapunt/<int:pk>/wijzigen/", views_items.item_edit, name="item_edit"),
    path("agendapunt/<int:pk>/volgorde/", views.item_move, name="item_move"),
    path(
        "agendapunt/<int:pk>/kopieren-verplaatsen/",
        views_items.item_transfer,
        name="item_transfer",
    ),
    path("agendapunt/<int:pk>/verwijderen/", views.item_remove, name="item_remove"),
    path("agendapunt/<int:pk>/doorschuiven/", views.item_defer, name="item_defer"),
    path("agendapunt/<int:pk>/punt/", views_items.point_add, name="point_add"),
    path("agendapunt/<int:pk>/besluit/", views_items.decision_add, name="decision_add"),
    path("punt/<int:pk>/wijzigen/", views_items.point_edit, name="point_edit"),
    path("punt/<int:pk>/verwijderen/", views.point_remove, name="point_remove"),
    path("besluit/<int:pk>/verwijderen/", views.decision_remove, name="decision_remove"),
]

"""URLs of the actielijst, Mijn acties, the besluitenlijst, the termijnagenda and the calendar
feeds (under /overleggen/)."""

from django.urls import URLPattern, path

from regie.meetings import views_actions, views_calendar

urlpatterns: list[URLPattern] = [
    path("<int:pk>/acties/", views_actions.actions, name="actions"),
    path("<int:pk>/acties/nieuw/", views_actions.action_add, name="action_add"),
    path("acties/<int:pk>/deelactie/", views_actions.subaction_add, name="subaction_add"),
    path("deelacties/<int:pk>/wijzigen/", views_actions.subaction_edit, name="subaction_edit"),
    path("deelacties/<int:pk>/afronden/", views_actions.subaction_done, name="subaction_done"),
    path("deelacties/<int:pk>/heropenen/", views_actions.subaction_reopen, name="subaction_reopen"),
    path("mijn-acties/", views_actions.my_actions, name="my_actions"),
    path("<int:pk>/besluiten/", views_actions.decisions, name="decisions"),
    path("besluit/<int:pk>/", views_actions.decision, name="decision"),
    path("<int:pk>/termijnagenda/", views_calendar.term_agenda, name="term_agenda"),
    path("<int:pk>/termijnagenda/nieuw/", views_calendar.term_add, name="term_add"),
    path("termijnagenda/<int:pk>/plannen/", views_calendar.term_plan, name="term_plan"),
    path("agenda/", views_calendar.feed_settings, name="feeds"),
    path("agenda/<str:token>.ics", views_calendar.feed, name="feed"),
]

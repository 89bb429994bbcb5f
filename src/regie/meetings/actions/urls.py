"""URLs of the actielijst, Mijn acties and the besluitenlijst (under /overleggen/)."""

from django.urls import URLPattern, path

from regie.meetings.actions import views

urlpatterns: list[URLPattern] = [
    path("<int:pk>/acties/", views.actions, name="actions"),
    path("<int:pk>/acties/nieuw/", views.action_add, name="action_add"),
    path("acties/<int:pk>/deelactie/", views.subaction_add, name="subaction_add"),
    path("deelacties/<int:pk>/wijzigen/", views.subaction_edit, name="subaction_edit"),
    path("deelacties/<int:pk>/afronden/", views.subaction_done, name="subaction_done"),
    path("deelacties/<int:pk>/heropenen/", views.subaction_reopen, name="subaction_reopen"),
    path("mijn-acties/", views.my_actions, name="my_actions"),
    path("<int:pk>/besluiten/", views.decisions, name="decisions"),
    path("besluit/<int:pk>/", views.decision, name="decision"),
]

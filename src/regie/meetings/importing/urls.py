"""URL patterns of the minutes import (paths and names as before the move into this package)."""

from django.urls import URLPattern, path

from regie.meetings.importing import views

urlpatterns: list[URLPattern] = [
    path("<int:pk>/verslag-importeren/", views.import_minutes, name="import"),
    path(
        "<int:pk>/verslag-importeren/opslaan/",
        views.import_confirm,
        name="import_confirm",
    ),
]

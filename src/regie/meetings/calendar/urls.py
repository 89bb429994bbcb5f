"""URLs of the calendar feeds (under /overleggen/)."""

from django.urls import URLPattern, path

from regie.meetings.calendar import views

urlpatterns: list[URLPattern] = [
    path("agenda/", views.feed_settings, name="feeds"),
    path("agenda/<str:token>.ics", views.feed, name="feed"),
]

"""URL patterns (filled in by the documents part)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []

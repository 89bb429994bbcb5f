"""URL patterns (filled in by the actions part)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []

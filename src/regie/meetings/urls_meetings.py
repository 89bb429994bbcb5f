"""URL patterns (filled in by the meetings part)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []

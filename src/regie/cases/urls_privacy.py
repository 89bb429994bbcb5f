"""Data-subject requests; included under ``privacy/`` in ``regie.urls``."""

from django.urls import path

from regie.cases import views_privacy

app_name = "privacy"

urlpatterns = [
    path("", views_privacy.search, name="search"),
    path("betrokkene/<int:person_id>/", views_privacy.person, name="person"),
    path(
        "betrokkene/<int:person_id>/inzage.json",
        views_privacy.export_json,
        name="export_json",
    ),
    path(
        "betrokkene/<int:person_id>/inzage.pdf",
        views_privacy.export_pdf,
        name="export_pdf",
    ),
]

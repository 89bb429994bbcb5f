"""URL patterns of the minutes documents: export (PDF, DOCX) and import."""

from django.urls import URLPattern, path

from regie.meetings import views_documents

urlpatterns: list[URLPattern] = [
    path("vergadering/<int:pk>/verslag.pdf", views_documents.export_pdf, name="export_pdf"),
    path("vergadering/<int:pk>/verslag.docx", views_documents.export_docx, name="export_docx"),
    path("<int:pk>/verslag-importeren/", views_documents.import_minutes, name="import"),
    path(
        "<int:pk>/verslag-importeren/opslaan/",
        views_documents.import_confirm,
        name="import_confirm",
    ),
]

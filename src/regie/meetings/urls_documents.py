"""URL patterns of the minutes documents: export (PDF, DOCX)."""

from django.urls import URLPattern, path

from regie.meetings import views_documents

urlpatterns: list[URLPattern] = [
    path("vergadering/<int:pk>/verslag.pdf", views_documents.export_pdf, name="export_pdf"),
    path("vergadering/<int:pk>/verslag.docx", views_documents.export_docx, name="export_docx"),
]

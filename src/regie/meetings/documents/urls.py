"""URL patterns of the minutes documents: export (PDF, DOCX)."""

from django.urls import URLPattern, path

from regie.meetings.documents import views

urlpatterns: list[URLPattern] = [
    path("vergadering/<int:pk>/verslag.pdf", views.export_pdf, name="export_pdf"),
    path("vergadering/<int:pk>/verslag.docx", views.export_docx, name="export_docx"),
]

from django.urls import path

from regie.intake import views_factsheet

app_name = "factsheet"

# Mounted at informatiebeeld/ (next to the trends page).
urlpatterns = [
    path("factsheet/", views_factsheet.index, name="index"),
    path("factsheet.pdf", views_factsheet.export_pdf, name="pdf"),
]

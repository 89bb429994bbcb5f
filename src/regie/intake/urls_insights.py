from django.urls import path

from regie.intake import views_insights

app_name = "insights"

urlpatterns = [
    path("", views_insights.index, name="index"),
    path("vertrouwelijk.pdf", views_insights.confidential_pdf, name="confidential_pdf"),
]

"""URLs of the termijnagenda (under /overleggen/)."""

from django.urls import URLPattern, path

from regie.meetings.forward import views

urlpatterns: list[URLPattern] = [
    path("<int:pk>/termijnagenda/", views.term_agenda, name="term_agenda"),
    path("<int:pk>/termijnagenda/nieuw/", views.term_add, name="term_add"),
    path("termijnagenda/<int:pk>/plannen/", views.term_plan, name="term_plan"),
]

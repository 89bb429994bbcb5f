from django.urls import path

from regie.intake import views_triage

app_name = "weegploeg"

urlpatterns = [
    path("", views_triage.index, name="index"),
    path("zittingen/nieuw/", views_triage.session_create, name="session_create"),
    path("zittingen/<int:pk>/", views_triage.session, name="session"),
    path(
        "zittingen/<int:pk>/<str:reference>/eraf/",
        views_triage.session_remove,
        name="session_remove",
    ),
    path("<str:reference>/", views_triage.decide, name="decide"),
]

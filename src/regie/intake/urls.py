from django.urls import path

from regie.intake import views

app_name = "intake"

urlpatterns = [
    path("", views.own, name="own"),
    path("nieuw/", views.submit_signal, name="submit"),
    path("<str:reference>/", views.own_detail, name="own_detail"),
]

from django.urls import path

from regie.intake import views_desk

app_name = "steunpunt"

urlpatterns = [
    path("", views_desk.queue, name="queue"),
    path("<str:reference>/", views_desk.signal_page, name="signal"),
    path("<str:reference>/oppakken/", views_desk.pick_up, name="pick_up"),
    path("<str:reference>/vraag/", views_desk.ask, name="ask"),
    path("<str:reference>/advies/", views_desk.advise, name="advise"),
    path("<str:reference>/afsluiten/", views_desk.close, name="close"),
    path("<str:reference>/doorsturen/", views_desk.forward, name="forward"),
]

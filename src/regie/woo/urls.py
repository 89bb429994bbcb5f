from django.urls import path

from regie.woo.views import create, decisions, files, listing, review, workflow

app_name = "woo"

urlpatterns = [
    path("", listing.index, name="index"),
    path("nieuw/", create.create, name="create"),
    path("nieuw/vergadering/", create.create_from_meeting, name="create_from_meeting"),
    path("nieuw/bestand/", create.create_from_upload, name="create_from_upload"),
    path("<int:pk>/", review.review, name="review"),
    path("<int:pk>/weglakken/", decisions.add_manual, name="add_manual"),
    path("<int:pk>/alles-accepteren/", decisions.accept_all, name="accept_all"),
    path("<int:pk>/indienen/", workflow.submit_for_review, name="submit"),
    path("<int:pk>/terugsturen/", workflow.send_back, name="send_back"),
    path("<int:pk>/goedkeuren/", workflow.approve, name="approve"),
    path("<int:pk>/publiceren/", workflow.publish, name="publish"),
    path("<int:pk>/intrekken/", workflow.withdraw, name="withdraw"),
    path("<int:pk>/voorbeeld/", files.preview, name="preview"),
    path("<int:pk>/bestanden/<str:kind>/", files.download, name="download"),
    path("redactie/<int:pk>/besluit/", decisions.decide, name="decide"),
    path("redactie/<int:pk>/grond/", decisions.change_ground, name="change_ground"),
]

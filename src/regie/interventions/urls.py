from django.urls import path

from regie.interventions import views

app_name = "interventions"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("wijzigingsverzoeken/", views.change_requests, name="change_requests"),
    path("wijzigingsverzoeken/nieuw/", views.propose, name="propose"),
    path("wijzigingsverzoeken/<int:pk>/", views.change_request, name="change_request"),
    path("wijzigingsverzoeken/<int:pk>/beoordelen/", views.review, name="review"),
    path("publiceren/", views.publish, name="publish"),
    path("casus/<str:number>/nieuw/", views.add, name="add"),
    path("<uuid:public_id>/wijzigen/", views.update, name="update"),
    path("<uuid:public_id>/voortgang/", views.partner_update, name="partner_update"),
]

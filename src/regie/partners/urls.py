from django.urls import path

from regie.partners import views

app_name = "partners"

urlpatterns = [
    path("", views.cases, name="cases"),
    path("aanvragen/", views.join, name="join"),
    path("casussen/<str:number>/", views.case, name="case"),
    path("registraties/", views.registrations, name="registrations"),
    path("registraties/nieuw/<str:number>/", views.register, name="register"),
    path("registraties/<uuid:public_id>/", views.registration, name="registration"),
    path("registraties/<uuid:public_id>/besluit/", views.decide, name="decide"),
    path("registraties/<uuid:public_id>/beeindigen/", views.end, name="end"),
    path("registraties/<uuid:public_id>/formulier.pdf", views.form_pdf, name="form_pdf"),
]

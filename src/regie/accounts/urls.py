from django.urls import path

from regie.accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.home, name="home"),
    path("inloggen/", views.login_view, name="login"),
    path("inloggen/code/", views.verify, name="verify"),
    path("inloggen/authenticator/", views.enrol, name="enrol"),
    path("uitloggen/", views.logout_view, name="logout"),
]

from django.urls import path

from regie.accounts import views, views_resets

app_name = "accounts"

urlpatterns = [
    path("", views.home, name="home"),
    path("inloggen/", views.login_view, name="login"),
    path("inloggen/code/", views.verify, name="verify"),
    path("inloggen/herstelcode/", views.recovery, name="recovery"),
    path("inloggen/authenticator/", views.enrol, name="enrol"),
    path(
        "inloggen/nieuw-wachtwoord/<uidb64>/<token>/",
        views_resets.password_set,
        name="password_set",
    ),
    path("uitloggen/", views.logout_view, name="logout"),
    path("account/herstelcodes/", views.recovery_codes, name="recovery_codes"),
    path("account/resetverzoeken/", views_resets.reset_list, name="resets"),
    path(
        "account/resetverzoeken/nieuw/<int:user_id>/",
        views_resets.reset_request,
        name="reset_request",
    ),
    path("account/resetverzoeken/<int:pk>/", views_resets.reset_detail, name="reset"),
    path(
        "account/resetverzoeken/<int:pk>/besluit/", views_resets.reset_decide, name="reset_decide"
    ),
]

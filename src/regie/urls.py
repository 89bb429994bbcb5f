from django.conf import settings
from django.urls import include, path
from django.views.i18n import set_language

from regie.core.admin_site import site
from regie.core.policy import public
from regie.core.views import health, ready
from regie.woo.public.feeds import robots

urlpatterns = [
    path("", include("regie.accounts.urls")),
    path("casussen/", include("regie.cases.urls")),
    path("privacy/", include("regie.cases.urls_privacy")),
    path("partners/", include("regie.partners.urls")),
    path("interventies/", include("regie.interventions.urls")),
    path("overleggen/", include("regie.meetings.urls")),
    path("woo/", include("regie.woo.urls")),
    path("signalen/", include("regie.intake.urls")),
    path("steunpunt/", include("regie.intake.urls_desk")),
    path("weegploeg/", include("regie.intake.urls_triage")),
    path("informatiebeeld/", include("regie.intake.urls_insights")),
    path("informatiebeeld/", include("regie.intake.urls_factsheet")),
    path("audit/", include("regie.audit.urls")),
    path("openbaar/", include("regie.woo.public.urls")),
    path("health/", health, name="health"),
    path("ready/", ready, name="ready"),
    # Robots read the public Woo documents only; it names the harvester's sitemap indexes.
    path("robots.txt", robots, name="robots"),
    path("taal/", public(set_language), name="set_language"),
    path(settings.REGIE_ADMIN_URL, site.urls),
]

handler400 = "regie.core.limits.bad_request"
handler403 = "regie.core.views.forbidden"
handler404 = "regie.core.views.not_found"
handler500 = "regie.core.views.server_error"

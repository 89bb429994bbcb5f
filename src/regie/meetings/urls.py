"""URLs under /overleggen/. Each part of the module keeps its own list."""

from regie.meetings import urls_actions, urls_documents, urls_meetings
from regie.meetings.importing import urls as urls_importing

app_name = "meetings"

urlpatterns = [
    *urls_meetings.urlpatterns,
    *urls_actions.urlpatterns,
    *urls_documents.urlpatterns,
    *urls_importing.urlpatterns,
]

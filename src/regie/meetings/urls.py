"""URLs under /overleggen/. Each part of the module keeps its own list."""

from regie.meetings import urls_actions, urls_meetings
from regie.meetings.documents import urls as urls_documents
from regie.meetings.importing import urls as urls_importing

app_name = "meetings"

urlpatterns = [
    *urls_meetings.urlpatterns,
    *urls_actions.urlpatterns,
    *urls_documents.urlpatterns,
    *urls_importing.urlpatterns,
]

"""URLs under /overleggen/. Each component keeps its own list."""

from regie.meetings.actions import urls as urls_actions
from regie.meetings.calendar import urls as urls_calendar
from regie.meetings.documents import urls as urls_documents
from regie.meetings.forward import urls as urls_forward
from regie.meetings.importing import urls as urls_importing
from regie.meetings.minutes import urls as urls_meetings

app_name = "meetings"

urlpatterns = [
    *urls_meetings.urlpatterns,
    *urls_actions.urlpatterns,
    *urls_forward.urlpatterns,
    *urls_calendar.urlpatterns,
    *urls_documents.urlpatterns,
    *urls_importing.urlpatterns,
]

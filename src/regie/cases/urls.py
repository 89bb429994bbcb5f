from django.urls import path

from regie.cases import views, views_changes

app_name = "cases"

urlpatterns = [
    path("caseload/", views.caseload, name="caseload"),
    path("overzicht/", views.overview, name="overview"),
    path("overzicht/toewijzen/", views.bulk_assign, name="bulk_assign"),
    path("vlag/<slug:code>/", views.flag_list, name="flag_list"),
    path("nieuw/", views.create, name="create"),
    path("zoeken/", views.search, name="search"),
    path("taken/", views.tasks, name="tasks"),
    path("taken/<int:task_id>/afronden/", views_changes.task_complete, name="task_complete"),
    path("<str:number>/", views.detail, name="detail"),
    path("<str:number>/fase/", views_changes.transition, name="transition"),
    path("<str:number>/wijzigen/", views_changes.edit, name="edit"),
    path("<str:number>/toewijzen/", views_changes.assign, name="assign"),
    path("<str:number>/vlaggen/", views_changes.flags, name="flags"),
    path("<str:number>/journaal/", views_changes.journal_add, name="journal_add"),
    path("<str:number>/journaal/<int:entry_id>/", views_changes.journal_edit, name="journal_edit"),
    path("<str:number>/journaal/ouder/", views.journal_page, name="journal_page"),
    path("<str:number>/tijdlijn/ouder/", views.timeline_page, name="timeline_page"),
    path("<str:number>/taken/", views_changes.task_add, name="task_add"),
    path("<str:number>/zrm/", views_changes.zrm_add, name="zrm_add"),
]

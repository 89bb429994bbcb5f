from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from django.contrib import messages
from django.db.models import Exists, OuterRef
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from regie.cases import duplicates, extensions, selectors, services, workflow, zrm_chart
from regie.cases.forms import (
    AssignForm,
    BulkAssignForm,
    CaseCreateForm,
    CaseEditForm,
    FlagsForm,
    JournalForm,
    SearchForm,
    TaskForm,
    TransitionForm,
)
from regie.cases.models import (
    OPEN_PHASES,
    Case,
    FlagType,
    LifeDomain,
    Phase,
)
from regie.cases.vocabulary import Cases
from regie.core import audit, policy
from regie.core.forms import error_text, respond, submit
from regie.core.http import AuthenticatedRequest
from regie.core.pagination import Page
from regie.core.params import int_or_none
from regie.core.policy import requires
from regie.organisations.models import Organisation

if TYPE_CHECKING:
    from regie.accounts.models import User


def _partial(request: HttpRequest, template: str, partial: str) -> str:
    return f"{template}#{partial}" if getattr(request, "htmx", False) else template


@requires(Cases.CASELOAD, personal_data=True)
def caseload(request: AuthenticatedRequest) -> HttpResponse:
    phase = request.GET.get("phase", "")
    filters = selectors.CaseFilters(
        phase=phase if phase in dict(Phase.choices) else "",
        area=int_or_none(request.GET.get("area")),
        flag=int_or_none(request.GET.get("flag")),
        sort=request.GET.get("sort", "review"),
        cursor=request.GET.get("cursor") or None,
    )
    page = selectors.caseload(request.user, filters)
    query = request.GET.copy()
    query.pop("cursor", None)
    return render(
        request,
        _partial(request, "cases/caseload.html", "table"),
        {
            "page": page,
            "filters": filters,
            "today": timezone.localdate(),
            "phases": [(p.value, p.label) for p in Phase if p in OPEN_PHASES],
            "flags": FlagType.objects.filter(is_active=True),
            "areas": _areas_of_caseload(request.user),
            "query": query.urlencode(),
            "sorts": selectors.SORTS,
        },
    )


def _areas_of_caseload(user: User) -> list[tuple[int, str]]:
    # The districts (a dozen) that hold at least one of the user's open cases: one index probe
    # each, instead of reading all of a caseload's cases for a DISTINCT.
    mine = policy.visible(user, Case).filter(
        regisseur=user, phase__in=OPEN_PHASES, area_id=OuterRef("pk")
    )
    return list(
        Organisation.objects.filter(Exists(mine)).order_by("name").values_list("pk", "name")
    )


@requires(Cases.OVERVIEW, personal_data=True)
def overview(request: AuthenticatedRequest) -> HttpResponse:
    page = selectors.unassigned(request.user, request.GET.get("cursor") or None)
    return render(
        request,
        "cases/overview.html",
        {
            "overview": selectors.overview(request.user),
            "unassigned": page,
            "assign_form": BulkAssignForm(),
            "today": timezone.localdate(),
            "flags": FlagType.objects.filter(is_active=True),
        },
    )


@requires(Cases.CASE_ASSIGN)
@require_POST
def bulk_assign(request: AuthenticatedRequest) -> HttpResponse:
    form = BulkAssignForm(request.POST)
    numbers = request.POST.getlist("case")
    if not numbers:
        messages.error(request, _("Select at least one case."))
        return redirect("cases:overview")
    if not form.is_valid():
        messages.error(request, _("Give a reason for the reassignment."))
        return redirect("cases:overview")
    cases = list(policy.visible(request.user, Case).filter(number__in=numbers))
    done = submit(
        form,
        lambda data: services.bulk_assign(
            actor=request.user, cases=cases, regisseur=data["regisseur"], reason=data["reason"]
        ),
    )
    if done.value is None:
        messages.error(request, error_text(form))
        return redirect("cases:overview")
    changed = done.value
    messages.success(
        request,
        ngettext("%(count)d case reassigned.", "%(count)d cases reassigned.", changed)
        % {"count": changed},
    )
    return redirect("cases:overview")


@requires(Cases.FLAG_LIST, personal_data=True, target=FlagType)
def flag_list(request: AuthenticatedRequest, code: str) -> HttpResponse:
    flag = FlagType.objects.filter(code=code).first()
    if flag is None:
        from django.http import Http404

        raise Http404
    page = selectors.cases_with_flag(request.user, flag, request.GET.get("cursor") or None)
    return render(
        request, "cases/flag_list.html", {"flag": flag, "page": page, "today": timezone.localdate()}
    )


@requires(Cases.CASE_CREATE)
def create(request: AuthenticatedRequest) -> HttpResponse:
    """Register a case. A valid form first goes through the duplicate check: when it finds
    candidates the form comes back with them (nothing saved) and the user answers "this is the
    same person" or "a different person"; only then is the case registered."""
    form = CaseCreateForm(request.POST or None)
    candidates: list[duplicates.Candidate] = []
    if request.method == "POST":
        choice = request.POST.get("duplicate", "")
        if choice != "different" and not choice.isdigit():
            choice = ""
        # Taken before a refusal removes fields from cleaned_data: the matches stay on the page.
        person_data = _person_data(form.cleaned_data) if form.is_valid() else None
        if person_data is not None and not choice:
            candidates = duplicates.duplicate_candidates(request.user, person_data)
        if candidates and person_data is not None:
            if taken := duplicates.bsn_taken(request.user, person_data.bsn):
                form.add_error("bsn", taken)
        else:
            created = submit(form, lambda data: _register(request, data, choice))
            if created.value is not None:
                case = created.value
                messages.success(
                    request, _("Case %(number)s registered.") % {"number": case.number}
                )
                return redirect("cases:detail", number=case.number)
            if choice and person_data is not None:
                candidates = duplicates.duplicate_candidates(request.user, person_data)
    return respond(request, "cases/create.html", {"candidates": candidates}, form=form)


def _person_data(data: Mapping[str, Any]) -> services.PersonData:
    return services.PersonData(
        first_name=data["first_name"],
        last_name=data["last_name"],
        date_of_birth=data["date_of_birth"],
        bsn=data["bsn"] or "",
        area_id=data["area"].pk,
    )


def _register(request: AuthenticatedRequest, data: Mapping[str, Any], choice: str) -> Case:
    """The case the user asked for: without candidates, for a new person after "different
    person", or for the chosen candidate after "this is the same person"."""
    common: dict[str, Any] = {
        "actor": request.user,
        "theme": data["theme"],
        "area": data["area"],
        "regisseur": data["regisseur"],
        "summary": data["summary"],
    }
    person_data = _person_data(data)
    if choice == "different":
        return services.register_different_person(person_data=person_data, **common)
    if choice.isdigit():
        return services.register_same_person(
            candidate_id=int(choice), person_data=person_data, **common
        )
    return services.create_case(person_data=person_data, **common)


def _get_case(request: AuthenticatedRequest, number: str, action: Cases = Cases.VIEW) -> Case:
    return policy.get_for_user(
        request.user, selectors.case_for_page(number), action=action, number=number
    )


# The case page's action forms. The page itself renders none of them (unless a POST came back
# with errors): each opens on demand, fetched with htmx into the page, or on its own page without
# JavaScript, from the same URL its POST goes to and under the same policy declaration.
FORM_TITLES = {
    "transition": gettext_lazy("Change phase"),
    "edit": gettext_lazy("Edit case"),
    "assign": gettext_lazy("Case director"),
    "flags": gettext_lazy("Flags"),
    "task": gettext_lazy("New task"),
}


def _targets(user: User, case: Case) -> list[tuple[str, Any]]:
    return [(t.target, Phase(t.target).label) for t in workflow.available(user, case)]


def _initial_form(request: AuthenticatedRequest, case: Case, name: str) -> Form:
    """The form ``name`` as the case page offers it, filled with the case as stored."""
    if name == "transition":
        return TransitionForm(
            targets=_targets(request.user, case), initial={"version": case.version}
        )
    if name == "edit":
        return CaseEditForm(
            initial={
                "theme": case.theme,
                "area": case.area,
                "summary": case.summary,
                "version": case.version,
            }
        )
    if name == "assign":
        return AssignForm(initial={"regisseur": case.regisseur, "version": case.version})
    if name == "flags":
        return FlagsForm(initial={"flags": list(case.flags.all()), "version": case.version})
    if name == "task":
        return TaskForm(assignees=selectors.regisseurs(), initial={"assignee": case.regisseur})
    raise ValueError(name)


def _form_response(request: AuthenticatedRequest, case: Case, name: str) -> HttpResponse:
    """GET on an action's URL: its form, as a fragment for htmx or as a page of its own."""
    form = _initial_form(request, case, name)
    htmx = bool(getattr(request, "htmx", False))
    if htmx and name != "flags":
        # The link that fetched the form is replaced by it: move the focus into the form.
        form.fields[next(iter(form.fields))].widget.attrs["autofocus"] = True
    context = {"case": case, "form": form, "focus": htmx, "title": FORM_TITLES[name]}
    if htmx:
        return render(request, f"cases/_forms.html#{name}", context)
    return render(request, "cases/case_form.html", {**context, "partial": name})


CaseForm = Literal["transition", "edit", "assign", "flags", "journal", "task"]


@dataclass(frozen=True)
class Refused:
    """One of the case page's forms, posted and refused (``core.forms.submit``): the page
    comes back with it open, showing what the user typed and why it was refused."""

    name: CaseForm
    form: Form
    # Set when someone else saved first: the page shows what differs above everything else.
    conflict: list[tuple[str, Any, Any]] | None = None

    @property
    def shown(self) -> bool:
        # After a conflict the page shows the case as stored and the user acts again; only the
        # case's details come back as typed, as a summary can be long.
        return self.conflict is None or self.name == "edit"


@requires(Cases.VIEW, personal_data=True)
def detail(
    request: AuthenticatedRequest, number: str, refused: Refused | None = None
) -> HttpResponse:
    case = _get_case(request, number)
    data = selectors.case_page(case)
    user = request.user
    domains = list(LifeDomain.objects.all())
    zrm = zrm_chart.table(data.assessments, domains)
    # Forms that came back with errors; the others open on demand (see FORM_TITLES).
    bound = {refused.name: refused.form} if refused is not None and refused.shown else {}
    context = {
        "case": case,
        "data": data,
        "today": timezone.localdate(),
        "zrm": zrm,
        "zrm_legend": zrm_chart.legend(zrm),
        "zrm_svg": zrm_chart.svg(
            zrm, _("ZRM scores over time for %(number)s") % {"number": case.number}
        ),
        "may": {
            "edit": policy.permits(user, Cases.CASE_UPDATE, case),
            "assign": policy.permits(user, Cases.CASE_ASSIGN, case),
            "journal": policy.permits(user, Cases.JOURNAL_CREATE, case),
            "zrm": policy.permits(user, Cases.ZRM_CREATE, case),
            "flags": policy.permits(user, Cases.CASE_FLAGS, case),
            "task": policy.permits(user, Cases.TASK_CREATE, case),
        },
        "transition_form": bound.get("transition"),
        "has_transitions": bool(workflow.available(user, case)),
        "edit_form": bound.get("edit"),
        "assign_form": bound.get("assign"),
        "flags_form": bound.get("flags"),
        "journal_form": bound.get("journal")
        or JournalForm(
            partners=extensions.active_partners(case, request),
            initial={"occurred_on": timezone.localdate()},
        ),
        "task_form": bound.get("task"),
        "conflict": refused.conflict if refused is not None else None,
        "panels": extensions.case_panels(request, case),
    }
    status = 200 if refused is None else (409 if refused.conflict is not None else 400)
    return render(request, "cases/detail.html", context, status=status)


# The case page shows the newest journal entries and timeline events (selectors.case_page); the
# older ones follow a page at a time from these views, under the case page's own declaration and
# object check. With htmx a batch replaces the "older" link it came from (and brings the next one);
# without JavaScript it is a page of its own.
HISTORY_TITLES = {
    "journal": gettext_lazy("Journal of %(number)s"),
    "timeline": gettext_lazy("Timeline of %(number)s"),
}


def _history_response(request: HttpRequest, case: Case, name: str, page: Page[Any]) -> HttpResponse:
    htmx = bool(getattr(request, "htmx", False))
    context = {
        "case": case,
        "page": page,
        "focus": htmx,
    }
    if htmx:
        return render(request, f"cases/_history.html#{name}", context)
    title = HISTORY_TITLES[name] % {"number": case.number}
    return render(request, "cases/history.html", {**context, "partial": name, "title": title})


@requires(Cases.VIEW, personal_data=True)
@require_GET
def journal_page(request: AuthenticatedRequest, number: str) -> HttpResponse:
    case = _get_case(request, number)
    page = selectors.journal_page(case, request.GET.get("cursor") or None)
    return _history_response(request, case, "journal", page)


@requires(Cases.VIEW, personal_data=True)
@require_GET
def timeline_page(request: AuthenticatedRequest, number: str) -> HttpResponse:
    case = _get_case(request, number)
    page = selectors.timeline_page(case, request.GET.get("cursor") or None)
    return _history_response(request, case, "timeline", page)


@requires(Cases.TASKS, personal_data=True)
def tasks(request: AuthenticatedRequest) -> HttpResponse:
    open_tasks = list(selectors.open_tasks_for(request.user)[:200])
    today = timezone.localdate()
    return render(
        request,
        "cases/tasks.html",
        {
            "overdue": [t for t in open_tasks if t.due_on < today],
            "upcoming": [t for t in open_tasks if t.due_on >= today],
            "today": today,
        },
    )


@requires(Cases.SEARCH, personal_data=True)
@require_http_methods(["GET", "POST"])
@never_cache
def search(request: AuthenticatedRequest) -> HttpResponse:
    # The form posts: a name or date of birth typed here never lands in a URL (browser history,
    # proxy and server logs, the Referer of the next page). A query string is ignored.
    form = SearchForm(request.POST if request.method == "POST" else None)
    results: list[selectors.CaseRow] = []
    searched = False
    if form.is_valid() and form.cleaned_data["q"]:
        searched = True
        results = selectors.search(request.user, form.cleaned_data["q"])
        for case in results:
            audit.note_read(case)
    return render(
        request,
        _partial(request, "cases/search.html", "results"),
        {"form": form, "results": results, "searched": searched, "today": timezone.localdate()},
    )

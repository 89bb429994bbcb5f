"""The case page's forms: phase, case details, regisseur, flags, journal, tasks and ZRM.

Each GET opens its form (htmx fragment or a page of its own, ``views._form_response``); a
refused POST re-renders the case page (``views.detail``) with the form and its errors."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django.contrib import messages
from django.forms import Form
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from regie.cases import extensions, selectors, services
from regie.cases.forms import (
    AssignForm,
    CaseEditForm,
    FlagsForm,
    JournalForm,
    TaskForm,
    TransitionForm,
    ZrmForm,
)
from regie.cases.models import (
    Case,
    JournalEntry,
    Phase,
    Task,
    Visibility,
)
from regie.cases.views import CaseForm, Refused, _form_response, _get_case, _targets, detail
from regie.cases.vocabulary import Cases
from regie.core import policy
from regie.core.forms import Submitted, respond, submit
from regie.core.http import AuthenticatedRequest
from regie.core.policy import requires

T = TypeVar("T")

# ``phase_since`` moves with every phase change and says nothing the phase itself does not.
HIDDEN_IN_CONFLICT = frozenset({"phase_since"})


def _submit(form: Form, call: Callable[[Mapping[str, Any]], T]) -> Submitted[T]:
    """``core.forms.submit`` for a write to the case under its version."""
    return submit(form, call, conflict_model=Case, conflict_hide=HIDDEN_IN_CONFLICT)


def _refused(
    request: AuthenticatedRequest, number: str, name: CaseForm, form: Form, done: Submitted[Any]
) -> HttpResponse:
    """The case page again, with the refused form open (or the conflict above it)."""
    return detail(request, number, refused=Refused(name, form, done.conflict))


@requires(Cases.VIEW)
@require_http_methods(["GET", "POST"])
def transition(request: AuthenticatedRequest, number: str) -> HttpResponse:
    case = _get_case(request, number, Cases.CASE_TRANSITION)
    if request.method == "GET":
        return _form_response(request, case, "transition")
    form = TransitionForm(request.POST, targets=_targets(request.user, case))
    # Closing ends the partners' registrations too (the partners app's hook): say so.
    partners: list[str] = []

    def change(data: Mapping[str, Any]) -> Case:
        if data["target"] == Phase.AFGESLOTEN:
            partners.extend(o.name for o in extensions.active_partners(case))
        return services.transition(
            actor=request.user,
            case=case,
            target=data["target"],
            reason=data["reason"],
            closing_reason=data["closing_reason"],
            expected_version=data["version"],
        )

    done = _submit(form, change)
    if not done.ok:
        return _refused(request, number, "transition", form, done)
    messages.success(request, _("Phase changed."))
    if partners:
        messages.info(
            request,
            _("The access of %(partners)s to this case has ended with the close.")
            % {"partners": ", ".join(partners)},
        )
    return redirect("cases:detail", number=number)


@requires(Cases.VIEW)
@require_http_methods(["GET", "POST"])
def edit(request: AuthenticatedRequest, number: str) -> HttpResponse:
    case = _get_case(request, number, Cases.CASE_UPDATE)
    if request.method == "GET":
        return _form_response(request, case, "edit")
    form = CaseEditForm(request.POST)
    done = _submit(
        form,
        lambda data: services.update_case(
            actor=request.user,
            case=case,
            expected_version=data["version"],
            summary=data["summary"],
            theme=data["theme"],
            area=data["area"],
        ),
    )
    if not done.ok:
        return _refused(request, number, "edit", form, done)
    messages.success(request, _("Case saved."))
    return redirect("cases:detail", number=number)


@requires(Cases.CASE_ASSIGN)
@require_http_methods(["GET", "POST"])
def assign(request: AuthenticatedRequest, number: str) -> HttpResponse:
    case = _get_case(request, number, Cases.CASE_ASSIGN)
    if request.method == "GET":
        return _form_response(request, case, "assign")
    form = AssignForm(request.POST)
    done = _submit(
        form,
        lambda data: services.assign(
            actor=request.user,
            case=case,
            regisseur=data["regisseur"],
            reason=data["reason"],
            expected_version=data["version"],
        ),
    )
    if not done.ok:
        return _refused(request, number, "assign", form, done)
    messages.success(request, _("Case director changed."))
    return redirect("cases:detail", number=number)


@requires(Cases.VIEW)
@require_http_methods(["GET", "POST"])
def flags(request: AuthenticatedRequest, number: str) -> HttpResponse:
    case = _get_case(request, number, Cases.CASE_FLAGS)
    if request.method == "GET":
        return _form_response(request, case, "flags")
    form = FlagsForm(request.POST)
    done = _submit(
        form,
        lambda data: services.set_flags(
            actor=request.user,
            case=case,
            flags=list(data["flags"]),
            expected_version=data["version"],
        ),
    )
    if not done.ok:
        return _refused(request, number, "flags", form, done)
    messages.success(request, _("Flags saved."))
    return redirect("cases:detail", number=number)


def _journal_saved(entry: JournalEntry, *, added: bool) -> str:
    """The confirmation says who will see the entry, by name (issue 11.2)."""
    names = sorted(o.name for o in entry.shared_with.all())
    if entry.visibility != Visibility.PARTNERS or not names:
        if added:
            return _("Journal entry added. Visible to the regie team only.")
        return _("Journal entry saved. Visible to the regie team only.")
    partners = names[0]
    if len(names) > 1:
        partners = _("%(first)s and %(last)s") % {
            "first": ", ".join(names[:-1]),
            "last": names[-1],
        }
    if added:
        return _("Journal entry added. Visible to the regie team and %(partners)s.") % {
            "partners": partners
        }
    return _("Journal entry saved. Visible to the regie team and %(partners)s.") % {
        "partners": partners
    }


@requires(Cases.VIEW)
@require_POST
def journal_add(request: AuthenticatedRequest, number: str) -> HttpResponse:
    case = _get_case(request, number, Cases.JOURNAL_CREATE)
    form = JournalForm(request.POST, partners=extensions.active_partners(case))
    done = _submit(
        form,
        lambda data: services.add_journal_entry(
            actor=request.user,
            case=case,
            occurred_on=data["occurred_on"],
            category=data["category"],
            text=data["text"],
            visibility=data["visibility"],
            shared_with=list(data.get("shared_with") or []),
        ),
    )
    if done.value is None:
        return _refused(request, number, "journal", form, done)
    messages.success(request, _journal_saved(done.value, added=True))
    return redirect(reverse("cases:detail", args=[number]) + "#journal")


@requires(Cases.VIEW, personal_data=True)
def journal_edit(request: AuthenticatedRequest, number: str, entry_id: int) -> HttpResponse:
    case = _get_case(request, number)
    entry = policy.get_for_user(
        request.user,
        JournalEntry.objects.select_related("case"),
        action=Cases.JOURNAL_UPDATE,
        pk=entry_id,
        case=case,
    )
    conflict = None
    partners = extensions.active_partners(case)
    if request.method == "POST":
        form = JournalForm(request.POST, partners=partners)
        done = submit(
            form,
            lambda data: services.update_journal_entry(
                actor=request.user,
                entry=entry,
                expected_version=data["version"] or 0,
                occurred_on=data["occurred_on"],
                category=data["category"],
                text=data["text"],
                visibility=data["visibility"],
                shared_with=list(data.get("shared_with") or []),
            ),
            conflict_model=JournalEntry,
        )
        if done.value is not None:
            messages.success(request, _journal_saved(done.value, added=False))
            return redirect(reverse("cases:detail", args=[number]) + "#journal")
        conflict = done.conflict
        if conflict is not None:
            # The form saves over the stored version next time: the user has seen what differs.
            entry.refresh_from_db()
    else:
        form = JournalForm(
            partners=partners,
            initial={
                "occurred_on": entry.occurred_on,
                "category": entry.category,
                "text": entry.text,
                "visibility": entry.visibility,
                "shared_with": list(entry.shared_with.all()),
                "version": entry.version,
            },
        )
    return render(
        request,
        "cases/journal_edit.html",
        {"case": case, "entry": entry, "form": form, "conflict": conflict},
        status=409 if conflict is not None else (400 if form.errors else 200),
    )


@requires(Cases.VIEW)
@require_http_methods(["GET", "POST"])
def task_add(request: AuthenticatedRequest, number: str) -> HttpResponse:
    case = _get_case(request, number, Cases.TASK_CREATE)
    if request.method == "GET":
        return _form_response(request, case, "task")
    form = TaskForm(request.POST, assignees=selectors.regisseurs())
    done = _submit(
        form,
        lambda data: services.add_task(
            actor=request.user,
            case=case,
            title=data["title"],
            due_on=data["due_on"],
            assignee=data["assignee"],
            kind=data["kind"],
        ),
    )
    if not done.ok:
        return _refused(request, number, "task", form, done)
    messages.success(request, _("Task added."))
    return redirect(reverse("cases:detail", args=[number]) + "#tasks")


@requires(Cases.TASKS)
@require_POST
def task_complete(request: AuthenticatedRequest, task_id: int) -> HttpResponse:
    task = policy.get_for_user(
        request.user, Task.objects.select_related("case"), action=Cases.TASK_COMPLETE, pk=task_id
    )
    services.complete_task(actor=request.user, task=task)
    messages.success(request, _("Task marked as done."))
    target = request.POST.get("next", "")
    if target == "tasks":
        return redirect("cases:tasks")
    return redirect(reverse("cases:detail", args=[task.case.number]) + "#tasks")


@requires(Cases.VIEW, personal_data=True)
def zrm_add(request: AuthenticatedRequest, number: str) -> HttpResponse:
    case = _get_case(request, number, Cases.ZRM_CREATE)
    form = ZrmForm(request.POST or None, initial={"assessed_on": timezone.localdate()})
    if request.method == "POST":
        done = submit(
            form,
            lambda data: services.add_zrm(
                actor=request.user,
                case=case,
                assessed_on=data["assessed_on"],
                scores=form.scores(),
                note=data["note"],
            ),
        )
        if done.ok:
            messages.success(request, _("ZRM assessment saved."))
            return redirect(reverse("cases:detail", args=[number]) + "#zrm")
    return respond(request, "cases/zrm_form.html", {"case": case}, form=form)

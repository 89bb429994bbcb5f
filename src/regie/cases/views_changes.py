"""The case page's forms: phase, case details, regisseur, flags, journal, tasks and ZRM.

Each GET opens its form (htmx fragment or a page of its own, ``views._form_response``); a
refused POST re-renders the case page (``views.detail``) with the form and its errors."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
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
from regie.cases.views import _form_response, _get_case, _targets, detail
from regie.cases.vocabulary import Cases
from regie.core import policy
from regie.core.forms import add_errors
from regie.core.locking import Conflict
from regie.core.policy import requires


def _conflict_rows(exc: Conflict, model: type[Model]) -> list[tuple[str, Any, Any]]:
    """The conflict in the reader's words (``phase_since`` moves with every phase change and
    says nothing the phase itself does not)."""
    return exc.rows(model, hide=frozenset({"phase_since"}))


@requires(Cases.VIEW)
@require_http_methods(["GET", "POST"])
def transition(request: HttpRequest, number: str) -> HttpResponse:
    case = _get_case(request, number, Cases.CASE_TRANSITION)
    if request.method == "GET":
        return _form_response(request, case, "transition")
    form = TransitionForm(request.POST, targets=_targets(request.user, case))
    if form.is_valid():
        closing = form.cleaned_data["target"] == Phase.AFGESLOTEN
        # Closing ends the partners' registrations too (the partners app's hook): say so.
        partners = [o.name for o in extensions.active_partners(case)] if closing else []
        try:
            services.transition(
                actor=request.user,
                case=case,
                target=form.cleaned_data["target"],
                reason=form.cleaned_data["reason"],
                closing_reason=form.cleaned_data["closing_reason"],
                expected_version=form.cleaned_data["version"],
            )
        except Conflict as exc:
            return detail(request, number, conflict=_conflict_rows(exc, Case))
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Phase changed."))
            if partners:
                messages.info(
                    request,
                    _("The access of %(partners)s to this case has ended with the close.")
                    % {"partners": ", ".join(partners)},
                )
            return redirect("cases:detail", number=number)
    return detail(request, number, transition_form=form)


@requires(Cases.VIEW)
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, number: str) -> HttpResponse:
    case = _get_case(request, number, Cases.CASE_UPDATE)
    if request.method == "GET":
        return _form_response(request, case, "edit")
    form = CaseEditForm(request.POST)
    if form.is_valid():
        try:
            services.update_case(
                actor=request.user,
                case=case,
                expected_version=form.cleaned_data["version"],
                summary=form.cleaned_data["summary"],
                theme=form.cleaned_data["theme"],
                area=form.cleaned_data["area"],
            )
        except Conflict as exc:
            return detail(request, number, conflict=_conflict_rows(exc, Case), edit_form=form)
        messages.success(request, _("Case saved."))
        return redirect("cases:detail", number=number)
    return detail(request, number, edit_form=form)


@requires(Cases.CASE_ASSIGN)
@require_http_methods(["GET", "POST"])
def assign(request: HttpRequest, number: str) -> HttpResponse:
    case = _get_case(request, number, Cases.CASE_ASSIGN)
    if request.method == "GET":
        return _form_response(request, case, "assign")
    form = AssignForm(request.POST)
    if form.is_valid():
        try:
            services.assign(
                actor=request.user,
                case=case,
                regisseur=form.cleaned_data["regisseur"],
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            )
        except Conflict as exc:
            return detail(request, number, conflict=_conflict_rows(exc, Case))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Case director changed."))
            return redirect("cases:detail", number=number)
    return detail(request, number, assign_form=form)


@requires(Cases.VIEW)
@require_http_methods(["GET", "POST"])
def flags(request: HttpRequest, number: str) -> HttpResponse:
    case = _get_case(request, number, Cases.CASE_FLAGS)
    if request.method == "GET":
        return _form_response(request, case, "flags")
    form = FlagsForm(request.POST)
    if not form.is_valid():
        return detail(request, number, flags_form=form)
    try:
        services.set_flags(
            actor=request.user,
            case=case,
            flags=list(form.cleaned_data["flags"]),
            expected_version=form.cleaned_data["version"],
        )
    except Conflict as exc:
        return detail(request, number, conflict=_conflict_rows(exc, Case))
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
def journal_add(request: HttpRequest, number: str) -> HttpResponse:
    case = _get_case(request, number, Cases.JOURNAL_CREATE)
    form = JournalForm(request.POST, partners=extensions.active_partners(case))
    if form.is_valid():
        data = form.cleaned_data
        try:
            entry = services.add_journal_entry(
                actor=request.user,
                case=case,
                occurred_on=data["occurred_on"],
                category=data["category"],
                text=data["text"],
                visibility=data["visibility"],
                shared_with=list(data.get("shared_with") or []),
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _journal_saved(entry, added=True))
            return redirect(reverse("cases:detail", args=[number]) + "#journal")
    return detail(request, number, journal_form=form)


@requires(Cases.VIEW, personal_data=True)
def journal_edit(request: HttpRequest, number: str, entry_id: int) -> HttpResponse:
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
        if form.is_valid():
            data = form.cleaned_data
            try:
                entry = services.update_journal_entry(
                    actor=request.user,
                    entry=entry,
                    expected_version=data["version"] or 0,
                    occurred_on=data["occurred_on"],
                    category=data["category"],
                    text=data["text"],
                    visibility=data["visibility"],
                    shared_with=list(data.get("shared_with") or []),
                )
            except Conflict as exc:
                entry.refresh_from_db()
                conflict = _conflict_rows(exc, JournalEntry)
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _journal_saved(entry, added=False))
                return redirect(reverse("cases:detail", args=[number]) + "#journal")
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
        status=409 if conflict else (400 if form.errors else 200),
    )


@requires(Cases.VIEW)
@require_http_methods(["GET", "POST"])
def task_add(request: HttpRequest, number: str) -> HttpResponse:
    case = _get_case(request, number, Cases.TASK_CREATE)
    if request.method == "GET":
        return _form_response(request, case, "task")
    form = TaskForm(request.POST, assignees=selectors.regisseurs())
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.add_task(
                actor=request.user,
                case=case,
                title=data["title"],
                due_on=data["due_on"],
                assignee=data["assignee"],
                kind=data["kind"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Task added."))
            return redirect(reverse("cases:detail", args=[number]) + "#tasks")
    return detail(request, number, task_form=form)


@requires(Cases.TASKS)
@require_POST
def task_complete(request: HttpRequest, task_id: int) -> HttpResponse:
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
def zrm_add(request: HttpRequest, number: str) -> HttpResponse:
    case = _get_case(request, number, Cases.ZRM_CREATE)
    form = ZrmForm(request.POST or None, initial={"assessed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.add_zrm(
                actor=request.user,
                case=case,
                assessed_on=form.cleaned_data["assessed_on"],
                scores=form.scores(),
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("ZRM assessment saved."))
            return redirect(reverse("cases:detail", args=[number]) + "#zrm")
    return render(request, "cases/zrm_form.html", {"case": case, "form": form})

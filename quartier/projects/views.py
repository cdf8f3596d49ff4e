"""Pages of the projects area: list, page, forms. Thin: selectors read, services write."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from quartier.accounts.viewer import signed_in, viewer
from quartier.core.history import history_of
from quartier.core.pagination import paginate
from quartier.projects import services
from quartier.projects.forms import (
    EndForm,
    LinksForm,
    MilestoneForm,
    ParticipantForm,
    PhaseForm,
    ProjectFilterForm,
    ProjectForm,
    SuccessionForm,
    own_actors,
)
from quartier.projects.models import Milestone, Participant, Project
from quartier.projects.selectors import access_project, projects_for_list, timeline


def _form_page(
    request: HttpRequest, form: BaseForm, heading: str, project: Project | None = None, **extra: Any
) -> HttpResponse:
    return render(
        request,
        "projects/form.html",
        {"form": form, "heading": heading, "project": project, **extra},
    )


def _apply(form: BaseForm, call: Any) -> Any:
    """Runs a service; its ValidationError lands on the form. Returns None on an error."""
    try:
        return call()
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error)
        return None


@require_GET
def project_list(request: HttpRequest) -> HttpResponse:
    form = ProjectFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = paginate(request, projects_for_list(filters, viewer(request)))
    query = request.GET.copy()
    query.pop("seite", None)
    return render(
        request,
        "projects/list.html",
        {
            "form": form,
            "page": page,
            "page_query": query.urlencode(),
            "total": page.paginator.count,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def project_create(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    if not own_actors(user).exists():
        messages.info(request, _("To start a project, first register your actor or join one."))
        return redirect("actors:list")
    form = ProjectForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        project = _apply(
            form,
            lambda: services.create_project(
                by=user,
                title=data["title"],
                summary=data["summary"],
                owners=list(data["owners"]),
                alliance=data["alliance"],
                neighbourhoods=list(data["neighbourhoods"]),
                places=list(data["places"]),
                topics=data["topics"],
                phase=data["phase"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                is_public=data["is_public"],
                budget_total_eur=data["budget_total_eur"],
                budget_summary=data["budget_summary"],
            ),
        )
        if project is not None:
            messages.success(request, _("The project has been created."))
            return redirect(project)
    return _form_page(request, form, _("Start a project"))


@require_GET
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = viewer(request)
    project = access_project(user, pk, "projects.view_project")
    can_change = user.has_perm("projects.change_project", project)
    participants = list(project.participants.all())
    context: dict[str, Any] = {
        "project": project,
        "can_change": can_change,
        "can_contribute": can_change or user.has_perm("projects.contribute", project),
        "participants": participants,
        "timeline": timeline(project),
        "milestones": list(project.milestones.all()),
        "history": history_of(project)[:20] if can_change else [],
    }
    context |= _impact_context(request, project)
    return render(request, "projects/detail.html", context)


def _impact_context(request: HttpRequest, project: Project) -> dict[str, Any]:
    """The impact part of the project page: impact model, indicators, measurements."""
    from quartier.projects.impact_views import impact_context  # noqa: PLC0415 – impact_views imports this module

    user = viewer(request)
    return impact_context(
        user, project, can_change=user.has_perm("projects.change_project", project)
    )


@login_required
@require_http_methods(["GET", "POST"])
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request)
    project = access_project(user, pk, "projects.change_project")
    form = ProjectForm(request.POST or None, instance=project, user=user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {
            name: data[name]
            for name in (
                "title",
                "summary",
                "alliance",
                "starts_on",
                "ends_on",
                "is_public",
                "topics",
                "budget_total_eur",
                "budget_summary",
            )
        }
        saved = _apply(
            form,
            lambda: services.update_project(
                project,
                by=user,
                owners=list(data["owners"]),
                neighbourhoods=list(data["neighbourhoods"]),
                places=list(data["places"]),
                **fields,
            ),
        )
        if saved is not None:
            messages.success(request, _("The project has been saved."))
            return redirect(saved)
    return _form_page(request, form, _("Edit project"), project)


@login_required
@require_http_methods(["GET", "POST"])
def project_phase(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request)
    project = access_project(user, pk, "projects.change_project")
    form = PhaseForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = _apply(
            form,
            lambda: services.change_phase(
                project, data["phase"], by=user, on=data["on"], note=data["note"]
            ),
        )
        if saved is not None:
            messages.success(request, _("The phase has been changed."))
            return redirect(saved)
    return _form_page(
        request,
        form,
        _("Change the phase"),
        project,
        intro=_("The timeline keeps every phase with its date, so you see how long each took."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def project_end(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request)
    project = access_project(user, pk, "projects.change_project")
    form = EndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = _apply(
            form,
            lambda: services.end_as_learned(
                project,
                by=user,
                worked=data["worked"],
                failed=data["failed"],
                for_others=data["for_others"],
                consent=data["consent"],
            ),
        )
        if saved is not None:
            messages.success(request, _("The project has ended – and others can learn from it."))
            return redirect(saved)
    return _form_page(
        request,
        form,
        _("End as “ended – learned”"),
        project,
        intro=_(
            "Failure must be allowed. Say what worked, what did not and what others should "
            "know: that is what the next project needs."
        ),
        submit=_("End the project"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def participant_form(
    request: HttpRequest, pk: int, participant_id: int | None = None
) -> HttpResponse:
    user = signed_in(request)
    project = access_project(user, pk, "projects.change_project")
    participant = (
        get_object_or_404(Participant, pk=participant_id, project=project)
        if participant_id
        else None
    )
    form = ParticipantForm(request.POST or None, instance=participant, project=project, user=user)
    if request.method == "POST" and participant is not None and request.POST.get("delete"):
        services.remove_participant(participant, by=user)
        messages.success(request, _("The participant has been removed."))
        return redirect(project)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if participant is None:
            saved = _apply(
                form,
                lambda: services.add_participant(
                    project,
                    data["actor"],
                    by=user,
                    role=data["role"],
                    contribution=data["contribution"],
                    joined_on=data["joined_on"],
                ),
            )
        else:
            fields = {k: data[k] for k in ("role", "contribution", "joined_on", "left_on")}
            saved = _apply(
                form, lambda: services.change_participant(participant, by=user, **fields)
            )
        if saved is not None:
            messages.success(request, _("The participant has been saved."))
            return redirect(project)
    return _form_page(
        request,
        form,
        _("Participant") if participant else _("Add a participant"),
        project,
        can_delete=participant is not None,
    )


@login_required
@require_http_methods(["GET", "POST"])
def project_succession(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request)
    project = access_project(user, pk, "projects.change_project")
    form = SuccessionForm(
        request.POST or None,
        project=project,
        user=user,
        initial={
            "successor": project.successor,
            "handover_on": project.handover_on,
            "note": project.handover_note,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = _apply(
            form,
            lambda: services.plan_succession(
                project,
                by=user,
                successor=data["successor"],
                handover_on=data["handover_on"],
                note=data["note"],
                checklist=data.get("checklist"),
            ),
        )
        if saved is not None:
            messages.success(request, _("The succession has been planned."))
            return redirect(saved)
    return _form_page(
        request,
        form,
        _("Plan the succession"),
        project,
        intro=_(
            "Pupils and students move on: name who takes over, when, and tick off the "
            "handover together. Everybody involved is reminded two weeks before the date."
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def milestone_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request)
    project = access_project(user, pk, "projects.change_project")
    form = MilestoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved = _apply(
            form,
            lambda: services.add_milestone(
                project,
                by=user,
                title=form.cleaned_data["title"],
                due_on=form.cleaned_data["due_on"],
            ),
        )
        if saved is not None:
            return redirect(project)
    return _form_page(request, form, _("Add a milestone"), project)


@login_required
@require_POST
def milestone_reach(request: HttpRequest, pk: int, milestone_id: int) -> HttpResponse:
    user = signed_in(request)
    project = access_project(user, pk, "projects.change_project")
    milestone = get_object_or_404(Milestone, pk=milestone_id, project=project)
    services.reach_milestone(milestone, by=user)
    messages.success(request, _("Milestone reached."))
    return redirect(project)


@login_required
@require_POST
def milestone_remove(request: HttpRequest, pk: int, milestone_id: int) -> HttpResponse:
    user = signed_in(request)
    project = access_project(user, pk, "projects.change_project")
    milestone = get_object_or_404(Milestone, pk=milestone_id, project=project)
    services.remove_milestone(milestone, by=user)
    messages.success(request, _("The milestone has been removed."))
    return redirect(project)


@login_required
@require_http_methods(["GET", "POST"])
def project_links(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request)
    project = access_project(user, pk, "projects.change_project")
    form = LinksForm(request.POST or None, project=project, user=user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = _apply(
            form,
            lambda: services.set_links(
                project,
                by=user,
                events=list(data["events"]),
                agreements=list(data["agreements"]),
                checklist_runs=list(data["checklist_runs"]),
                articles=list(data["articles"]),
            ),
        )
        if saved is not None:
            messages.success(request, _("The links have been saved."))
            return redirect(project)
    return _form_page(request, form, _("Events, agreements, checklists and articles"), project)

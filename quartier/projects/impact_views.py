"""Pages of the impact part of a project: the SRS impact model, indicators, measurements with
evidence and their review, locked periods and the CSV import. Thin: selectors read, the
impact services write."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from quartier.accounts.viewer import Viewer, signed_in
from quartier.engines.impact.chart import chart_description, indicator_chart_svg
from quartier.projects import impact_services
from quartier.projects.impact_forms import (
    ImpactModelForm,
    IndicatorForm,
    LockForm,
    MeasurementForm,
    MeasurementImportForm,
    ReturnForm,
)
from quartier.projects.models import Measurement, Project
from quartier.projects.selectors import (
    IndicatorView,
    access_indicator,
    access_measurement,
    access_project,
    indicator_views,
    indicators_of,
)
from quartier.projects.views import _apply, _form_page


def chart_of(view: IndicatorView, chart_id: str) -> str:
    """The inline SVG of an indicator (safe: the engine escapes every text)."""
    indicator = view.indicator
    return mark_safe(  # noqa: S308 – built from escaped parts only
        indicator_chart_svg(
            indicator.title,
            chart_description(view.chart_points, indicator.unit),
            view.chart_points,
            chart_id=chart_id,
            achieved_label=_("achieved"),
            target_label=_("target"),
        )
    )


def impact_context(user: Viewer, project: Project, *, can_change: bool) -> dict[str, Any]:
    """The impact part of the project page: a fixed number of queries."""
    indicators = list(indicators_of([project]))
    views = indicator_views(indicators)
    locks = {lock.period_start for lock in project.locks.all()}
    by_period: dict[Any, list[Measurement]] = {}
    rows = []
    for view in views:
        view.chart = chart_of(view, f"chart-{view.indicator.pk}")  # type: ignore[attr-defined]
        for m in view.indicator.measurements.all():
            by_period.setdefault(m.period_start, []).append(m)
            may_review = (
                can_change
                and m.status == Measurement.Status.SUBMITTED
                and (user.is_superuser or m.submitted_by_id != user.pk)
            )
            rows.append((view.indicator, m, may_review))
    lockable = sorted(
        start
        for start, ms in by_period.items()
        if start not in locks and all(m.status == Measurement.Status.APPROVED for m in ms)
    )
    return {
        "indicator_views": views,
        "measurement_rows": rows,
        "locked_periods": sorted(locks),
        "lockable_periods": lockable if can_change else [],
        "srs_filled": any(
            getattr(project, name)
            for name in ("problem", "approach", "inputs", "outputs", "outcomes", "impact")
        ),
    }


@login_required
@require_http_methods(["GET", "POST"])
def impact_model(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request)
    project = access_project(user, pk, "projects.change_project")
    form = ImpactModelForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        impact_services.save_impact_model(project, by=user, **form.cleaned_data)
        messages.success(request, _("The impact model has been saved."))
        return redirect(project.get_absolute_url() + "#impact-title")
    return _form_page(
        request,
        form,
        _("Impact model"),
        project,
        intro=_(
            "The Social Reporting Standard describes a project from the problem to its "
            "impact: inputs → outputs → outcomes → impact."
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def indicator_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request)
    project = access_project(user, pk, "projects.change_project")
    form = IndicatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = _apply(
            form,
            lambda: impact_services.add_indicator(
                project,
                by=user,
                library_key=data["library_key"],
                targets=data.get("parsed_targets"),
                **form.service_fields(),
            ),
        )
        if saved is not None:
            messages.success(request, _("The indicator has been added."))
            return redirect(project.get_absolute_url() + "#impact-title")
    return _form_page(request, form, _("Add an indicator"), project)


@login_required
@require_http_methods(["GET", "POST"])
def measurement_enter(request: HttpRequest, pk: int, indicator_id: int) -> HttpResponse:
    user = signed_in(request)
    indicator = access_indicator(user, indicator_id, "projects.contribute")
    project = indicator.project
    if indicator.project_id != pk:
        return redirect(project)
    form = MeasurementForm(
        request.POST or None,
        request.FILES or None,
        indicator=indicator,
        initial={"period": request.GET.get("zeitraum", "")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        evidence = None
        if data["evidence_kind"]:
            evidence = {
                "kind": data["evidence_kind"],
                "file": data["evidence_file"],
                "url": data["evidence_url"],
                "description": data["evidence_description"],
            }
        saved = _apply(
            form,
            lambda: impact_services.enter_measurement(
                indicator,
                by=user,
                period_start=data["period"],
                value=data["value"],
                narrative=data["narrative"],
                evidence=evidence,
                submit=bool(request.POST.get("submit")),
            ),
        )
        if saved is not None:
            messages.success(
                request,
                _("The measurement has been submitted for approval.")
                if saved.status == Measurement.Status.SUBMITTED
                else _("The measurement has been saved as a draft."),
            )
            return redirect(project.get_absolute_url() + "#measurements-title")
    return _form_page(
        request,
        form,
        _("Enter a value: %(indicator)s") % {"indicator": indicator.title},
        project,
        multipart=True,
        intro=indicator.definition,
        submit=_("Save as draft"),
        second_submit=("submit", _("Save and submit for approval")),
    )


@login_required
@require_POST
def measurement_step(request: HttpRequest, pk: int, measurement_id: int, step: str) -> HttpResponse:
    """Submit, approve or return (with a comment) – for those allowed."""
    if step not in ("submit", "approve", "return"):
        raise Http404
    user = signed_in(request)
    perm = "projects.contribute" if step == "submit" else "projects.approve_measurement"
    measurement = access_measurement(user, measurement_id, perm)
    project = measurement.indicator.project
    try:
        if step == "submit":
            impact_services.submit_measurement(measurement, by=user)
            messages.success(request, _("The measurement has been submitted for approval."))
        elif step == "approve":
            impact_services.approve_measurement(measurement, by=user)
            messages.success(request, _("The measurement has been approved."))
        elif step == "return":
            form = ReturnForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Say what should change."))
            impact_services.return_measurement(
                measurement, by=user, comment=form.cleaned_data["comment"]
            )
            messages.success(request, _("The measurement has been returned with your comment."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(project.get_absolute_url() + "#measurements-title")


@login_required
@require_POST
def period_lock(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request)
    project = access_project(user, pk, "projects.change_project")
    form = LockForm(request.POST)
    if form.is_valid():
        try:
            impact_services.lock_period(project, form.cleaned_data["period_start"], by=user)
            messages.success(request, _("The period has been locked."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    return redirect(project.get_absolute_url() + "#measurements-title")


@login_required
@require_http_methods(["GET", "POST"])
def measurement_import(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request)
    project = access_project(user, pk, "projects.contribute")
    form = MeasurementImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        raw = form.cleaned_data["file"].read(2_000_001)
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            form.add_error("file", _("The file is not UTF-8 text."))
        else:
            progress = _apply(
                form, lambda: impact_services.start_measurement_import(project, text, by=user)
            )
            if progress is not None:
                return redirect("core:task_progress", progress.pk)
    return _form_page(request, form, _("Import measurements (CSV)"), project, multipart=True)

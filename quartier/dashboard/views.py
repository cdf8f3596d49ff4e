"""The neighbourhood dashboard page ("Lage im Quartier") and its annotations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from quartier.accounts.viewer import signed_in, viewer
from quartier.dashboard import services
from quartier.dashboard.forms import AnnotationForm, figure_choices
from quartier.dashboard.models import Annotation
from quartier.dashboard.period import MONTH_CHOICES, Period
from quartier.dashboard.selectors import access_annotation, dashboard_panels
from quartier.dashboard.statistics import annotations_for
from quartier.dashboard.towns import similar_neighbourhoods
from quartier.neighbourhoods.models import Neighbourhood
from quartier.neighbourhoods.selectors import access_neighbourhood

SHOWN_ANNOTATIONS = 30


def chosen_months(request: HttpRequest) -> int | None:
    value = request.GET.get("monate", "")
    return int(value) if value.isdigit() else None


def page(
    request: HttpRequest, neighbourhood: Neighbourhood, form: AnnotationForm | None = None
) -> HttpResponse:
    period = Period.last_months(chosen_months(request))
    panels = dashboard_panels(neighbourhood, viewer(request), period)
    choices = figure_choices(panels)
    labels = dict(choices)
    annotations = [
        (a, labels.get(a.figure, a.figure))
        for a in annotations_for(neighbourhood, viewer(request))[:SHOWN_ANNOTATIONS]
    ]
    may_annotate = viewer(request).has_perm("dashboard.add_annotation", neighbourhood)
    return render(
        request,
        "dashboard/dashboard.html",
        {
            "neighbourhood": neighbourhood,
            "period": period,
            "month_choices": MONTH_CHOICES,
            "panels": panels,
            "annotations": annotations,
            "similar": similar_neighbourhoods(neighbourhood, viewer(request)),
            "may_annotate": may_annotate,
            "can_moderate": viewer(request).has_perm(
                "dashboard.moderate_annotation", Annotation(neighbourhood=neighbourhood)
            ),
            "form": form or (AnnotationForm(choices=choices) if may_annotate else None),
        },
        status=400 if form is not None else 200,
    )


@require_GET
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    return page(request, access_neighbourhood(viewer(request), slug))


@login_required
@require_POST
def annotate(request: HttpRequest, slug: str) -> HttpResponse:
    neighbourhood = access_neighbourhood(viewer(request), slug, "dashboard.add_annotation")
    period = Period.last_months(None)
    choices = figure_choices(dashboard_panels(neighbourhood, viewer(request), period, charts=False))
    form = AnnotationForm(request.POST, choices=choices)
    if form.is_valid():
        try:
            services.add_annotation(
                neighbourhood,
                form.cleaned_data["figure"],
                form.cleaned_data["text"],
                by=signed_in(request),
            )
        except ValidationError as error:
            form.add_error("text", error.messages)
        else:
            messages.success(request, _("Your note has been added."))
            return redirect(reverse("dashboard:neighbourhood", args=[slug]) + "#annotations")
    return page(request, neighbourhood, form)


@login_required
@require_POST
def moderate(request: HttpRequest, pk: int) -> HttpResponse:
    annotation = access_annotation(viewer(request), pk, "dashboard.moderate_annotation")
    services.moderate_annotation(
        annotation, visible=request.POST.get("sichtbar") == "1", by=signed_in(request)
    )
    messages.success(request, _("The note has been moderated."))
    url = reverse("dashboard:neighbourhood", args=[annotation.neighbourhood.slug])
    return redirect(url + "#annotations")

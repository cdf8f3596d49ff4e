from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.middleware import HtmxDetails

from quartier.accounts.viewer import signed_in, viewer
from quartier.core import overview
from quartier.core.home import home_context
from quartier.core.models import Notification
from quartier.core.navigation import AREAS
from quartier.core.notifications import mark_all_read
from quartier.core.pagination import paginate
from quartier.core.selectors import access_progress
from quartier.core.tasking import retry_progress


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/home.html",
        {"areas": AREAS, **home_context()},
    )


@require_GET
def accessibility_statement(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html")


@login_required
@require_GET
def task_progress(request: HtmxHttpRequest, progress_id: str) -> HttpResponse:
    progress = access_progress(viewer(request), progress_id)
    template = "core/task_progress.html#progress" if request.htmx else "core/task_progress.html"
    return render(request, template, {"progress": progress})


@login_required
@require_POST
def task_retry(request: HttpRequest, progress_id: str) -> HttpResponse:
    progress = access_progress(viewer(request), progress_id)
    try:
        retry_progress(progress, by=signed_in(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("core:task_progress", progress_id=progress.pk)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors: the error may come from the database they would ask.
    return HttpResponseServerError(loader.get_template("500.html").render())


@login_required
@require_http_methods(["GET", "POST"])
def notifications(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    mine = Notification.objects.filter(user=user)
    if request.method == "POST":
        mark_all_read(user)
        return redirect("core:notifications")
    return render(request, "core/notifications.html", {"page": paginate(request, mine)})


@login_required
@require_GET
def my_overview(request: HttpRequest) -> HttpResponse:
    """“Meine Übersicht”: what concerns the signed-in person now, from every area."""
    return render(
        request, "core/overview.html", {"panels": overview.panels_for(signed_in(request))}
    )

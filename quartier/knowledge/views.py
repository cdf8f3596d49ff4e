from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from quartier.accounts.viewer import signed_in, viewer
from quartier.actors.selectors import actors_of_user
from quartier.alliances.models import Alliance
from quartier.alliances.rules import member_alliance_ids
from quartier.core.markup import render_markdown
from quartier.core.pagination import paginate, query_without
from quartier.knowledge import services
from quartier.knowledge.checklist_pdf import run_pdf
from quartier.knowledge.diffs import compare_versions
from quartier.knowledge.forms import ArticleFilterForm, ArticleForm, ReturnForm, StartRunForm
from quartier.knowledge.models import Article, ChecklistRunItem
from quartier.knowledge.selectors import (
    ArticleFilters,
    access_article,
    access_run,
    articles_for_list,
    articles_in_review,
    articles_of_author,
    latest_return_comment,
    related_articles,
    runs_of_user,
    versions_of,
)


@require_GET
def article_list(request: HttpRequest) -> HttpResponse:
    form = ArticleFilterForm(request.GET or None)
    filters = ArticleFilters(**form.cleaned_data) if form.is_valid() else ArticleFilters()
    page = paginate(request, articles_for_list(filters))
    return render(
        request,
        "knowledge/list.html",
        {
            "form": form,
            "page": page,
            "page_query": query_without(request),
            "total": page.paginator.count,
            "can_write": viewer(request).has_perm("knowledge.add_article"),
        },
    )


@require_GET
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    article = access_article(viewer(request), slug)
    user = viewer(request)
    context: dict[str, Any] = {
        "article": article,
        "related": related_articles(article),
        "can_edit": user.has_perm("knowledge.change_article", article),
        "can_submit": user.has_perm("knowledge.submit_article", article),
        "can_publish": user.has_perm("knowledge.publish_article", article),
        "can_return": user.has_perm("knowledge.return_article", article),
        "can_delete": user.has_perm("knowledge.delete_article", article),
        "return_form": ReturnForm(),
    }
    if article.status != Article.Status.PUBLISHED:
        context["returned"] = latest_return_comment(article)
    if article.is_checklist and user.has_perm("knowledge.use_checklist", article):
        chosen = request.GET.get("allianz", "")
        start_form = StartRunForm(
            actors=actors_of_user(user),
            alliances=_alliances_of(user),
            initial={"alliance": int(chosen)} if chosen.isdigit() and len(chosen) < 18 else {},
        )
        context["start_form"] = start_form if start_form.has_actors else None
        context["my_runs"] = list(runs_of_user(user).filter(article=article)[:10])
    return render(request, "knowledge/detail.html", context)


def _article_form(request: HttpRequest, article: Article, heading: str) -> HttpResponse:
    user = signed_in(request)
    form = ArticleForm(request.POST or None, instance=article, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            article = services.save_article(form.save(commit=False), by=user, links=form.links())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The article has been saved."))
            return redirect(article)
    return render(
        request,
        "knowledge/form.html",
        {"form": form, "heading": heading, "article": article if article.pk else None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def article_create(request: HttpRequest) -> HttpResponse:
    if not viewer(request).has_perm("knowledge.add_article"):
        raise PermissionDenied
    return _article_form(request, Article(), _("Write an article"))


@login_required
@require_http_methods(["GET", "POST"])
def article_edit(request: HttpRequest, slug: str) -> HttpResponse:
    article = access_article(viewer(request), slug, "knowledge.change_article")
    return _article_form(request, article, _("Edit article"))


@login_required
@require_POST
def article_preview(request: HttpRequest) -> HttpResponse:
    """The Markdown of the form rendered as the article page will show it (htmx)."""
    body = request.POST.get("body", "")[:200_000]
    return render(request, "knowledge/_preview.html", {"html": render_markdown(body)})


@login_required
@require_POST
def article_step(request: HttpRequest, slug: str) -> HttpResponse:
    """Submit for review, publish, or return to draft with a comment."""
    article = access_article(viewer(request), slug)
    user = signed_in(request)
    action = request.POST.get("action")
    try:
        if action == "submit":
            services.submit_article(article, by=user)
            messages.success(request, _("The article has been submitted for review."))
        elif action == "publish":
            services.publish_article(article, by=user)
            messages.success(request, _("The article has been published."))
        elif action == "return":
            services.return_article(article, by=user, comment=request.POST.get("comment", ""))
            messages.success(request, _("The article has been returned to its authors."))
        else:
            messages.error(request, _("Unknown step."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(article)


@login_required
@require_POST
def article_delete(request: HttpRequest, slug: str) -> HttpResponse:
    article = access_article(viewer(request), slug)
    services.delete_article(article, by=signed_in(request))
    messages.success(request, _("The article has been deleted."))
    return redirect("knowledge:mine")


@require_GET
def article_versions(request: HttpRequest, slug: str) -> HttpResponse:
    article = access_article(viewer(request), slug)
    readable = versions_of(article, viewer(request))
    page = paginate(request, readable.defer("body"))
    numbers = list(readable.values_list("number", flat=True))
    comparison = None
    old_number, new_number = _version_numbers(request, numbers)
    if old_number and new_number:
        chosen = readable.filter(number__in=[old_number, new_number])
        versions = {v.number: v for v in chosen}
        comparison = compare_versions(versions[old_number], versions[new_number])
    return render(
        request,
        "knowledge/versions.html",
        {
            "article": article,
            "page": page,
            "numbers": numbers,
            "old_number": old_number,
            "new_number": new_number,
            "comparison": comparison,
            "page_query": query_without(request),
        },
    )


def _version_numbers(request: HttpRequest, numbers: list[int]) -> tuple[int | None, int | None]:
    """The two versions to compare: ?von=&bis= when both exist, else the latest two."""
    try:
        old, new = int(request.GET.get("von", "")), int(request.GET.get("bis", ""))
    except ValueError:
        old = new = 0
    if old in numbers and new in numbers:
        return old, new
    if len(numbers) >= 2:
        return numbers[1], numbers[0]  # numbers are newest first
    return None, None


@login_required
@require_GET
def my_articles(request: HttpRequest) -> HttpResponse:
    page = paginate(request, articles_of_author(viewer(request)))
    return render(request, "knowledge/mine.html", {"page": page})


@login_required
@require_GET
def review_queue(request: HttpRequest) -> HttpResponse:
    if not viewer(request).has_perm("knowledge.review_articles"):
        raise PermissionDenied
    page = paginate(request, articles_in_review())
    return render(request, "knowledge/review.html", {"page": page})


# Checklist runs ------------------------------------------------------------------------------


def _alliances_of(user: Any) -> Any:

    return Alliance.objects.filter(pk__in=member_alliance_ids(user)).order_by("name")


@login_required
@require_POST
def run_start(request: HttpRequest, slug: str) -> HttpResponse:
    article = access_article(viewer(request), slug)
    user = signed_in(request)
    if not user.has_perm("knowledge.use_checklist", article):
        raise PermissionDenied
    form = StartRunForm(request.POST, actors=actors_of_user(user), alliances=_alliances_of(user))
    if form.is_valid():
        try:
            run = services.start_run(
                article,
                actor=form.cleaned_data["actor"],
                title=form.cleaned_data["title"],
                alliance=form.cleaned_data.get("alliance"),
                by=user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The checklist has been started."))
            return redirect(run)
    else:
        messages.error(
            request,
            " ".join(str(e) for errors in form.errors.values() for e in errors),
        )
    return redirect(article)


@login_required
@require_GET
def my_runs(request: HttpRequest) -> HttpResponse:
    page = paginate(request, runs_of_user(viewer(request)))
    return render(request, "knowledge/runs.html", {"page": page})


@login_required
@require_GET
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = access_run(viewer(request), pk)
    return render(request, "knowledge/run.html", {"run": run, "items": _sections(run)})


def _sections(run: Any) -> list[tuple[str, list[ChecklistRunItem]]]:
    sections: list[tuple[str, list[ChecklistRunItem]]] = []
    for item in run.items.all():
        if not sections or sections[-1][0] != item.section:
            sections.append((item.section, []))
        sections[-1][1].append(item)
    return sections


@login_required
@require_POST
def run_tick(request: HttpRequest, pk: int, item_id: int) -> HttpResponse:
    """Ticks or unticks one item: htmx swaps the item and the progress bar, a plain form
    post returns to the run page."""
    run = access_run(viewer(request), pk)
    item = next((i for i in run.items.all() if i.pk == item_id), None)
    if item is None:
        raise Http404
    item = services.tick_item(item, by=signed_in(request), done=request.POST.get("done") == "1")
    if request.htmx:  # type: ignore[attr-defined]
        item = ChecklistRunItem.objects.select_related("done_by").get(pk=item.pk)
        return render(request, "knowledge/_run_item.html", {"item": item, "run": item.run})
    return redirect(f"{run.get_absolute_url()}#punkt-{item.pk}")


@login_required
@require_GET
def run_download(request: HttpRequest, pk: int) -> HttpResponse:
    run = access_run(viewer(request), pk)
    response = HttpResponse(run_pdf(run), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="checkliste-{run.pk}.pdf"'
    return response

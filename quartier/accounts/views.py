import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from quartier.accounts import privacy, services
from quartier.accounts.forms import DeleteAccountForm, ProfileForm, TokenCreateForm
from quartier.accounts.models import ApiToken
from quartier.accounts.viewer import signed_in, viewer
from quartier.core.selectors import access_progress

NEW_TOKEN_SESSION_KEY = "accounts:new_api_token"  # noqa: S105 - a session key


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    form = ProfileForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        services.update_profile(form.save(commit=False), by=user)
        messages.success(request, _("Your profile has been saved."))
        return redirect("accounts:profile")
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "token_form": TokenCreateForm(),
            "tokens": user.api_tokens.all(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def token_create(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return redirect("accounts:profile")
    user = signed_in(request)
    form = TokenCreateForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "accounts/profile.html",
            {
                "form": ProfileForm(instance=user),
                "token_form": form,
                "tokens": user.api_tokens.all(),
            },
            status=400,
        )
    token, plain = services.create_token(user, form.cleaned_data["name"])
    # Post/redirect/get: a reload must not create a second token; the plain token is kept in
    # the session until the next page has shown it once.
    request.session[NEW_TOKEN_SESSION_KEY] = {"name": token.name, "plain": plain}
    return redirect("accounts:token_created")


@login_required
@require_GET
def token_created(request: HttpRequest) -> HttpResponse:
    new_token = request.session.pop(NEW_TOKEN_SESSION_KEY, None)
    if new_token is None:
        return redirect("accounts:profile")
    return render(request, "accounts/token_created.html", new_token)


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=token_id)
    if not viewer(request).has_perm("accounts.revoke_apitoken", token):
        raise Http404
    services.revoke_token(token, by=signed_in(request))
    messages.success(request, _("The token “%(name)s” has been revoked.") % {"name": token.name})
    return redirect("accounts:profile")


@login_required
@require_POST
def export_request(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    progress = privacy.start_personal_data_export(user)
    return redirect("core:task_progress", progress_id=progress.pk)


@login_required
def export_download(request: HttpRequest, progress_id: str) -> HttpResponse:
    progress = access_progress(viewer(request), progress_id, done=True)
    if progress.result is None:
        raise Http404
    response = HttpResponse(
        json.dumps(progress.result, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="quartier-meine-daten.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    form = DeleteAccountForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        services.delete_account(user)
        logout(request)
        messages.success(request, _("Your account and your personal data have been deleted."))
        return redirect("core:home")
    return render(request, "accounts/delete_account.html", {"form": form})

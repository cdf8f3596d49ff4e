import json
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from quartier.accounts import privacy, services
from quartier.accounts.forms import DeleteAccountForm, ProfileForm, TokenCreateForm
from quartier.accounts.models import ApiToken, User
from quartier.accounts.viewer import signed_in, viewer
from quartier.core.ratelimits import Rate, hit
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
            "token_form": TokenCreateForm(user=user),
            "tokens": user.api_tokens.all(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def token_create(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return redirect("accounts:profile")
    user = signed_in(request)
    wait = _too_many_confirmations(user)
    form = TokenCreateForm(request.POST, user=user, throttled_for=wait)
    if not form.is_valid():
        response = render(
            request,
            "accounts/profile.html",
            {
                "form": ProfileForm(instance=user),
                "token_form": form,
                "tokens": user.api_tokens.all(),
            },
            status=400 if wait is None else 429,
        )
        if wait is not None:
            response["Retry-After"] = str(wait)
        return response
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
    wait = _too_many_confirmations(user) if request.method == "POST" else None
    form = DeleteAccountForm(request.POST or None, user=user, throttled_for=wait)
    if request.method == "POST" and form.is_valid():
        services.delete_account(user)
        logout(request)
        messages.success(request, _("Your account and your personal data have been deleted."))
        return redirect("core:home")
    response = render(
        request,
        "accounts/delete_account.html",
        {"form": form},
        status=429 if wait is not None else 200,
    )
    if wait is not None:
        response["Retry-After"] = str(wait)
    return response


def _too_many_confirmations(user: User) -> int | None:
    """Each attempt to create a token or delete the account (both ask for the password)
    counts against PASSWORD_CONFIRMATION_RATE; the seconds to wait when over it."""
    return hit(
        "password-confirmation", str(user.pk), Rate.parse(settings.PASSWORD_CONFIRMATION_RATE)
    )


def admin_login(request: HttpRequest) -> HttpResponse:
    """The admin's own login form is replaced by the site's login, which carries the
    brute-force lock and the rate limits: staff log in like everybody else and come back to
    the admin page they wanted. A logged-in user without admin access gets 403 (a redirect
    would loop between the two logins)."""
    target = request.GET.get(REDIRECT_FIELD_NAME, "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = ""
    target = target or reverse("admin:index")
    if request.user.is_authenticated:
        if request.user.is_active and request.user.is_staff:
            return redirect(target)
        raise PermissionDenied
    return redirect(f"{reverse('account_login')}?{urlencode({REDIRECT_FIELD_NAME: target})}")

"""The thread as a part of the alliance and event pages (`thread_context`), and the posts
that write to it. Without JavaScript every form is a plain POST that returns to the page."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from quartier.accounts.viewer import signed_in, viewer
from quartier.core.pagination import paginate
from quartier.dialogue import services
from quartier.dialogue.models import Post, ThreadSetting
from quartier.dialogue.selectors import access_thread, mode_of, posts_of
from quartier.dialogue.threads import Thread


def thread_context(request: HttpRequest, thread: Thread) -> dict[str, Any]:
    """What the `dialogue/_thread.html` part needs; empty for those who do not take part."""
    if not thread.may_take_part(viewer(request)):
        return {}
    return {
        "thread": thread,
        "posts": paginate(request, posts_of(thread), param="beitraege"),
        "thread_mode": mode_of(thread, viewer(request)),
        "thread_modes": ThreadSetting.Mode.choices,
    }


@login_required
@require_POST
def write(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    thread = access_thread(viewer(request), kind, pk)
    try:
        if "mode" in request.POST:
            services.choose_mode(thread, mode=request.POST["mode"], by=signed_in(request))
            messages.success(request, _("Your notification setting has been saved."))
        else:
            services.write_post(thread, text=request.POST.get("text", ""), by=signed_in(request))
            messages.success(request, _("Your contribution has been published."))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect(thread.url())


@login_required
@require_POST
def delete(request: HttpRequest, post_id: int) -> HttpResponse:
    post = Post.objects.select_related("alliance", "event").filter(pk=post_id).first()
    if post is None:
        raise Http404
    thread = Thread(alliance=post.alliance, event=post.event)
    if not thread.may_take_part(viewer(request)):
        raise Http404
    try:
        services.delete_post(post, by=signed_in(request))
    except PermissionDenied:
        raise
    messages.success(request, _("The contribution has been removed."))
    return redirect(thread.url())

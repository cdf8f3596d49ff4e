"""Pages for invitations into an alliance: the administrators of an actor see the open
invitations of their actors and accept or decline them; the steering withdraws one from the
alliance page. Every answer is a POST."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from quartier.accounts.viewer import signed_in, viewer
from quartier.alliances import invitation_services
from quartier.alliances.models import Alliance, AllianceMember
from quartier.alliances.selectors import (
    access_invitation,
    administered_actors,
    invitations_for,
    pending_invitations_of,
)
from quartier.core.pagination import paginate

ANSWERS = {
    "annehmen": ("alliances.accept_invitation", invitation_services.accept_invitation),
    "ablehnen": ("alliances.decline_invitation", invitation_services.decline_invitation),
}


@login_required
@require_GET
def invitations(request: HttpRequest) -> HttpResponse:
    page = paginate(request, invitations_for(viewer(request)))
    return render(request, "alliances/invitations.html", {"page": page})


@login_required
@require_POST
def invitation_answer(request: HttpRequest, member_id: int, answer: str) -> HttpResponse:
    if answer not in ANSWERS:
        raise Http404
    perm, service = ANSWERS[answer]
    member = access_invitation(viewer(request), member_id, perm)
    alliance = member.alliance
    try:
        service(member, by=signed_in(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("alliances:invitations")
    if answer == "annehmen":
        messages.success(
            request,
            _("%(actor)s is now a member of %(alliance)s.")
            % {"actor": member.actor, "alliance": alliance},
        )
        return redirect(alliance)
    messages.success(
        request,
        _("The invitation of %(actor)s into %(alliance)s has been declined.")
        % {"actor": member.actor, "alliance": alliance},
    )
    if request.POST.get("from") == "alliance":
        return redirect(alliance)
    return redirect("alliances:invitations")


def invitations_on_alliance_page(request: HttpRequest, alliance: Alliance) -> list[AllianceMember]:
    """The open invitations the viewer may see, each marked whether they may accept it."""
    invitations = list(pending_invitations_of(alliance, viewer(request)))
    own = set(administered_actors(viewer(request)).values_list("pk", flat=True))
    for invitation in invitations:
        invitation.can_accept = invitation.actor_id in own  # type: ignore[attr-defined]
    return invitations

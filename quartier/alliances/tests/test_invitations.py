"""Membership by consent (security finding 9): the steering invites an actor; it is listed –
with role and commitments – only once one of its administrators accepts. Until then only the
steering and the actor's administrators see the invitation."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from quartier.actors.tests.factories import ActorFactory, MembershipFactory
from quartier.alliances import invitation_services, services
from quartier.alliances.demo import CULTURE_ALLIANCE, MAIN_ALLIANCE, load_demo_alliances
from quartier.alliances.models import Alliance
from quartier.alliances.selectors import (
    alliances_for_list,
    invitations_for,
    members_of,
    missing_groups,
)
from quartier.core.models import Notification


@pytest.fixture
def invited(setting):
    """A school invited by the steering with a commitment of money, and its administrator."""
    school = ActorFactory(name="Grundschule Am Bach", sector="school")
    school_admin = MembershipFactory(actor=school).user
    return school, school_admin


def _invite(client, setting, actor):
    client.force_login(setting.lead_admin)
    response = client.post(
        reverse("alliances:member_add", args=[setting.alliance.pk]),
        {
            "actor": actor.pk,
            "role": "funder",
            "joined_on": "2026-01-01",
            "capacity_money": "7777",
            "responsibilities": "Geheime Zusage",
        },
        follow=True,
    )
    assert response.status_code == 200
    client.logout()
    return setting.alliance.members.get(actor=actor)


def test_an_invited_actor_is_not_listed_and_shows_no_role_or_money(client, setting, invited):
    school, school_admin = invited
    member = _invite(client, setting, school)
    assert member.is_pending
    detail = reverse("alliances:detail", args=[setting.alliance.pk])
    for viewer in (None, setting.outsider, setting.partner_admin):
        if viewer:
            client.force_login(viewer)
        page = client.get(detail).content.decode()
        assert "Grundschule Am Bach" not in page and "7.777" not in page
        assert "Geheime Zusage" not in page
        # nor can anybody else open the membership's pages
        leave = client.get(reverse("alliances:member_leave", args=[member.pk]))
        assert leave.status_code == (404 if viewer else 302)
    active, former = members_of(setting.alliance)
    assert school not in [m.actor for m in active] + [m.actor for m in former]
    assert alliances_for_list({}, setting.outsider).get().member_count == 2
    missing = [m.group.key for m in missing_groups(setting.alliance, setting.outsider)]
    assert "education" in missing  # the invitation does not fill the gap
    # the steering sees it with a withdraw button, the invited actor's administrator with
    # accept and decline
    client.force_login(setting.lead_admin)
    page = client.get(detail).content.decode()
    assert "Grundschule Am Bach" in page and "Zurückziehen" in page and "Annehmen" not in page
    client.force_login(school_admin)
    page = client.get(reverse("alliances:invitations")).content.decode()
    assert "Grundschule Am Bach" in page and "Annehmen" in page and "Ablehnen" in page


def test_the_actors_administrator_is_told_and_accepts_then_it_is_listed(client, setting, invited):
    school, school_admin = invited
    member = _invite(client, setting, school)
    notice = Notification.objects.get(user=school_admin)
    assert notice.url == reverse("alliances:invitations")
    assert setting.alliance.name in notice.title
    accept = reverse("alliances:invitation_answer", args=[member.pk, "annehmen"])
    client.force_login(school_admin)
    assert client.get(accept).status_code == 405  # answers are POSTs only
    response = client.post(accept)
    assert response.status_code == 302
    client.logout()
    page = client.get(reverse("alliances:detail", args=[setting.alliance.pk])).content.decode()
    assert "Grundschule Am Bach" in page and "7.777" in page
    # the steering hears of it
    assert Notification.objects.filter(user=setting.lead_admin, title__contains="Grundschule")


def test_a_declined_invitation_is_gone(client, setting, invited):
    school, school_admin = invited
    member = _invite(client, setting, school)
    client.force_login(school_admin)
    client.post(reverse("alliances:invitation_answer", args=[member.pk, "ablehnen"]))
    assert not setting.alliance.members.filter(actor=school).exists()
    assert Notification.objects.filter(user=setting.lead_admin, title__contains="abgelehnt")
    # the steering may invite again
    assert _invite(client, setting, school).is_pending


def test_a_stranger_cannot_accept_and_the_steering_cannot_accept_for_the_actor(
    client, setting, invited
):
    school, _school_admin = invited
    member = _invite(client, setting, school)
    accept = reverse("alliances:invitation_answer", args=[member.pk, "annehmen"])
    client.force_login(setting.outsider)
    assert client.post(accept).status_code == 404
    assert client.get(reverse("alliances:invitations")).content.decode().count("Annehmen") == 0
    client.force_login(setting.lead_admin)
    assert client.post(accept).status_code == 403
    with pytest.raises(PermissionDenied):
        invitation_services.accept_invitation(member, by=setting.partner_admin)
    member.refresh_from_db()
    assert member.is_pending
    # the steering withdraws it instead
    client.post(reverse("alliances:invitation_answer", args=[member.pk, "ablehnen"]))
    assert not setting.alliance.members.filter(actor=school).exists()


def test_adding_an_actor_one_administers_is_immediate(setting):
    own = ActorFactory(name="Eigener Verein")
    MembershipFactory(actor=own, user=setting.lead_admin)
    member = services.add_member(setting.alliance, actor=own, role="partner", by=setting.lead_admin)
    assert not member.is_pending and member.is_active
    assert own in [m.actor for m in members_of(setting.alliance)[0]]


def test_the_demo_members_are_accepted_and_one_invitation_waits(db):
    load_demo_alliances()
    main = Alliance.objects.get(name=MAIN_ALLIANCE)
    assert main.members.filter(accepted_at__isnull=True).count() == 0
    assert len(members_of(main)[0]) == 8
    culture = Alliance.objects.get(name=CULTURE_ALLIANCE)
    (waiting,) = culture.members.filter(accepted_at__isnull=True)
    assert waiting.actor.slug.endswith("talviertel-wohnen")
    # a demo member who administers the housing company finds it among their invitations
    admin = waiting.actor.memberships.filter(role="admin").first().user
    assert [i.pk for i in invitations_for(admin)] == [waiting.pk]
    load_demo_alliances()  # idempotent
    assert culture.members.count() == 6

"""The demo shows every state of introductions and tandems; only an actor's administrators
see the opt-out button on its profile, and the opt-out keeps introductions away."""

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse

from quartier.accounts.services import ensure_demo_admin
from quartier.accounts.tests.factories import UserFactory
from quartier.actors.demo import load_demo_actors
from quartier.actors.tests.factories import ActorFactory, MembershipFactory
from quartier.neighbourhoods.demo import load_demo_neighbourhood
from quartier.network import services
from quartier.network.demo import load_demo_network
from quartier.network.models import Introduction, Tandem

pytestmark = pytest.mark.django_db


def test_the_demo_has_three_introductions_and_two_tandems_and_runs_twice():
    load_demo_neighbourhood()
    ensure_demo_admin(settings.DEMO_ADMIN_EMAIL, "demo-passwort-123")
    load_demo_actors()
    assert load_demo_network() == (3, 2)
    statuses = sorted(Introduction.objects.values_list("status", "outcome"))
    assert statuses == [("accepted", "cooperation"), ("declined", ""), ("proposed", "")]
    assert Introduction.objects.get(status="declined").decline_reason
    active = Tandem.objects.get(status="active")
    done = Tandem.objects.get(status="completed")
    assert active.sessions.count() == 3 and active.started_on < active.sessions.last().held_on
    assert done.mentor_review and done.mentee_review and done.outcome == "goals_met"
    assert load_demo_network() == (3, 2)
    assert Introduction.objects.count() == 3 and Tandem.objects.count() == 2


def test_only_actor_admins_see_the_opt_out_button_and_it_takes_effect(client):
    actor = ActorFactory(name="Töpferei Scherbenglück")
    other = ActorFactory(name="Bäckerei Kornblume")
    admin = MembershipFactory(actor=actor, role="admin").user
    member = MembershipFactory(actor=actor, role="member").user
    url = reverse("actors:detail", args=[actor.slug])
    client.force_login(member)
    assert "Keine Vorstellungen, bitte" not in client.get(url).content.decode()
    client.force_login(admin)
    assert "Keine Vorstellungen, bitte" in client.get(url).content.decode()
    client.post(reverse("network:opt_out", args=[actor.slug]), {"opted_out": "1"})
    with pytest.raises(ValidationError):
        services.propose_introduction(
            actor, other, note="Kennenlernen", by=UserFactory(is_superuser=True)
        )
    client.force_login(member)
    assert (
        client.post(reverse("network:opt_out", args=[actor.slug]), {"opted_out": "0"}).status_code
        == 403
    )


def test_the_neighbourhood_page_counts_introductions(client):
    load_demo_neighbourhood()
    ensure_demo_admin(settings.DEMO_ADMIN_EMAIL, "demo-passwort-123")
    load_demo_actors()
    load_demo_network()
    neighbourhood = Introduction.objects.exclude(neighbourhood=None).first().neighbourhood
    text = client.get(neighbourhood.get_absolute_url()).content.decode()
    assert "Vorstellungen: 3 gemacht, 1 angenommen, 1 " in text

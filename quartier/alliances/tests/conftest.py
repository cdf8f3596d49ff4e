from dataclasses import dataclass

import pytest

from quartier.accounts.tests.factories import UserFactory
from quartier.actors.models import Actor
from quartier.actors.tests.factories import ActorFactory, MembershipFactory
from quartier.alliances import services
from quartier.alliances.invitation_services import accept_invitation
from quartier.alliances.models import Alliance
from quartier.neighbourhoods.tests.factories import NeighbourhoodFactory


@dataclass
class Setting:
    alliance: Alliance
    lead: Actor  # initiator
    partner: Actor
    lead_admin: object
    partner_admin: object
    outsider: object


@pytest.fixture
def setting(db) -> Setting:
    """An alliance founded by a neighbourhood management with a housing company as partner
    (invited and accepted);
    each actor has an administrator; and somebody who belongs to neither."""
    neighbourhood = NeighbourhoodFactory()
    lead = ActorFactory(name="Quartiersbüro", sector="intermediary", neighbourhoods=[neighbourhood])
    partner = ActorFactory(name="Wohnbau Nord", sector="housing", neighbourhoods=[neighbourhood])
    lead_admin = MembershipFactory(actor=lead).user
    partner_admin = MembershipFactory(actor=partner).user
    alliance = services.create_alliance(
        name="Allianz Nord",
        purpose="Leerstand beleben",
        initiator=lead,
        neighbourhoods=[neighbourhood],
        is_public=True,
        by=lead_admin,
    )
    invitation = services.add_member(alliance, actor=partner, role="partner", by=lead_admin)
    accept_invitation(invitation, by=partner_admin)  # the partner consents
    return Setting(alliance, lead, partner, lead_admin, partner_admin, UserFactory())

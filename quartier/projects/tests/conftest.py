from dataclasses import dataclass

import pytest

from quartier.accounts.tests.factories import UserFactory
from quartier.actors.models import Actor
from quartier.actors.tests.factories import ActorFactory, MembershipFactory
from quartier.alliances import services as alliance_services
from quartier.alliances.invitation_services import accept_invitation
from quartier.alliances.models import Alliance
from quartier.neighbourhoods.models import Neighbourhood
from quartier.neighbourhoods.tests.factories import NeighbourhoodFactory
from quartier.places.models import Place
from quartier.places.tests.factories import PlaceFactory
from quartier.projects import services
from quartier.projects.models import Project


@dataclass
class Setting:
    neighbourhood: Neighbourhood
    alliance: Alliance
    lead: Actor  # the alliance's initiator (the steering)
    initiative: Actor  # owns the project
    partner: Actor  # takes part
    place: Place
    project: Project
    lead_admin: object
    initiative_member: object
    initiative_colleague: object
    partner_member: object
    outsider: object


@pytest.fixture
def setting(db) -> Setting:
    """An alliance steered by a neighbourhood office; an initiative (member of the alliance)
    runs a project in a place with a housing company as participant; an outsider."""
    neighbourhood = NeighbourhoodFactory()
    lead = ActorFactory(name="Quartiersbüro", sector="intermediary", neighbourhoods=[neighbourhood])
    initiative = ActorFactory(
        name="Ladenleben", sector="civil_society", neighbourhoods=[neighbourhood]
    )
    partner = ActorFactory(name="Wohnbau Nord", sector="housing", neighbourhoods=[neighbourhood])
    lead_admin = MembershipFactory(actor=lead).user
    initiative_member = MembershipFactory(actor=initiative, role="editor").user
    initiative_colleague = MembershipFactory(actor=initiative).user
    partner_member = MembershipFactory(actor=partner).user
    alliance = alliance_services.create_alliance(
        name="Allianz Nord",
        purpose="Leerstand beleben",
        initiator=lead,
        neighbourhoods=[neighbourhood],
        is_public=True,
        by=lead_admin,
    )
    invitation = alliance_services.add_member(
        alliance, actor=initiative, role="partner", by=lead_admin
    )
    accept_invitation(invitation, by=initiative_colleague)
    place = PlaceFactory(name="Marktgasse 3", neighbourhood=neighbourhood, area_m2=60)
    project = services.create_project(
        by=initiative_member,
        title="Pop-up-Laden Marktgasse",
        summary="Ein Laden für junge Kreative.",
        owners=[initiative],
        alliance=alliance,
        neighbourhoods=[neighbourhood],
        places=[place],
        topics=["interim_use"],
    )
    services.add_participant(
        project, partner, by=initiative_member, role="host", contribution="Ladenlokal"
    )
    return Setting(
        neighbourhood,
        alliance,
        lead,
        initiative,
        partner,
        place,
        project,
        lead_admin,
        initiative_member,
        initiative_colleague,
        partner_member,
        UserFactory(),
    )

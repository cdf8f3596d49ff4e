import pytest

from quartier.actors.tests.factories import ActorFactory, MembershipFactory
from quartier.alliances.tests.factories import AllianceMemberFactory


@pytest.fixture
def scene(db):
    """An alliance led by the Quartiersmanagement, with a housing company as partner; a
    steering person, a partner member and an outsider (member of an unrelated actor)."""
    lead = ActorFactory(name="Quartiersmanagement Talviertel")
    partner = ActorFactory(name="Talviertel Wohnen GmbH", sector="housing")
    other = ActorFactory(name="Fremde Initiative")
    alliance = AllianceMemberFactory(actor=lead, role="lead").alliance
    AllianceMemberFactory(alliance=alliance, actor=partner, role="partner")
    steer = MembershipFactory(actor=lead, user__first_name="Sabine").user
    member = MembershipFactory(actor=partner, user__first_name="Malte").user
    outsider = MembershipFactory(actor=other, user__first_name="Olga").user
    return {
        "alliance": alliance,
        "lead": lead,
        "partner": partner,
        "other": other,
        "steer": steer,
        "member": member,
        "outsider": outsider,
    }

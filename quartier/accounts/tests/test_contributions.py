"""The data download lists what a person contributed across the platform, and deleting the
account works when they own tasks, registrations, posts and approvals – the community's
records stay, without the person."""

from quartier.accounts.privacy import export_personal_data
from quartier.accounts.services import delete_account
from quartier.actors.tests.factories import ActorFactory, MembershipFactory
from quartier.alliances import services as alliance_services
from quartier.alliances.invitation_services import accept_invitation
from quartier.dialogue import services as dialogue_services
from quartier.dialogue.models import Post
from quartier.dialogue.threads import Thread
from quartier.events import services as event_services
from quartier.events.models import ActionItem
from quartier.events.tests.factories import ActionItemFactory, EventFactory


def test_contributions_are_exported_and_survive_the_account_without_it(db):
    lead, partner = ActorFactory(), ActorFactory()
    lead_user = MembershipFactory(actor=lead).user
    person = MembershipFactory(actor=partner).user
    alliance = alliance_services.create_alliance(
        name="Allianz Daten", purpose="x", initiator=lead, by=lead_user
    )
    invitation = alliance_services.add_member(alliance, actor=partner, role="partner", by=lead_user)
    accept_invitation(invitation, by=person)
    agreement = alliance_services.draft_agreement(
        alliance, kind="letter_of_intent", title="Absicht", parties=[lead, partner], by=lead_user
    )
    alliance_services.open_negotiation(agreement, by=lead_user)
    alliance_services.approve(agreement, party=partner, version_number=1, by=person)
    dialogue_services.write_post(Thread(alliance=alliance), text="Mein Beitrag", by=person)
    event = EventFactory(organisers=[lead], capacity=5)
    event_services.register(event, by=person)
    item = ActionItemFactory(event=event, owner=person, title="Stühle besorgen")

    data = export_personal_data(person)
    assert [p["text"] for p in data["discussion_posts"]] == ["Mein Beitrag"]
    assert [a["title"] for a in data["action_items"]] == ["Stühle besorgen"]
    assert data["event_registrations"][0]["status"] == "confirmed"
    assert data["agreement_approvals"][0]["agreement"] == "Absicht"

    delete_account(person)
    item.refresh_from_db()
    assert item.owner is None and ActionItem.objects.filter(pk=item.pk).exists()
    assert Post.objects.get().author is None
    assert agreement.versions.get().approvals.get().approved_by is None

from django.urls import reverse

from quartier.accounts.tests.factories import UserFactory
from quartier.actors.tests.factories import ActorFactory, MembershipFactory
from quartier.dialogue.models import Post
from quartier.events import services as event_services
from quartier.events.tests.factories import EventFactory


def test_organisers_and_registered_people_discuss_an_event_others_do_not(client, db):
    organiser = ActorFactory(name="Kulturverein")
    organiser_user = MembershipFactory(actor=organiser).user
    event = EventFactory(title="Kreativtag im Ladenlokal", organisers=[organiser], capacity=10)
    guest, passer_by = UserFactory(), UserFactory()
    event_services.register(event, by=guest)
    url = reverse("dialogue:event", args=[event.pk])

    client.force_login(guest)
    assert client.post(url, {"text": "Bringe Farben mit."}).status_code == 302
    client.force_login(organiser_user)
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Bringe Farben mit." in page and 'id="diskussion"' in page

    client.force_login(passer_by)  # sees the public event, but not its discussion
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Bringe Farben mit." not in page
    assert client.post(url, {"text": "Werbung"}).status_code == 403
    assert list(Post.objects.values_list("text", flat=True)) == ["Bringe Farben mit."]

from django.core import mail
from django.urls import reverse

from quartier.actors.tests.factories import MembershipFactory
from quartier.core.models import Notification
from quartier.core.notifications import send_digests
from quartier.dialogue import services
from quartier.dialogue.models import Post
from quartier.dialogue.threads import Thread


def test_alliance_members_discuss_and_outsiders_neither_read_nor_write(client, setting):
    thread = Thread(alliance=setting.alliance)
    url = setting.alliance.get_absolute_url()
    client.force_login(setting.partner_admin)
    response = client.post(
        reverse("dialogue:alliance", args=[setting.alliance.pk]), {"text": "Wer bringt Stühle mit?"}
    )
    assert response.status_code == 302
    assert "Wer bringt Stühle mit?" in client.get(url).content.decode()
    client.force_login(setting.outsider)
    assert "Wer bringt Stühle mit?" not in client.get(url).content.decode()
    refused = client.post(
        reverse("dialogue:alliance", args=[setting.alliance.pk]), {"text": "Spam"}
    )
    assert refused.status_code == 403
    assert list(Post.objects.values_list("text", flat=True)) == ["Wer bringt Stühle mit?"]
    assert thread.may_take_part(setting.lead_admin)


def test_each_member_is_notified_as_they_chose_for_the_thread(
    setting, django_capture_on_commit_callbacks
):
    thread = Thread(alliance=setting.alliance)
    colleague = MembershipFactory(actor=setting.lead).user
    colleague.notification_mode = "daily"
    colleague.save()
    services.choose_mode(thread, mode="immediately", by=setting.lead_admin)
    services.choose_mode(thread, mode="off", by=colleague)
    with django_capture_on_commit_callbacks(execute=True):
        services.write_post(thread, text="Protokoll ist online.", by=setting.partner_admin)
    assert [m.to for m in mail.outbox] == [[setting.lead_admin.email]]
    assert not Notification.objects.filter(user=colleague).exists()
    assert not Notification.objects.filter(
        user=setting.partner_admin, url__contains="diskussion"
    ).exists()  # the author

    services.choose_mode(thread, mode="daily", by=colleague)
    services.write_post(thread, text="Noch eine Frage.", by=setting.partner_admin)
    send_digests()
    digests = [m for m in mail.outbox if m.to == [colleague.email]]
    assert len(digests) == 1 and "Noch eine Frage." in digests[0].body


def test_empty_or_too_long_contributions_are_refused_with_a_message(client, setting):
    client.force_login(setting.partner_admin)
    url = reverse("dialogue:alliance", args=[setting.alliance.pk])
    for text in ("   ", "x" * 5001):
        response = client.post(url, {"text": text}, follow=True)
        assert response.status_code == 200
        assert "message-error" in response.content.decode()
    bad_mode = client.post(url, {"mode": "loud"}, follow=True)
    assert "message-error" in bad_mode.content.decode()
    assert not Post.objects.exists()


def test_only_the_author_removes_a_contribution(client, setting):
    thread = Thread(alliance=setting.alliance)
    post = services.write_post(thread, text="Mein Beitrag", by=setting.partner_admin)
    client.force_login(setting.lead_admin)
    assert client.post(reverse("dialogue:delete", args=[post.pk])).status_code == 403
    client.force_login(setting.partner_admin)
    assert client.post(reverse("dialogue:delete", args=[post.pk])).status_code == 302
    assert not Post.objects.exists()

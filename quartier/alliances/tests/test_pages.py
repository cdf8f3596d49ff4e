import io

from django.urls import reverse
from pypdf import PdfReader

from quartier.actors.tests.factories import ActorFactory, MembershipFactory
from quartier.alliances import services
from quartier.alliances.models import Agreement, Goal
from quartier.alliances.tests.factories import AllianceFactory, AllianceMemberFactory
from quartier.core.testing import assert_queries_do_not_grow


def test_anybody_sees_a_listed_alliance_but_only_members_its_strategy(client, setting):
    services.save_goal(
        Goal(alliance=setting.alliance, title="Leerstand halbieren"), by=setting.lead_admin
    )
    url = setting.alliance.get_absolute_url()
    page = client.get(url).content.decode()
    assert "Allianz Nord" in page and "Wohnbau Nord" in page
    assert "Leerstand halbieren" not in page
    assert client.get(reverse("alliances:strategy", args=[setting.alliance.pk])).status_code == 302
    client.force_login(setting.outsider)
    assert "Leerstand halbieren" not in client.get(url).content.decode()
    assert client.get(reverse("alliances:strategy", args=[setting.alliance.pk])).status_code == 403
    client.force_login(setting.partner_admin)
    assert "Leerstand halbieren" in client.get(url).content.decode()


def test_an_unlisted_alliance_is_not_found_by_outsiders(client, setting):
    setting.alliance.is_public = False
    setting.alliance.save()
    assert client.get(setting.alliance.get_absolute_url()).status_code == 404
    assert "Allianz Nord" not in client.get(reverse("alliances:list")).content.decode()
    client.force_login(setting.partner_admin)
    assert client.get(setting.alliance.get_absolute_url()).status_code == 200


def test_found_an_alliance_and_add_a_member_in_the_browser_forms(client, setting):
    client.force_login(setting.lead_admin)
    response = client.post(
        reverse("alliances:create"),
        {
            "name": "Allianz Süd",
            "purpose": "Junge Menschen beteiligen",
            "status": "forming",
            "is_public": "on",
            "initiator": setting.lead.pk,
        },
    )
    assert response.status_code == 302
    alliance = setting.lead.alliance_memberships.get(alliance__name="Allianz Süd").alliance
    response = client.post(
        reverse("alliances:member_add", args=[alliance.pk]),
        {
            "actor": setting.partner.pk,
            "role": "funder",
            "joined_on": "2026-01-01",
            "capacity_hours": "4",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    member = alliance.members.get(actor=setting.partner)
    assert (member.role, member.capacity_hours) == ("funder", 4)


def test_bad_form_input_gets_messages_not_errors(client, setting):
    client.force_login(setting.lead_admin)
    response = client.post(
        reverse("alliances:member_add", args=[setting.alliance.pk]),
        {"actor": "999999", "role": "king", "joined_on": "gestern", "capacity_money": "-5"},
    )
    assert response.status_code == 200
    assert response.content.decode().count('class="errorlist') >= 2


def test_outsiders_cannot_use_the_steering_forms(client, setting):
    client.force_login(setting.partner_admin)
    for name in ("edit", "member_add", "agreement_create", "goal_add"):
        url = reverse(f"alliances:{name}", args=[setting.alliance.pk])
        assert client.get(url).status_code == 403, name
        assert client.post(url, {"name": "gekapert"}).status_code == 403, name
    setting.alliance.refresh_from_db()
    assert setting.alliance.name == "Allianz Nord"


def test_agreement_pages_version_diff_approval_and_pdf(client, setting):
    agreement = services.draft_agreement(
        setting.alliance,
        kind="cooperation",
        title="Kooperation Nord",
        parties=[setting.lead, setting.partner],
        by=setting.lead_admin,
    )
    client.force_login(setting.lead_admin)
    fields = {
        f"{part}_{c['key']}": c[part]
        for c in agreement.versions.get().clauses
        for part in ("title", "text")
    }
    fields["text_costs"] = "Jede Partei trägt ihre Kosten selbst."
    fields["note"] = "Kosten vereinfacht"
    assert (
        client.post(reverse("alliances:agreement_edit", args=[agreement.pk]), fields).status_code
        == 302
    )
    diff = client.get(reverse("alliances:agreement_diff", args=[agreement.pk])).content.decode()
    assert "<ins>" in diff and "<del>" in diff
    client.post(reverse("alliances:agreement_action", args=[agreement.pk, "verhandeln"]))
    for user, party in (
        (setting.lead_admin, setting.lead),
        (setting.partner_admin, setting.partner),
    ):
        client.force_login(user)
        client.post(
            reverse("alliances:agreement_action", args=[agreement.pk, "zustimmen"]),
            {"party": party.pk, "version": 2},
        )
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.SIGNED
    pdf = client.get(reverse("alliances:agreement_pdf", args=[agreement.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Quartiersbüro" in text and "Wohnbau Nord" in text
    assert "Jede Partei trägt ihre Kosten selbst." in text
    assert text.count("Fassung") >= 2 and "Zustimmungen" in text


def test_a_draft_agreement_is_hidden_from_the_public(client, setting):
    agreement = services.draft_agreement(
        setting.alliance,
        kind="letter_of_intent",
        title="Geheime Absicht",
        parties=[setting.lead, setting.partner],
        by=setting.lead_admin,
    )
    assert client.get(agreement.get_absolute_url()).status_code == 404
    assert client.get(reverse("alliances:agreement_pdf", args=[agreement.pk])).status_code == 404
    assert "Geheime Absicht" not in client.get(setting.alliance.get_absolute_url()).content.decode()


def test_list_and_detail_query_counts_do_not_grow(client, setting):
    def add_alliances(n):
        for _ in range(n):
            AllianceMemberFactory(alliance=AllianceFactory())

    assert_queries_do_not_grow(client, reverse("alliances:list"), add_alliances)
    viewer = MembershipFactory(actor=setting.lead).user
    client.force_login(viewer)

    def add_members(n):
        for _ in range(n):
            AllianceMemberFactory(alliance=setting.alliance, actor=ActorFactory(sector="culture"))

    assert_queries_do_not_grow(client, setting.alliance.get_absolute_url(), add_members)


def test_strategy_and_agreement_pages_do_not_grow_with_their_rows(client, setting):
    from quartier.alliances.models import Measure

    client.force_login(setting.lead_admin)
    goal = services.save_goal(Goal(alliance=setting.alliance, title="Ziel"), by=setting.lead_admin)

    def add_measures(n):
        for i in range(n):
            Measure.objects.create(goal=goal, title=f"Maßnahme {i}", owner=setting.partner)

    assert_queries_do_not_grow(
        client, reverse("alliances:strategy", args=[setting.alliance.pk]), add_measures
    )
    agreement = services.draft_agreement(
        setting.alliance,
        kind="cooperation",
        title="Kooperation",
        parties=[setting.lead, setting.partner],
        by=setting.lead_admin,
    )
    services.open_negotiation(agreement, by=setting.lead_admin)

    def add_versions(n):
        for _ in range(n):
            clauses = [dict(c) for c in agreement.versions.order_by("-number").first().clauses]
            clauses[0]["text"] += " Ergänzt."
            version = services.revise_agreement(agreement, clauses=clauses, by=setting.lead_admin)
            services.approve(
                agreement, party=setting.lead, version_number=version.number, by=setting.lead_admin
            )

    assert_queries_do_not_grow(client, agreement.get_absolute_url(), add_versions, few=1, many=6)

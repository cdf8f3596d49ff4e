"""Checklists: the Markdown format, starting a run for an actor, ticking with who and when,
the pages (with and without htmx) and the PDF; only members of the owning actor see a run."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from quartier.accounts.tests.factories import UserFactory
from quartier.actors.tests.factories import ActorFactory, MembershipFactory
from quartier.core.testing import assert_queries_do_not_grow
from quartier.knowledge import services
from quartier.knowledge.demo import CONTENT_DIR
from quartier.knowledge.models import ChecklistRun, parse_checklist
from quartier.knowledge.tests.factories import ArticleFactory, ChecklistFactory

pytestmark = pytest.mark.django_db


def test_the_markdown_format_gives_sections_and_items():
    sections = parse_checklist(ChecklistFactory.build().body)
    assert [(s.title, s.items) for s in sections] == [
        ("", ["Ein Punkt vor der ersten Überschrift"]),
        ("Vorbereitung", ["Eigentümer herausfinden", "Idee beschreiben"]),
        ("Gespräch", ["Zuhören", "Ein Angebot machen"]),
    ]


def test_every_shipped_checklist_follows_the_format():
    for path in CONTENT_DIR.glob("*.md"):
        text = path.read_text(encoding="utf-8")
        if "\nkind: checklist\n" in text:
            sections = parse_checklist(text.split("\n---\n", 1)[1])
            assert len(sections) >= 3, path.name
            assert all(s.title and s.items for s in sections), path.name


@pytest.fixture
def member():
    user = UserFactory(first_name="Mira", last_name="Muster")
    MembershipFactory(user=user, actor=ActorFactory(name="Ladeninitiative"))
    return user


def start(member, article=None, title="Zwischennutzung Marktstraße 12"):
    actor = member.memberships.get().actor
    return services.start_run(article or ChecklistFactory(), actor=actor, title=title, by=member)


def test_a_member_starts_a_run_with_the_items_of_the_checklist(member):
    run = start(member)
    assert run.item_count == 5 and run.done_count == 0
    assert [i.section for i in run.items.all()][:2] == ["", "Vorbereitung"]


def test_only_members_start_runs_of_published_checklists(member):
    with pytest.raises(PermissionDenied):
        services.start_run(ChecklistFactory(), actor=ActorFactory(), title="Fremd", by=member)
    with pytest.raises(PermissionDenied):
        start(member, article=ChecklistFactory(status="draft"))
    with pytest.raises(PermissionDenied):
        start(member, article=ArticleFactory())  # a guide is no checklist
    with pytest.raises(ValidationError):
        start(member, title="   ")


def test_ticking_remembers_who_and_when_and_counts(member):
    run = start(member)
    items = list(run.items.all())
    services.tick_item(items[0], by=member, done=True)
    services.tick_item(items[0], by=member, done=True)  # twice: no change
    services.tick_item(items[1], by=member, done=True)
    run.refresh_from_db()
    assert run.done_count == 2
    items[0].refresh_from_db()
    assert items[0].done_by == member and items[0].done_at is not None
    services.tick_item(items[0], by=member, done=False)
    items[0].refresh_from_db()
    run.refresh_from_db()
    assert items[0].done_at is None and items[0].done_by is None and run.done_count == 1


def test_strangers_neither_see_nor_tick_a_run(client, member):
    run = start(member)
    item = run.items.first()
    stranger = UserFactory()
    MembershipFactory(user=stranger)
    with pytest.raises(PermissionDenied):
        services.tick_item(item, by=stranger, done=True)
    client.force_login(stranger)
    assert client.get(run.get_absolute_url()).status_code == 404
    assert (
        client.post(f"/wissen/checklisten/{run.pk}/punkte/{item.pk}/", {"done": "1"}).status_code
        == 404
    )
    assert client.get(f"/wissen/checklisten/{run.pk}/checkliste.pdf").status_code == 404
    client.logout()
    assert client.get(run.get_absolute_url()).status_code == 302  # to the login


def test_start_tick_and_export_in_the_browser_without_javascript(client, member):
    article = ChecklistFactory()
    client.force_login(member)
    page = client.get(article.get_absolute_url())
    assert b'id="start-checklist"' in page.content
    actor = member.memberships.get().actor
    response = client.post(
        f"/wissen/{article.slug}/checkliste-starten/",
        {"actor": actor.pk, "title": "Zwischennutzung Marktstraße 12"},
    )
    run = ChecklistRun.objects.get()
    assert response.url == run.get_absolute_url()
    item = run.items.all()[2]
    response = client.post(f"/wissen/checklisten/{run.pk}/punkte/{item.pk}/", {"done": "1"})
    assert response.status_code == 302 and response.url.endswith(f"#punkt-{item.pk}")
    page = client.get(run.get_absolute_url()).content.decode()
    assert 'value="1"' in page and 'max="5"' in page and 'aria-pressed="true"' in page
    assert "Mira Muster" in page
    assert (
        "Zwischennutzung Marktstraße 12" in client.get(article.get_absolute_url()).content.decode()
    )
    pdf = client.get(f"/wissen/checklisten/{run.pk}/checkliste.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_ticking_with_htmx_returns_the_item_and_the_progress(client, member):
    run = start(member)
    item = run.items.first()
    client.force_login(member)
    response = client.post(
        f"/wissen/checklisten/{run.pk}/punkte/{item.pk}/", {"done": "1"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert f'id="punkt-{item.pk}"' in html and 'hx-swap-oob="true"' in html
    assert 'value="1"' in html


def test_starting_with_bad_input_shows_a_message(client, member):
    article = ChecklistFactory()
    client.force_login(member)
    response = client.post(
        f"/wissen/{article.slug}/checkliste-starten/", {"actor": 999999, "title": ""}, follow=True
    )
    assert response.status_code == 200 and not ChecklistRun.objects.exists()
    assert response.context["messages"]


def test_run_pages_do_not_grow_with_items_or_runs(client, member):
    article = ChecklistFactory(body="## A\n\n- [ ] eins\n")
    client.force_login(member)
    actor = member.memberships.get().actor

    def add_runs(n):
        for i in range(n):
            run = services.start_run(article, actor=actor, title=f"Vorhaben {i}", by=member)
            services.tick_item(run.items.first(), by=member, done=True)

    assert_queries_do_not_grow(client, "/wissen/checklisten/", add_runs)
    assert_queries_do_not_grow(client, article.get_absolute_url(), add_runs)

    body_lines = []

    def add_items(n):
        body_lines.extend(f"- [ ] Punkt {len(body_lines) + i}" for i in range(n))
        article.body = "## A\n\n" + "\n".join(body_lines)
        article.save()
        article.__dict__.pop("checklist", None)
        run = services.start_run(article, actor=actor, title="Groß", by=member)
        for item in run.items.all():
            services.tick_item(item, by=member, done=True)
        add_items.url = run.get_absolute_url()

    add_items(2)
    few = client.get(add_items.url)
    from quartier.core.testing import count_queries

    with_few = count_queries(client, add_items.url)
    add_items(10)
    assert count_queries(client, add_items.url) == with_few and few.status_code == 200


def test_a_run_started_for_an_alliance_is_seen_and_ticked_by_its_members(db):
    from quartier.alliances import services as alliance_services
    from quartier.alliances.invitation_services import (
        accept_invitation as alliance_services_accept,
    )

    checklist = ChecklistFactory()
    lead, partner = ActorFactory(), ActorFactory()
    lead_user, partner_user = (
        MembershipFactory(actor=lead).user,
        MembershipFactory(actor=partner).user,
    )
    alliance = alliance_services.create_alliance(
        name="Allianz Test", purpose="x", initiator=lead, by=lead_user
    )
    invitation = alliance_services.add_member(alliance, actor=partner, role="partner", by=lead_user)
    alliance_services_accept(invitation, by=partner_user)
    with pytest.raises(ValidationError):  # only for an alliance the actor belongs to
        services.start_run(
            checklist,
            actor=ActorFactory(),
            title="x",
            by=UserFactory(is_superuser=True),
            alliance=alliance,
        )
    run = services.start_run(
        checklist, actor=lead, title="Runder Tisch verstetigen", by=lead_user, alliance=alliance
    )
    assert partner_user.has_perm("knowledge.view_run", run)
    item = run.items.first()
    services.tick_item(item, by=partner_user, done=True)
    run.refresh_from_db()
    assert run.done_count == 1
    outsider = UserFactory()
    assert not outsider.has_perm("knowledge.view_run", run)
    with pytest.raises(PermissionDenied):
        services.tick_item(item, by=outsider, done=False)

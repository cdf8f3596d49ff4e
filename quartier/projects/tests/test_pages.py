from quartier.accounts.tests.factories import PASSWORD
from quartier.core.testing import assert_queries_do_not_grow
from quartier.projects import services
from quartier.projects.models import Project


def login(client, user):
    assert client.login(email=user.email, password=PASSWORD)


def test_list_and_page_show_the_project_to_everybody(client, setting):
    listing = client.get("/projekte/?phase=idea")
    assert "Pop-up-Laden Marktgasse" in listing.content.decode()
    page = client.get(f"/projekte/{setting.project.pk}/")
    assert page.status_code == 200
    assert "Ladenlokal" in page.content.decode()  # who brings what


def test_an_initiative_creates_a_project_in_the_form(client, setting):
    login(client, setting.initiative_member)
    response = client.post(
        "/projekte/neu/",
        {
            "title": "Nachbarschaftsgarten",
            "summary": "Gemüse",
            "owners": [setting.initiative.pk],
            "alliance": setting.alliance.pk,
            "neighbourhoods": [setting.neighbourhood.pk],
            "places": [setting.place.pk],
            "topics": ["participation"],
            "phase": "phase_zero",
            "is_public": "on",
        },
    )
    project = Project.objects.get(title="Nachbarschaftsgarten")
    assert response.status_code == 302 and response["Location"] == project.get_absolute_url()
    assert list(project.places.all()) == [setting.place]
    assert project.topics == ["participation"] and project.phase == "phase_zero"


def test_outsiders_get_403_on_the_forms(client, setting):
    login(client, setting.outsider)
    for suffix in ("bearbeiten/", "phase/", "beenden/", "nachfolge/", "beteiligte/neu/"):
        assert client.get(f"/projekte/{setting.project.pk}/{suffix}").status_code == 403


def test_phase_change_and_end_in_the_forms(client, setting):
    login(client, setting.initiative_member)
    url = f"/projekte/{setting.project.pk}/"
    assert client.post(url + "phase/", {"phase": "trial"}).status_code == 302
    response = client.post(
        url + "beenden/",
        {"worked": "a", "failed": "b", "for_others": "c", "consent": "on"},
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "beendet – gelernt" in page.lower()
    assert "Gelernt: Pop-up-Laden Marktgasse" in page


def test_the_list_query_count_does_not_grow_with_projects(client, setting):
    login(client, setting.initiative_member)

    def add(n):
        for i in range(n):
            p = services.create_project(
                by=setting.initiative_member,
                title=f"Projekt {Project.objects.count()}-{i}",
                owners=[setting.initiative],
                neighbourhoods=[setting.neighbourhood],
                alliance=setting.alliance,
            )
            services.add_participant(
                p, setting.partner, by=setting.initiative_member, role="partner"
            )

    assert_queries_do_not_grow(client, "/projekte/", add)


def test_the_page_query_count_does_not_grow_with_participants_and_milestones(client, setting):
    import datetime

    from quartier.actors.tests.factories import ActorFactory

    login(client, setting.initiative_member)

    def add(n):
        for i in range(n):
            services.add_participant(
                setting.project, ActorFactory(), by=setting.initiative_member, role="partner"
            )
            services.add_milestone(
                setting.project,
                by=setting.initiative_member,
                title=f"M{i}",
                due_on=datetime.date(2030, 1, 1),
            )

    assert_queries_do_not_grow(client, f"/projekte/{setting.project.pk}/", add)

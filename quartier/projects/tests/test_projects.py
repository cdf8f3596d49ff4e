import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from quartier.accounts.tests.factories import UserFactory
from quartier.actors.tests.factories import ActorFactory, MembershipFactory
from quartier.core.models import Notification
from quartier.knowledge.models import Article
from quartier.knowledge.tests.factories import ChecklistFactory
from quartier.projects import services
from quartier.projects.models import Phase, Project
from quartier.projects.selectors import access_project, timeline, visible_projects

TODAY = timezone.localdate()


def test_a_project_starts_in_its_first_phase_with_a_date(setting):
    steps = timeline(access_project(setting.initiative_member, setting.project.pk))
    assert [(s.phase, s.started_on, s.ended_on) for s in steps] == [("idea", TODAY, None)]


def test_only_members_of_an_owner_or_the_steering_start_a_project(setting):
    with pytest.raises(PermissionDenied):
        services.create_project(by=setting.outsider, title="Fremd", owners=[setting.initiative])
    project = services.create_project(
        by=setting.lead_admin, title="Von der Allianz", owners=[], alliance=setting.alliance
    )
    assert project.slug == "von-der-allianz"
    with pytest.raises(ValidationError):
        services.create_project(by=setting.lead_admin, title="Ohne Träger", owners=[])


def test_the_timeline_says_how_long_each_phase_took(setting):
    project = setting.project
    project.phase_changes.update(started_on=TODAY - datetime.timedelta(days=30))
    services.change_phase(
        project,
        Phase.PHASE_ZERO,
        by=setting.initiative_member,
        on=TODAY - datetime.timedelta(days=20),
    )
    services.change_phase(project, Phase.TRIAL, by=setting.lead_admin, note="Eröffnung")
    steps = timeline(access_project(setting.initiative_member, project.pk))
    assert [(s.phase, s.days) for s in steps] == [("idea", 10), ("phase_zero", 20), ("trial", 0)]
    assert steps[-1].note == "Eröffnung"
    with pytest.raises(ValidationError):  # not before the previous phase
        services.change_phase(
            project,
            Phase.IMPLEMENTATION,
            by=setting.lead_admin,
            on=TODAY - datetime.timedelta(days=40),
        )


def test_outsiders_and_participants_do_not_steer_the_project(setting):
    for user in (setting.outsider, setting.partner_member):
        with pytest.raises(PermissionDenied):
            services.change_phase(setting.project, Phase.TRIAL, by=user)


def test_ended_learned_with_consent_becomes_a_draft_case_report(setting):
    project = services.end_as_learned(
        setting.project,
        by=setting.initiative_member,
        worked="Die Nachbarschaft kam.",
        failed="Die Öffnungszeiten waren zu kurz.",
        for_others="Früh mit dem Eigentümer sprechen.",
        consent=True,
    )
    article = Article.objects.get(pk=project.case_report_id)
    assert project.phase == Phase.ENDED_LEARNED
    assert article.kind == Article.Kind.CASE_REPORT and article.status == Article.Status.DRAFT
    assert "Früh mit dem Eigentümer sprechen." in article.body
    assert list(article.authors.all()) == [setting.initiative_member]
    assert article in project.articles.all()


def test_ended_learned_without_consent_writes_no_article_and_needs_all_lessons(setting):
    with pytest.raises(ValidationError):
        services.end_as_learned(
            setting.project, by=setting.initiative_member, worked="x", failed="", for_others="y"
        )
    project = services.end_as_learned(
        setting.project, by=setting.initiative_member, worked="a", failed="b", for_others="c"
    )
    assert project.case_report_id is None
    assert not Article.objects.filter(kind="case_report").exists()


def test_succession_with_a_handover_checklist_and_one_reminder(setting):
    successor = ActorFactory(name="Schülerfirma 2027")
    successor_member = MembershipFactory(actor=successor).user
    checklist = ChecklistFactory()
    project = services.plan_succession(
        setting.project,
        by=setting.initiative_member,
        successor=successor,
        handover_on=TODAY + datetime.timedelta(days=10),
        checklist=checklist,
    )
    assert project.handover_run.item_count == 5
    assert project.handover_run in project.checklist_runs.all()
    assert services.remind_handovers() == 1
    assert services.remind_handovers() == 0  # once per date
    reminded = set(Notification.objects.values_list("user", flat=True))
    assert {setting.initiative_member.pk, successor_member.pk} <= reminded
    assert setting.outsider.pk not in reminded


def test_the_visibility_query_equals_the_rule(setting):
    hidden = services.create_project(
        by=setting.initiative_member,
        title="Intern",
        owners=[setting.initiative],
        is_public=False,
    )
    services.add_participant(hidden, setting.partner, by=setting.initiative_member, role="partner")
    secret = services.create_project(
        by=setting.lead_admin,
        title="Allianzintern",
        owners=[],
        alliance=setting.alliance,
        is_public=False,
    )
    admin = UserFactory(is_superuser=True)
    from django.contrib.auth.models import AnonymousUser

    users = [
        AnonymousUser(),
        setting.outsider,
        setting.partner_member,
        setting.initiative_member,
        setting.lead_admin,
        admin,
    ]
    for user in users:
        by_query = set(visible_projects(user).values_list("pk", flat=True))
        by_rule = {p.pk for p in Project.objects.all() if user.has_perm("projects.view_project", p)}
        assert by_query == by_rule, user
    assert hidden.pk not in set(visible_projects(setting.outsider).values_list("pk", flat=True))
    assert secret.pk in set(
        visible_projects(setting.initiative_member).values_list("pk", flat=True)
    )
    with pytest.raises(Http404):
        access_project(setting.outsider, hidden.pk)
    with pytest.raises(PermissionDenied):
        access_project(setting.partner_member, hidden.pk, "projects.change_project")

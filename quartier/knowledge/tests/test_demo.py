import pytest
from django.core.management import call_command

from quartier.actors.demo import INITIATIVE_USER_EMAIL
from quartier.knowledge.demo import DRAFT_SLUG, IN_REVIEW_SLUG, load_demo_workflow
from quartier.knowledge.models import Article, ChecklistRun

pytestmark = pytest.mark.django_db


def test_demo_workflow_links_drafts_reviews_and_a_checklist_run(settings):
    call_command("demo")
    load_demo_workflow(INITIATIVE_USER_EMAIL)
    load_demo_workflow(INITIATIVE_USER_EMAIL)  # idempotent
    assert Article.objects.get(slug=IN_REVIEW_SLUG).status == "in_review"
    assert Article.objects.get(slug=DRAFT_SLUG).status == "draft"
    guide = Article.objects.get(slug="ladenlokal-zwischennutzen-in-zehn-schritten")
    assert guide.actors.count() == 2 and guide.places.count() == 1
    assert guide.related.count() >= 3 and guide.tags.filter(kind="topic").exists()
    run = ChecklistRun.objects.get()
    assert run.done_count == 4 and run.item_count == 30
    assert Article.objects.filter(status="published", tags__isnull=True).count() == 0

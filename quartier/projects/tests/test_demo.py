"""The demo projects of the Talviertel (issue 13, item 7)."""

import pytest
from django.conf import settings

from quartier.accounts.services import ensure_demo_admin
from quartier.actors.demo import load_demo_actors
from quartier.alliances.demo import load_demo_alliances
from quartier.events.demo import load_demo_events
from quartier.knowledge.demo import load_toolbox_articles
from quartier.neighbourhoods.demo import load_demo_neighbourhood
from quartier.places.demo import load_demo_places
from quartier.projects.demo import load_demo_projects
from quartier.projects.models import Measurement, Project
from quartier.projects.reports import alliance_report

pytestmark = pytest.mark.django_db


def test_six_projects_in_different_phases_with_ten_indicators_and_three_months():
    load_toolbox_articles()
    load_demo_neighbourhood()
    admin, _ = ensure_demo_admin(settings.DEMO_ADMIN_EMAIL, settings.DEMO_ADMIN_PASSWORD)
    load_demo_actors()
    load_demo_places()
    load_demo_alliances()
    load_demo_events()
    Project.objects.create(title="Pop-up-Laden Marktgasse", slug="pop-up-laden-marktgasse")
    counts = load_demo_projects()
    assert Project.objects.count() == 6  # the minimal row of another demo is reused
    assert len(set(Project.objects.values_list("phase", flat=True))) >= 5
    ended = Project.objects.get(title="Nachtmarkt Talviertel")
    assert ended.phase == "ended_learned" and ended.case_report.status == "draft"
    kiosk = Project.objects.get(title="Schülerkiosk am Talbach")
    assert kiosk.successor is not None and kiosk.handover_on is not None
    popup = Project.objects.get(title="Pop-up-Laden Marktgasse")
    assert popup.places.get().name == "Ladenlokal Marktgasse 3"
    manual = Measurement.objects.filter(is_automatic=False)
    assert len({m.period_start for m in manual}) == 3
    assert counts[1] == 10
    report = alliance_report(admin, popup.alliance_id)
    assert any(view.series for part in report.projects for view in part.indicators)
    assert load_demo_projects() == counts  # idempotent

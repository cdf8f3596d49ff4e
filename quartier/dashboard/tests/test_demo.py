import pytest
from django.utils import timezone

from quartier.dashboard.demo import load_demo_dashboard
from quartier.dashboard.models import StatisticValue
from quartier.dashboard.statistics import neighbourhood_statistics
from quartier.neighbourhoods.demo import load_demo_neighbourhood
from quartier.neighbourhoods.models import Municipality

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_second_town_and_statistics_of_this_and_last_year_but_one():
    talviertel = load_demo_neighbourhood()
    towns, areas, values = load_demo_dashboard()
    assert Municipality.objects.count() == towns == 2 and areas == 9 and values == 72
    stats = neighbourhood_statistics(talviertel)
    assert stats["year"] == timezone.localdate().year - 1
    assert stats["status"] in (3, 4) and stats["dynamics"] == 3  # Talviertel lags behind
    assert load_demo_dashboard()[2] == 0  # a second run adds nothing
    assert StatisticValue.objects.count() == 72

"""The search finds its sources through the apps' search.py modules."""

import pytest

from quartier.accounts.models import User
from quartier.search.indexing import index_record
from quartier.search.registry import kinds


def test_every_app_registers_its_kind_in_the_order_of_the_result_groups():
    registered = [kind for kind, _label in kinds()]
    base = ["article", "actor", "neighbourhood", "place", "event"]
    assert [kind for kind in registered if kind in base] == base
    assert {"project", "programme"} <= set(registered) or "project" in registered


@pytest.mark.django_db
def test_indexing_a_model_that_no_app_registered_fails_loudly():
    user = User.objects.create_user(email="x@example.org", password="irrelevant-pw-123")
    with pytest.raises(LookupError, match="not registered for the search"):
        index_record(user)

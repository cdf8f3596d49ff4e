"""A bounded schemathesis pass over the whole API against the demo data.

Every operation of /api/v1/openapi.json gets a few generated requests (valid and invalid
ones), each sent anonymously and with a demo member's token. The pass fails on any 5xx, on a
status code the schema does not document and on a response that does not match the schema.

`make test` runs it with a few examples per operation; `make fuzz` sets
QUARTIER_FUZZ_EXAMPLES higher for a longer pass."""

import os
from io import StringIO

import pytest
import schemathesis
from django.core import signals
from django.core.management import call_command
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("QUARTIER_FUZZ_EXAMPLES", "3"))
# The short pass is the same on every run; a longer one (make fuzz) explores new inputs.
REPEATABLE = "QUARTIER_FUZZ_EXAMPLES" not in os.environ
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture(scope="module")
def demo_installation(django_db_setup, django_db_blocker):
    """The demo data, loaded once for this module and rolled back at its end, and a member's
    token."""
    from quartier.accounts.models import User
    from quartier.accounts.services import create_token
    from quartier.actors.demo import INITIATIVE_USER_EMAIL

    # Like Django's test client: a request must not close the connection that holds the
    # test's transaction (it would on PostgreSQL, where connections persist).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("demo", stdout=StringIO())
            member = User.objects.get(email=INITIATIVE_USER_EMAIL)
            _token, plain = create_token(member, "fuzz")
            yield {"Authorization": f"Bearer {plain}"}
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            signals.request_started.connect(close_old_connections)
            signals.request_finished.connect(close_old_connections)


# The schema does not depend on data: loaded at collection, one test per operation.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=REPEATABLE,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_answers_every_request_within_its_schema(case, demo_installation, db):
    for headers in ({}, demo_installation):
        case.call_and_validate(headers=headers, checks=CHECKS)

"""The funding demo: 30 example programmes, fee-floor tables, three grants in different
states, one held in trust by the Bürgerstiftung for the Initiative Ladenleben."""

from datetime import date
from decimal import Decimal

import pytest

from quartier.actors.demo import load_demo_actors
from quartier.funding.demo import load_demo_funding
from quartier.funding.models import FeeFloorTable, FundingProgramme, Grant
from quartier.funding.selectors import ledger_of
from quartier.neighbourhoods.demo import load_demo_neighbourhood

pytestmark = pytest.mark.django_db


def test_the_demo_shows_the_catalogue_and_a_grant_held_in_trust_reconciling_to_the_cent():
    load_demo_neighbourhood()
    load_demo_actors()
    assert load_demo_funding() == (30, 3)
    assert load_demo_funding() == (30, 3)  # idempotent
    assert FundingProgramme.objects.filter(is_example=True).count() == 30
    assert FundingProgramme.objects.get(slug="alte-pruefung").is_stale
    assert FeeFloorTable.objects.count() == 2
    assert not FeeFloorTable.objects.filter(checked_on__isnull=True).exists()
    assert set(Grant.objects.values_list("status", flat=True)) == {
        "preparation",
        "submitted",
        "running",
    }
    grant = Grant.objects.get(status="running")
    assert grant.applicant.name == "Bürgerstiftung Musterstadt" and grant.initiative is not None
    assert grant.initiative.legal_form == "informal"
    ledger = ledger_of(grant, date.today(), with_receipts=True)
    assert ledger.draws and ledger.receipts and grant.report_text
    assert ledger.spent == sum(
        (r.amount for r in ledger.receipts if r.kind == "expense"), Decimal("0")
    )
    assert ledger.drawn <= grant.approved_amount * Decimal("0.9")

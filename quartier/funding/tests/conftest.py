from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest

from quartier.accounts.tests.factories import UserFactory
from quartier.actors.models import Actor
from quartier.actors.tests.factories import ActorFactory, MembershipFactory, TieFactory
from quartier.funding import grant_services
from quartier.funding.models import FundingProgramme, Grant
from quartier.funding.tests.factories import ProgrammeFactory, ProjectFactory
from quartier.projects.models import Project


@dataclass
class Trust:
    """An initiative without a legal form, its project, a Bürgerstiftung as trustee, a
    programme that allows a trustee, and somebody from neither side."""

    initiative: Actor
    trustee: Actor
    project: Project
    programme: FundingProgramme
    initiative_member: object
    trustee_member: object
    outsider: object
    admin: object


@pytest.fixture
def trust(db) -> Trust:
    initiative = ActorFactory(name="Galerie im Leerstand", legal_form="", sector="creative")
    trustee = ActorFactory(name="Bürgerstiftung Musterstadt", legal_form="ev", sector="foundation")
    TieFactory(source=initiative, target=trustee, claimed_by=initiative, status="confirmed")
    project = ProjectFactory(title="Galerie Marktgasse", owners=[initiative])
    programme = ProgrammeFactory(
        title="Soziokultur im Quartier",
        legal_forms="|ev|ggmbh|",
        non_profit_required=True,
        trustee_allowed=True,
        topics="|kultur|",
        own_share=Decimal("10"),
        volunteer_hours_count=True,
        max_amount=Decimal("25000"),
    )
    return Trust(
        initiative=initiative,
        trustee=trustee,
        project=project,
        programme=programme,
        initiative_member=MembershipFactory(actor=initiative).user,
        trustee_member=MembershipFactory(actor=trustee).user,
        outsider=UserFactory(),
        admin=UserFactory(is_superuser=True, is_staff=True),
    )


def approved_grant(trust: Trust, today: date | None = None) -> Grant:
    """A grant in trust: 12,000 € costs (honoraria due now, rent due in three months), 10,800 €
    grant, 1,200 € own funds; approved with 10 % withheld."""
    today = today or date.today()
    grant = grant_services.create_grant(
        trust.project,
        trust.programme,
        applicant=trust.trustee,
        initiative=trust.initiative,
        by=trust.initiative_member,
    )
    by = trust.initiative_member
    grant_services.add_plan_line(
        grant,
        by=by,
        category="honoraria",
        description="Honorare Künstler*innen",
        amount=Decimal("6000"),
        due_on=today,
    )
    grant_services.add_plan_line(
        grant,
        by=by,
        category="rent",
        description="Miete Ladenlokal",
        amount=Decimal("6000"),
        due_on=today + timedelta(days=90),
    )
    grant_services.add_income_line(
        grant, by=by, kind="grant", description="Zuwendung", amount=Decimal("10800")
    )
    grant_services.add_income_line(
        grant, by=by, kind="own_funds", description="Spenden", amount=Decimal("1200")
    )
    grant_services.advance_grant(grant, "submit", by=trust.trustee_member)
    return grant_services.record_decision(
        grant,
        by=trust.trustee_member,
        approved_amount=Decimal("10800"),
        period_start=today,
        period_end=today + timedelta(days=365),
        withheld_percent=Decimal("10"),
    )

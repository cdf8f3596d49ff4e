"""Records of every area in one neighbourhood, public and private, some inside the period and
some before it: what the dashboard tests count."""

import datetime
from decimal import Decimal

from django.utils import timezone

from quartier.accounts.tests.factories import UserFactory
from quartier.actors.tests.factories import ActorFactory, TieFactory
from quartier.alliances.models import Agreement
from quartier.alliances.tests.factories import AllianceFactory
from quartier.events.models import Registration
from quartier.events.tests.factories import EventFactory
from quartier.funding.models import Draw, Grant
from quartier.funding.tests.factories import ProgrammeFactory, ProjectFactory
from quartier.places.models import Match, UseAgreement
from quartier.places.tests.factories import PlaceFactory, SpaceRequestFactory
from quartier.projects.models import Indicator, Measurement, Target

LONG_AGO = datetime.timedelta(days=500)


def backdate(obj, field: str = "created_at", by: datetime.timedelta = LONG_AGO) -> None:
    type(obj).objects.filter(pk=obj.pk).update(**{field: timezone.now() - by})


def populate(neighbourhood, size: int = 1) -> dict:
    """`size` of everything, public and private; returns the private records."""
    today = timezone.localdate()
    user = UserFactory()
    private: dict = {}
    actors = []
    for _ in range(size):
        old = ActorFactory(sector="housing", is_established=True)
        new = ActorFactory(sector="culture")
        hidden = ActorFactory(sector="school", visibility="private")
        for actor in (old, new, hidden):
            actor.neighbourhoods.add(neighbourhood)
        backdate(old)
        actors += [old, new]
        TieFactory(source=old, target=new)
        TieFactory(source=old, target=hidden)
        private.setdefault("actors", []).append(hidden)

        PlaceFactory(
            neighbourhood=neighbourhood,
            area_m2=80,
            vacant_since=today - datetime.timedelta(days=30),
        )
        PlaceFactory(
            neighbourhood=neighbourhood,
            kind="office",
            area_m2=120,
            vacant_since=today - datetime.timedelta(days=700),
        )
        used = PlaceFactory(
            neighbourhood=neighbourhood,
            status="interim",
            area_m2=50,
            vacant_since=today - datetime.timedelta(days=200),
        )
        request = SpaceRequestFactory(actor=new)
        match = Match.objects.create(request=request, place=used, status="in_use")
        UseAgreement.objects.create(
            match=match,
            place=used,
            start=today - datetime.timedelta(days=20),
            end=today + datetime.timedelta(days=100),
            use="Atelier",
        )

        public_alliance = AllianceFactory()
        public_alliance.neighbourhoods.add(neighbourhood)
        Agreement.objects.create(
            alliance=public_alliance,
            kind="cooperation",
            title="Vertrag",
            status="signed",
            signed_at=timezone.now(),
        )
        hidden_alliance = AllianceFactory(is_public=False)
        hidden_alliance.neighbourhoods.add(neighbourhood)
        Agreement.objects.create(
            alliance=hidden_alliance,
            kind="cooperation",
            title="Geheim",
            status="signed",
            signed_at=timezone.now(),
        )
        private.setdefault("alliances", []).append(hidden_alliance)

        held = EventFactory(
            neighbourhood=neighbourhood, start=timezone.now() - datetime.timedelta(days=10)
        )
        EventFactory(
            neighbourhood=neighbourhood, start=timezone.now() + datetime.timedelta(days=10)
        )
        EventFactory(
            neighbourhood=neighbourhood,
            cancelled=True,
            start=timezone.now() - datetime.timedelta(days=5),
        )
        hidden_event = EventFactory(
            neighbourhood=neighbourhood,
            visibility="members",
            start=timezone.now() - datetime.timedelta(days=3),
        )
        Registration.objects.create(event=held, user=UserFactory(), status="confirmed")
        Registration.objects.create(event=held, user=UserFactory(), status="cancelled")
        Registration.objects.create(event=hidden_event, user=UserFactory(), status="confirmed")
        private.setdefault("events", []).append(hidden_event)

        project = ProjectFactory(phase="trial")
        project.neighbourhoods.add(neighbourhood)
        hidden_project = ProjectFactory(phase="idea", is_public=False)
        hidden_project.neighbourhoods.add(neighbourhood)
        private.setdefault("projects", []).append(hidden_project)
        for p, reached in ((project, 12), (hidden_project, 50)):
            indicator = Indicator.objects.create(
                project=p,
                title="Besuche",
                level="output",
                kind="quantitative",
                unit="Besuche",
                direction="ascending",
                aggregation="per_period",
                period="month",
            )
            start = today.replace(day=1)
            Target.objects.create(indicator=indicator, period_start=start, value=10)
            Measurement.objects.create(
                indicator=indicator, period_start=start, value=reached, status="approved"
            )

        programme = ProgrammeFactory(next_deadline=today + datetime.timedelta(days=30))
        grant = Grant.objects.create(
            project=project,
            programme=programme,
            applicant=old,
            status="running",
            approved_amount=Decimal("1000"),
            period_start=today - datetime.timedelta(days=40),
        )
        Draw.objects.create(grant=grant, amount=Decimal("250"), requested_on=today)
    return {"private": private, "user": user, "actors": actors}

from datetime import date
from decimal import Decimal

import factory

from quartier.funding.models import FeeFloor, FeeFloorTable, FundingProgramme
from quartier.projects.models import Project


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingProgramme

    title = factory.Sequence(lambda n: f"Förderprogramm {n}")
    slug = factory.Sequence(lambda n: f"programm-{n}")
    summary = "Ein erfundenes Programm für Tests."
    funder_name = "Stiftung Beispiel"
    funder = "stiftung"
    funding_types = "|zuschuss|"
    areas = "|kultur-medien-sport|"
    regions = "|DE|"
    checked_on = factory.LazyFunction(date.today)
    own_share = Decimal("0")


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Projekt {n}")
    slug = factory.Sequence(lambda n: f"projekt-{n}")
    phase = "trial"

    @factory.post_generation
    def owners(self, create, extracted, **kwargs):
        if create and extracted:
            self.owners.set(extracted)


class FeeFloorTableFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeeFloorTable

    name = "Honoraruntergrenzen Darstellende Künste"
    issuer = "Bundesverband Freie Darstellende Künste (BFDK)"
    version = "Beispiel"
    effective_from = date(2024, 7, 1)
    source_url = "https://darstellende-kuenste.de/"
    is_example = True


class FeeFloorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeeFloor

    table = factory.SubFactory(FeeFloorTableFactory)
    activity = "Vorstellung"
    unit = "performance"
    with_ksk = True
    amount = Decimal("300.00")

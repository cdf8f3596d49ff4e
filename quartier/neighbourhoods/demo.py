"""The fictional demo neighbourhood. Everything here is invented and marked as such."""

from django.db import transaction

from quartier.neighbourhoods.models import FederalState, Municipality, Neighbourhood

DEMO_SLUG = "musterstadt-talviertel"


@transaction.atomic
def load_demo_neighbourhood() -> Neighbourhood:
    municipality, _ = Municipality.objects.update_or_create(
        name="Musterstadt (fiktiv)", defaults={"state": FederalState.ST, "official_key": ""}
    )
    neighbourhood, _ = Neighbourhood.objects.update_or_create(
        slug=DEMO_SLUG,
        defaults={
            "name": "Talviertel",
            "municipality": municipality,
            "is_fictional": True,
            "description": (
                "Das Talviertel in Musterstadt ist ein erfundenes Demo-Quartier: eine "
                "Klein- und Mittelstadt im ländlichen Raum mit leerstehenden Läden in der "
                "Altstadt, einem Wochenmarkt und einer Hochschule am Stadtrand. Alle Angaben "
                "sind fiktiv und dienen nur dazu, Quartier auszuprobieren."
            ),
        },
    )
    return neighbourhood

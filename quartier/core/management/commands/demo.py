from django.conf import settings
from django.core.management.base import BaseCommand

from quartier.accounts.services import ensure_demo_admin
from quartier.knowledge.demo import load_paper_examples
from quartier.neighbourhoods.demo import load_demo_neighbourhood


class Command(BaseCommand):
    help = (
        "Loads the demo data (idempotent): the paper's six examples, the fictional "
        "neighbourhood Musterstadt – Talviertel and a demo administrator."
    )

    def handle(self, *args: object, **options: object) -> None:
        examples = load_paper_examples()
        neighbourhood = load_demo_neighbourhood()
        email = settings.DEMO_ADMIN_EMAIL
        password = settings.DEMO_ADMIN_PASSWORD
        _user, created = ensure_demo_admin(email, password)
        self.stdout.write(f"Demo-Daten geladen: {len(examples)} Praxisbeispiele, {neighbourhood}.")
        self.stdout.write(
            f"Demo-Administration {'angelegt' if created else 'vorhanden'}: "
            f"E-Mail {email}, Passwort {password}"
        )

from django.conf import settings
from django.core.management.base import BaseCommand

from quartier.accounts.services import ensure_demo_admin
from quartier.actors.demo import HOUSING_USER_EMAIL, INITIATIVE_USER_EMAIL, load_demo_actors
from quartier.alliances.demo import load_demo_alliances
from quartier.events.demo import load_demo_events
from quartier.funding.demo import load_demo_funding
from quartier.knowledge.demo import (
    load_demo_workflow,
    load_paper_examples,
    load_toolbox_articles,
)
from quartier.neighbourhoods.demo import load_demo_neighbourhood
from quartier.places.demo import load_demo_places
from quartier.search.indexing import rebuild_index


class Command(BaseCommand):
    help = (
        "Loads the demo data (idempotent): the paper's six examples and the toolbox articles, "
        "the fictional neighbourhood Musterstadt – Talviertel with its actors, ties, places "
        "and space requests, a demo administrator and two demo members; rebuilds the search "
        "index."
    )

    def handle(self, *args: object, **options: object) -> None:
        examples = load_paper_examples()
        toolbox = load_toolbox_articles()
        neighbourhood = load_demo_neighbourhood()
        email = settings.DEMO_ADMIN_EMAIL
        password = settings.DEMO_ADMIN_PASSWORD
        _user, created = ensure_demo_admin(email, password)
        actors, ties = load_demo_actors()
        places, requests = load_demo_places()
        load_demo_workflow(INITIATIVE_USER_EMAIL)
        alliances, agreements = load_demo_alliances()
        entries = rebuild_index()  # demo loaders write directly; the index follows here
        events, action_items = load_demo_events()  # last: needs the alliances; indexes events
        self.stdout.write(
            f"Demo-Daten geladen: {len(examples)} Praxisbeispiele, {len(toolbox)} Handreichungen, "
            f"Checklisten und Argumentationshilfen, {neighbourhood} mit "
            f"{actors} Akteuren und {ties} Beziehungen."
        )
        self.stdout.write(f"Demo-Orte: {places} Orte und {requests} Raumgesuche im Talviertel.")
        self.stdout.write(f"Allianzen: {alliances} mit {agreements} Vereinbarungen.")
        self.stdout.write(f"Termine: {events} mit {action_items} Aufgaben aus Protokollen.")
        programmes, grants = load_demo_funding()
        self.stdout.write(
            f"Förderung: {programmes} Programme (Beispielwerte), {grants} Förderfälle."
        )
        self.stdout.write(f"Suchindex: {entries} Einträge.")
        self.stdout.write(
            f"Demo-Administration {'angelegt' if created else 'vorhanden'}: "
            f"E-Mail {email}, Passwort {password}"
        )
        self.stdout.write(
            f"Demo-Mitglieder: {INITIATIVE_USER_EMAIL} (Initiative Ladenleben Talviertel) und "
            f"{HOUSING_USER_EMAIL} (Talviertel Wohnen GmbH, fiktiv), Passwort {password}"
        )

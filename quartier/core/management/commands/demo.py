from argparse import ArgumentParser

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from quartier.accounts.services import ensure_demo_admin
from quartier.actors.demo import HOUSING_USER_EMAIL, INITIATIVE_USER_EMAIL, load_demo_actors
from quartier.alliances.demo import load_demo_alliances
from quartier.dashboard.demo import load_demo_dashboard
from quartier.events.demo import load_demo_events
from quartier.funding.demo import load_demo_funding
from quartier.knowledge.demo import (
    load_demo_workflow,
    load_paper_examples,
    load_toolbox_articles,
)
from quartier.neighbourhoods.demo import load_demo_neighbourhood
from quartier.network.demo import load_demo_network
from quartier.places.demo import load_demo_places
from quartier.projects.demo import load_demo_projects
from quartier.search.indexing import rebuild_index


class Command(BaseCommand):
    help = (
        "Loads the demo data (idempotent): the paper's six examples and the toolbox articles, "
        "the fictional neighbourhood Musterstadt – Talviertel with its actors, ties, places "
        "and space requests, a demo administrator and two demo members; rebuilds the search "
        "index."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load the demo data also under production settings (quartier.settings.prod).",
        )

    def handle(self, *args: object, **options: object) -> None:
        if settings.IS_PRODUCTION and not options["allow_production"]:
            raise CommandError(
                "Dies ist eine Produktivinstallation (quartier.settings.prod): die Demo-Daten "
                "werden nur mit --allow-production geladen. / This is a production "
                "installation: the demo data are only loaded with --allow-production."
            )
        examples = load_paper_examples()
        toolbox = load_toolbox_articles()
        email = settings.DEMO_ADMIN_EMAIL
        password = settings.DEMO_ADMIN_PASSWORD
        _user, created = ensure_demo_admin(email, password)
        neighbourhood = load_demo_neighbourhood()
        actors, ties = load_demo_actors()
        places, requests = load_demo_places()
        load_demo_workflow(INITIATIVE_USER_EMAIL)
        alliances, agreements = load_demo_alliances()
        events, action_items = load_demo_events()  # needs the alliances
        load_demo_network()  # introductions and tandems
        projects = load_demo_projects()
        programmes, grants = load_demo_funding()  # after the projects: adopts them by slug
        towns, areas, values = load_demo_dashboard()  # after the neighbourhood: a second town
        entries = rebuild_index()  # last: the paper examples and toolbox articles are not yet
        self.stdout.write(
            f"Demo-Daten geladen: {len(examples)} Praxisbeispiele, {len(toolbox)} Handreichungen, "
            f"Checklisten und Argumentationshilfen, {neighbourhood} mit "
            f"{actors} Akteuren und {ties} Beziehungen."
        )
        self.stdout.write(f"Demo-Orte: {places} Orte und {requests} Raumgesuche im Talviertel.")
        self.stdout.write(f"Allianzen: {alliances} mit {agreements} Vereinbarungen.")
        self.stdout.write(f"Termine: {events} mit {action_items} Aufgaben aus Protokollen.")
        self.stdout.write("Projekte: {} mit {} Indikatoren und {} Messwerten.".format(*projects))
        self.stdout.write(
            f"Förderung: {programmes} Programme (Beispielwerte), {grants} Förderfälle."
        )
        self.stdout.write(
            f"Lage: {towns} Demo-Kommunen, {areas} statistische Gebiete, {values} Werte importiert."
        )
        self.stdout.write(f"Suchindex: {entries} Einträge.")
        if created:
            self.stdout.write(f"Demo-Administration angelegt: E-Mail {email}, Passwort {password}")
        else:
            self.stdout.write(
                f"Demo-Administration vorhanden: E-Mail {email} (Passwort unverändert)"
            )
        self.stdout.write(
            f"Demo-Mitglieder: {INITIATIVE_USER_EMAIL} (Initiative Ladenleben Talviertel) und "
            f"{HOUSING_USER_EMAIL} (Talviertel Wohnen GmbH, fiktiv); neu angelegte mit dem "
            f"Passwort {password}, vorhandene behalten ihr Passwort"
        )

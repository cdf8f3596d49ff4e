"""Demo actors and ties for the fictional neighbourhood „Musterstadt (fiktiv) – Talviertel“.

Everything here is invented: the town, the streets, the organisations, the postcode. No real
organisation's or person's name appears; contact persons carry only generic role names and
e-mail addresses under the reserved domain musterstadt.example.

The network has three clusters on purpose, so that network analysis has something to find:
the established actors (administration, housing, owners, business, state bodies), the cultural
and creative scene, and the social and educational actors. The campus office and the
Kulturamt broker between them; a few actors have no ties at all.

Direction of directed ties: funding goes from funder to funded, tenancy from landlord to
tenant, membership from member to organisation, mentoring from mentor to mentee, supply from
supplier to customer.
"""

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import NamedTuple

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify

from quartier.accounts.models import User
from quartier.accounts.services import ensure_demo_admin, ensure_demo_member
from quartier.actors.models import (
    DIRECTED_KINDS,
    Actor,
    ContactPerson,
    LegalForm,
    Membership,
    Resource,
    ResourceKind,
    Sector,
    Tie,
    Topic,
)
from quartier.actors.services import TRACKED_FIELDS, derive_established
from quartier.core.models import Visibility
from quartier.neighbourhoods.demo import load_demo_neighbourhood
from quartier.neighbourhoods.models import Challenge, Context, Neighbourhood, SituationType

SLUG_PREFIX = "musterstadt-"
MAIL_DOMAIN = "musterstadt.example"
POSTCODE = "39999"
CITY = "Musterstadt"
CENTRE = (51.70, 11.74)  # invented town centre somewhere in the countryside

INITIATIVE_USER_EMAIL = f"initiative@{MAIL_DOMAIN}"
HOUSING_USER_EMAIL = f"wohnen@{MAIL_DOMAIN}"

TOPICS = [
    "Leerstand",
    "Zwischennutzung",
    "Kultur",
    "Bildung",
    "Jugend",
    "Nachbarschaft",
    "Einzelhandel",
    "Gastronomie",
    "Digitalisierung",
    "Klima",
    "Wohnen",
    "Soziales",
    "Kreativwirtschaft",
    "Stadtentwicklung",
    "Ehrenamt",
]

# Contact persons are roles, never people.
GENERIC_CONTACT_NAMES = frozenset(
    {
        "Geschäftsstelle",
        "Koordination",
        "Vorstand",
        "Sekretariat",
        "Büro",
        "Schulleitung",
        "Pfarrbüro",
        "Vermietung",
        "Ladenteam",
        "Team",
        "Projektbüro",
    }
)

# Invented streets: start point (metres east, metres north of the centre), direction and
# metres per house number, so that neighbours in a street sit close together on the map.
STREETS: dict[str, tuple[float, float, float, float, float]] = {
    "Marktgasse": (-120, 20, 1.0, 0.0, 9),
    "Rathausplatz": (20, 90, 1.0, 0.0, 8),
    "Talplatz": (-300, -60, 1.0, 0.0, 7),
    "Talstraße": (-750, -150, 0.98, 0.2, 11),
    "Kirchplatz": (130, 140, 0.0, 1.0, 6),
    "Mühlenweg": (200, -50, 0.7, -0.7, 10),
    "Am Bachufer": (-500, -380, 1.0, 0.0, 10),
    "Schulstraße": (-350, 250, 0.3, 0.95, 10),
    "Lindenallee": (300, 250, 0.8, 0.6, 10),
    "Hochschulring": (450, 550, 1.0, -0.1, 12),
    "Bahnhofstraße": (250, -300, 0.6, -0.8, 12),
    "Speicherweg": (-250, -250, -0.6, -0.8, 10),
    "Gartenstraße": (-500, 100, -0.2, 1.0, 9),
}

METRES_PER_DEGREE_LAT = 111_320.0


def offset_position(east_m: float, north_m: float) -> tuple[float, float]:
    """Latitude and longitude of a point given in metres from the centre."""
    lat0, lon0 = CENTRE
    lat = lat0 + north_m / METRES_PER_DEGREE_LAT
    lon = lon0 + east_m / (METRES_PER_DEGREE_LAT * math.cos(math.radians(lat0)))
    return round(lat, 6), round(lon, 6)


def street_position(street: str, number: int) -> tuple[float, float]:
    east, north, dx, dy, step = STREETS[street]
    return offset_position(east + dx * step * number, north + dy * step * number)


def boundary_polygon() -> dict:
    """A slightly irregular polygon of about one kilometre around the centre (GeoJSON)."""
    radii = [1000, 900, 1050, 950, 1100, 880, 980, 1020, 930, 1000, 1080, 900]
    ring = []
    for i, radius in enumerate(radii):
        angle = 2 * math.pi * i / len(radii)
        lat, lon = offset_position(radius * math.sin(angle), radius * math.cos(angle))
        ring.append([round(lon, 5), round(lat, 5)])
    ring.append(ring[0])
    return {"type": "Polygon", "coordinates": [ring]}


NEIGHBOURHOOD_PROFILE = {
    "situation_type": SituationType.RURAL_TOWN,
    "context": Context.PERIPHERAL_WEAK,
    "challenges": [
        Challenge.VACANCY.value,
        Challenge.RETAIL_DECLINE.value,
        Challenge.YOUTH_EXODUS.value,
        Challenge.DEMOGRAPHIC_CHANGE.value,
        Challenge.PUBLIC_SERVICES.value,
    ],
    "possibilities": (
        "In der Marktgasse und am Talplatz stehen mehrere Ladenlokale leer, die für "
        "Zwischennutzungen bereitstehen; die kommunale Talviertel Wohnen GmbH (fiktiv) ist offen "
        "für neue Nutzungen ihrer Erdgeschosse. Die Hochschule Talgrund (fiktiv) am Stadtrand "
        "bringt Studierende mit Ideen ins Viertel, Vereine und Kirchengemeinden tragen ein "
        "lebendiges Ehrenamt. Kurze Wege, günstige Mieten, ein Wochenmarkt und ein leerer "
        "Kornspeicher am Bach sind gute Voraussetzungen für Kultur, kleine Gründungen und "
        "Begegnung. (Alle Angaben sind erfunden.)"
    ),
    "restrictions": (
        "Der städtische Haushalt ist knapp, in der Verwaltung fehlt Personal, und viele "
        "Eigentümerinnen und Eigentümer wohnen nicht vor Ort. Mehrere Altstadthäuser stehen unter "
        "Denkmalschutz und brauchen eine Sanierung; Brandschutz und Nutzungsänderungen verzögern "
        "Zwischennutzungen. Junge Menschen ziehen nach der Schule oft weg, und abends fährt kaum "
        "noch ein Bus. (Alle Angaben sind erfunden.)"
    ),
    "latitude": CENTRE[0],
    "longitude": CENTRE[1],
}


class Res(NamedTuple):
    """An offer or a need in the demo data."""

    kind: ResourceKind
    note: str
    topic: str = ""
    area_m2: int | None = None


@dataclass(frozen=True)
class DemoActor:
    key: str
    name: str
    sector: Sector
    legal_form: LegalForm
    short_description: str
    goals: str
    limits: str
    topics: tuple[str, ...]
    capacity: int | None
    street: str
    number: int
    contact: tuple[str, str, str]  # name (a role), role description, mailbox
    offers: tuple[Res, ...] = ()
    needs: tuple[Res, ...] = ()
    department: str = ""
    website: str = ""

    @property
    def slug(self) -> str:
        return SLUG_PREFIX + self.key


SPACE, MONEY, KNOW_HOW = ResourceKind.SPACE, ResourceKind.MONEY, ResourceKind.KNOW_HOW
STAFF, NETWORK, PUBLICITY = ResourceKind.STAFF_TIME, ResourceKind.NETWORK, ResourceKind.PUBLICITY
EQUIPMENT = ResourceKind.EQUIPMENT

CITY_SITE = "https://www.musterstadt.example"

ACTORS: list[DemoActor] = [
    # --- municipal administration -------------------------------------------------------
    DemoActor(
        key="stadtplanungsamt",
        name="Stadt Musterstadt – Stadtplanungsamt",
        sector=Sector.MUNICIPAL,
        department="Stadtplanungsamt",
        legal_form=LegalForm.PUBLIC_LAW,
        short_description="Plant die Entwicklung der Altstadt und des Talviertels und führt "
        "das Leerstandskataster.",
        goals="Die Altstadt als Wohn- und Lebensort stärken, ein Leerstandskataster aufbauen und "
        "Zwischennutzungen planungsrechtlich möglich machen.",
        limits="Wenig Personal; größere Vorhaben brauchen einen Stadtratsbeschluss; eigene "
        "Räume kann das Amt nicht vergeben.",
        topics=("Stadtentwicklung", "Leerstand", "Zwischennutzung", "Wohnen"),
        capacity=12,
        street="Rathausplatz",
        number=1,
        contact=("Sekretariat", "Ansprechstelle für Kooperationen", "stadtplanung"),
        offers=(
            Res(
                KNOW_HOW,
                "Beratung zu Nutzungsänderung und Bauantrag bei Zwischennutzungen",
                topic="Planungsrecht",
            ),
            Res(KNOW_HOW, "Hinweise zu Programmen der Städtebauförderung", topic="Förderanträge"),
            Res(NETWORK, "Kontakte zu Eigentümerinnen und Eigentümern leerer Gebäude"),
        ),
        needs=(
            Res(
                KNOW_HOW,
                "Formate, um Jugendliche an der Planung zu beteiligen",
                topic="Beteiligung",
            ),
            Res(STAFF, "Unterstützung bei der Pflege des Leerstandskatasters"),
        ),
        website=f"{CITY_SITE}/stadtplanung",
    ),
    DemoActor(
        key="wirtschaftsfoerderung",
        name="Stadt Musterstadt – Wirtschaftsförderung",
        sector=Sector.MUNICIPAL,
        department="Wirtschaftsförderung",
        legal_form=LegalForm.PUBLIC_LAW,
        short_description="Berät Gründungen, Handel und Gastronomie und vermittelt zwischen "
        "Eigentümern leerer Läden und neuen Nutzern.",
        goals="Weniger Leerstand in der Marktgasse, mehr Gründungen, eine belebte Altstadt "
        "auch nach Ladenschluss.",
        limits="Kann Mieten nicht senken und keine Läden selbst anmieten; der Zuschusstopf "
        "ist klein.",
        topics=("Einzelhandel", "Leerstand", "Gastronomie", "Digitalisierung"),
        capacity=10,
        street="Rathausplatz",
        number=2,
        contact=("Geschäftsstelle", "Gründungs- und Standortberatung", "wirtschaft"),
        offers=(
            Res(KNOW_HOW, "Gründungsberatung und Businessplan-Sprechstunde", topic="Gründung"),
            Res(MONEY, "Kleiner Gründungszuschuss der Stadt, bis 2.000 € (fiktiv)"),
            Res(NETWORK, "Runder Tisch Altstadthandel"),
        ),
        needs=(Res(KNOW_HOW, "Ideen für neue Nutzungen leerer Läden", topic="Kreativwirtschaft"),),
        website=f"{CITY_SITE}/wirtschaft",
    ),
    DemoActor(
        key="kulturamt",
        name="Stadt Musterstadt – Kulturamt",
        sector=Sector.MUNICIPAL,
        department="Kulturamt",
        legal_form=LegalForm.PUBLIC_LAW,
        short_description="Fördert Kultur und Vereine, organisiert die Kulturnacht und den "
        "städtischen Veranstaltungskalender.",
        goals="Kultur als Motor für die Altstadt nutzen und Kulturschaffende mit Verwaltung und "
        "Handel zusammenbringen.",
        limits="Freiwillige Aufgabe mit kleinem Budget; Förderung nur auf Antrag und im "
        "Haushaltsjahr.",
        topics=("Kultur", "Kreativwirtschaft", "Ehrenamt", "Jugend"),
        capacity=14,
        street="Rathausplatz",
        number=4,
        contact=("Büro", "Kulturförderung und Veranstaltungen", "kultur"),
        offers=(
            Res(MONEY, "Projektzuschüsse für Kultur bis 1.500 € (fiktiv)"),
            Res(PUBLICITY, "Städtischer Veranstaltungskalender und Plakatflächen"),
            Res(EQUIPMENT, "Mobile Bühne, Stühle und Pavillons für Veranstaltungen"),
        ),
        needs=(
            Res(SPACE, "Orte für Veranstaltungen im Talviertel", area_m2=80),
            Res(NETWORK, "Kontakt zu Studierenden der Hochschule"),
        ),
        website=f"{CITY_SITE}/kultur",
    ),
    DemoActor(
        key="ordnungsamt",
        name="Stadt Musterstadt – Ordnungsamt",
        sector=Sector.MUNICIPAL,
        department="Ordnungsamt",
        legal_form=LegalForm.PUBLIC_LAW,
        short_description="Genehmigt Straßenfeste, Märkte und Sondernutzungen im öffentlichen "
        "Raum.",
        goals="Veranstaltungen sicher und ohne Ärger mit der Nachbarschaft möglich machen.",
        limits="Muss Sicherheits- und Lärmschutzvorschriften durchsetzen und kann keine "
        "Ausnahmen zusagen.",
        topics=("Stadtentwicklung", "Nachbarschaft"),
        capacity=4,
        street="Rathausplatz",
        number=6,
        contact=("Sekretariat", "Genehmigungen und Sondernutzungen", "ordnung"),
        offers=(
            Res(
                KNOW_HOW,
                "Beratung zu Genehmigungen für Feste und Sondernutzungen",
                topic="Veranstaltungsgenehmigung",
            ),
        ),
        needs=(Res(STAFF, "Ehrenamtliche Ordner für große Feste"),),
        website=f"{CITY_SITE}/ordnung",
    ),
    DemoActor(
        key="jugend-soziales",
        name="Stadt Musterstadt – Amt für Jugend, Familie und Soziales",
        sector=Sector.MUNICIPAL,
        department="Amt für Jugend, Familie und Soziales",
        legal_form=LegalForm.PUBLIC_LAW,
        short_description="Finanziert offene Jugendarbeit und soziale Beratung im Stadtgebiet.",
        goals="Jugendlichen Gründe geben, in Musterstadt zu bleiben; Familien und Ältere im "
        "Quartier gut versorgen.",
        limits="Pflichtaufgaben gehen vor; neue Angebote nur mit freien Trägern.",
        topics=("Jugend", "Soziales", "Bildung"),
        capacity=8,
        street="Rathausplatz",
        number=8,
        contact=("Büro", "Jugendhilfeplanung", "jugend"),
        offers=(
            Res(MONEY, "Mittel für offene Jugendarbeit und Ferienangebote"),
            Res(KNOW_HOW, "Beratung zu Jugendhilfe und Kinderschutz", topic="Jugendhilfe"),
        ),
        needs=(Res(SPACE, "Treffpunkt für Jugendliche in der Altstadt", area_m2=60),),
        website=f"{CITY_SITE}/jugend",
    ),
    # --- housing ---------------------------------------------------------------------------
    DemoActor(
        key="talviertel-wohnen",
        name="Talviertel Wohnen GmbH (fiktiv)",
        sector=Sector.HOUSING,
        legal_form=LegalForm.GMBH,
        short_description="Kommunales Wohnungsunternehmen mit rund 900 Wohnungen und einigen "
        "leeren Ladenlokalen im Talviertel.",
        goals="Leere Erdgeschosse verlässlich nutzen, die Nachbarschaft stabilisieren und die "
        "Wohnungen vermietet halten.",
        limits="Muss wirtschaftlich arbeiten; Umbauten nur mit Budgetfreigabe des "
        "Aufsichtsrats; keine Nutzung ohne Ansprechpartner und Versicherung.",
        topics=("Wohnen", "Leerstand", "Zwischennutzung", "Nachbarschaft"),
        capacity=16,
        street="Talstraße",
        number=20,
        contact=("Vermietung", "Gewerbe- und Zwischennutzung", "vermietung"),
        offers=(
            Res(
                SPACE,
                "Ladenlokal Marktgasse 3, 120 m², Erdgeschoss mit Schaufenster, "
                "zur Zwischennutzung",
                area_m2=120,
            ),
            Res(
                SPACE, "Gemeinschaftsraum Talstraße 24, 60 m², abends und am Wochenende", area_m2=60
            ),
            Res(SPACE, "Ehemalige Kita Lindenallee 12, 300 m², sanierungsbedürftig", area_m2=300),
            Res(MONEY, "Kleiner Quartiersfonds für Nachbarschaftsprojekte"),
            Res(
                KNOW_HOW,
                "Gewerbemietverträge und Nutzungsvereinbarungen",
                topic="Zwischennutzungsverträge",
            ),
        ),
        needs=(
            Res(NETWORK, "Verlässliche Nutzerinnen und Nutzer für leere Erdgeschosse"),
            Res(KNOW_HOW, "Aktivierende Nachbarschaftsarbeit", topic="Quartiersarbeit"),
        ),
        website="https://www.talviertel-wohnen.musterstadt.example",
    ),
    DemoActor(
        key="gruenes-tal",
        name="Wohnungsgenossenschaft Grünes Tal eG (fiktiv)",
        sector=Sector.HOUSING,
        legal_form=LegalForm.COOPERATIVE,
        short_description="Genossenschaft mit 350 Wohnungen am Bachufer, viele Mitglieder "
        "sind über 70.",
        goals="Gutes Wohnen im Alter, lebendige Nachbarschaft, Häuser klimafreundlich sanieren.",
        limits="Entscheidungen trifft die Mitgliederversammlung; kaum freie Gewerberäume.",
        topics=("Wohnen", "Nachbarschaft", "Soziales", "Klima"),
        capacity=6,
        street="Am Bachufer",
        number=10,
        contact=("Geschäftsstelle", "Mitgliederbetreuung", "gruenes-tal"),
        offers=(
            Res(SPACE, "Genossenschaftstreff Am Bachufer 12, 45 m²", area_m2=45),
            Res(
                KNOW_HOW,
                "Erfahrung mit Gründung und Satzung einer Genossenschaft",
                topic="Genossenschaftsgründung",
            ),
        ),
        needs=(
            Res(KNOW_HOW, "Energieberatung für die Sanierung", topic="Energieberatung"),
            Res(STAFF, "Besuchsdienst für ältere Mitglieder"),
        ),
    ),
    # --- real estate and private owners ------------------------------------------------------
    DemoActor(
        key="eigentuemer-marktgasse",
        name="Eigentümergemeinschaft Marktgasse 9–11 im Talviertel",
        sector=Sector.REAL_ESTATE,
        legal_form=LegalForm.OTHER,
        short_description="Private Eigentümerinnen und Eigentümer zweier Altstadthäuser mit "
        "einem leeren Laden im Erdgeschoss.",
        goals="Den Laden wieder vermieten, ohne die Häuser weiter verfallen zu lassen.",
        limits="Die Eigentümer wohnen nicht in Musterstadt und entscheiden nur gemeinsam; kein "
        "Geld für größere Umbauten.",
        topics=("Leerstand", "Einzelhandel", "Wohnen"),
        capacity=2,
        street="Marktgasse",
        number=9,
        contact=("Büro", "Vertretung der Eigentümergemeinschaft", "marktgasse9"),
        offers=(Res(SPACE, "Ladenlokal Marktgasse 9, 85 m², seit zwei Jahren leer", area_m2=85),),
        needs=(
            Res(
                KNOW_HOW,
                "Muster für einen Zwischennutzungsvertrag",
                topic="Zwischennutzungsverträge",
            ),
            Res(MONEY, "Zuschuss für die Sanierung der Ladenfront"),
        ),
    ),
    DemoActor(
        key="kornspeicher",
        name="Alter Kornspeicher im Talviertel – Privateigentum",
        sector=Sector.REAL_ESTATE,
        legal_form=LegalForm.OTHER,
        short_description="Ein leerstehender Speicher in Privatbesitz, drei Etagen, "
        "denkmalgeschützt.",
        goals="Das Gebäude erhalten und eine Nutzung finden, die die Sanierung mitträgt.",
        limits="Obergeschosse ohne Brandschutz nicht nutzbar; Eigentum einer Erbengemeinschaft "
        "mit wenig Zeit.",
        topics=("Leerstand", "Zwischennutzung", "Kultur"),
        capacity=2,
        street="Speicherweg",
        number=2,
        contact=("Büro", "Ansprechstelle der Eigentümer", "kornspeicher"),
        offers=(Res(SPACE, "Erdgeschoss des Alten Kornspeichers, 400 m², unbeheizt", area_m2=400),),
        needs=(
            Res(KNOW_HOW, "Beratung zu Denkmalschutz und Sanierung", topic="Denkmalschutz"),
            Res(MONEY, "Fördermittel für die Sicherung des Daches"),
        ),
    ),
    DemoActor(
        key="hausverwaltung-talgrund",
        name="Hausverwaltung Talgrund GmbH (fiktiv)",
        sector=Sector.REAL_ESTATE,
        legal_form=LegalForm.GMBH,
        short_description="Verwaltet Wohn- und Geschäftshäuser privater Eigentümer in der "
        "Altstadt.",
        goals="Leerstände kurz halten und verlässliche Mieter finden.",
        limits="Handelt nur im Auftrag der Eigentümer; Mietnachlässe brauchen deren Zustimmung.",
        topics=("Leerstand", "Wohnen", "Einzelhandel"),
        capacity=3,
        street="Bahnhofstraße",
        number=5,
        contact=("Vermietung", "Gewerbevermietung", "hausverwaltung"),
        offers=(Res(SPACE, "Ehemaliges Schuhgeschäft Talplatz 4, 200 m²", area_m2=200),),
        needs=(Res(PUBLICITY, "Bekanntmachung freier Gewerbeflächen"),),
    ),
    DemoActor(
        key="ferienwohnungen-talhang",
        name="Ferienwohnungen Am Talhang (fiktiv)",
        sector=Sector.REAL_ESTATE,
        legal_form=LegalForm.GBR,
        short_description="Vermietet drei Ferienwohnungen am Rand der Altstadt.",
        goals="Mehr Gäste nach Musterstadt holen, auch außerhalb der Saison.",
        limits="Kleiner Familienbetrieb ohne Zeit für Gremien.",
        topics=("Wohnen", "Gastronomie"),
        capacity=1,
        street="Gartenstraße",
        number=14,
        contact=("Büro", "Buchung und Anfragen", "talhang"),
        offers=(Res(SPACE, "Unterkunft für Gäste von Veranstaltungen, 50 m²", area_m2=50),),
        needs=(Res(PUBLICITY, "Hinweise auf Veranstaltungen für Gäste"),),
    ),
    # --- business ------------------------------------------------------------------------------
    DemoActor(
        key="werbegemeinschaft",
        name="Werbegemeinschaft Altstadt Musterstadt e.V.",
        sector=Sector.BUSINESS,
        legal_form=LegalForm.EV,
        short_description="Zusammenschluss von rund 40 Geschäften, Gaststätten und "
        "Handwerksbetrieben der Altstadt.",
        goals="Kundschaft in die Altstadt holen, gemeinsame Aktionen, weniger leere Schaufenster.",
        limits="Ehrenamtlicher Vorstand; Beiträge reichen nur für wenige Aktionen im Jahr.",
        topics=("Einzelhandel", "Gastronomie", "Leerstand"),
        capacity=6,
        street="Marktgasse",
        number=14,
        contact=("Vorstand", "Sprecherrolle der Werbegemeinschaft", "werbegemeinschaft"),
        offers=(
            Res(PUBLICITY, "Newsletter und Schaufensteraktionen in 40 Geschäften"),
            Res(NETWORK, "Kontakte zu Händlern und Gastronomie der Altstadt"),
        ),
        needs=(
            Res(KNOW_HOW, "Online sichtbar werden", topic="Digitalisierung"),
            Res(NETWORK, "Partner aus der Kultur für Aktionstage"),
        ),
    ),
    DemoActor(
        key="baeckerei-kornblume",
        name="Bäckerei Kornblume (fiktiv)",
        sector=Sector.BUSINESS,
        legal_form=LegalForm.OTHER,
        short_description="Familienbäckerei mit kleinem Café in der Marktgasse.",
        goals="Den Laden in der Altstadt halten und eine Nachfolge finden.",
        limits="Arbeitstag beginnt um drei Uhr; kaum Zeit für Termine am Abend.",
        topics=("Einzelhandel", "Gastronomie", "Nachbarschaft"),
        capacity=2,
        street="Marktgasse",
        number=6,
        contact=("Ladenteam", "Café und Bestellungen", "kornblume"),
        offers=(Res(SPACE, "Café-Ecke für kleine Lesungen am Nachmittag, 25 m²", area_m2=25),),
        needs=(Res(KNOW_HOW, "Beratung zur Betriebsnachfolge", topic="Nachfolge"),),
    ),
    DemoActor(
        key="buchhandlung-seitenwind",
        name="Buchhandlung Seitenwind (fiktiv)",
        sector=Sector.BUSINESS,
        legal_form=LegalForm.OTHER,
        short_description="Kleine Buchhandlung mit Leseecke und Bestellservice.",
        goals="Ein Treffpunkt für Lesende bleiben und mehr junge Kundschaft gewinnen.",
        limits="Zwei Personen im Laden; Veranstaltungen nur nach Ladenschluss.",
        topics=("Einzelhandel", "Kultur", "Bildung"),
        capacity=3,
        street="Marktgasse",
        number=18,
        contact=("Ladenteam", "Lesungen und Bestellungen", "seitenwind"),
        offers=(
            Res(SPACE, "Leseecke für Lesungen nach Ladenschluss, 30 m²", area_m2=30),
            Res(PUBLICITY, "Aushang und Flyer im Laden"),
        ),
        needs=(Res(NETWORK, "Kontakt zu Schulen für Lesefeste"),),
    ),
    DemoActor(
        key="gasthaus-talkrug",
        name="Gasthaus Zum Talkrug (fiktiv)",
        sector=Sector.BUSINESS,
        legal_form=LegalForm.GMBH,
        short_description="Traditionsgasthaus mit Saal am Talplatz.",
        goals="Den Saal wieder öfter füllen und junges Personal finden.",
        limits="Personalmangel; montags und dienstags geschlossen.",
        topics=("Gastronomie", "Kultur"),
        capacity=2,
        street="Talplatz",
        number=2,
        contact=("Büro", "Saalvermietung", "talkrug"),
        offers=(Res(SPACE, "Saal für Veranstaltungen, 90 m², montags frei", area_m2=90),),
        needs=(Res(STAFF, "Aushilfen für Veranstaltungen am Wochenende"),),
    ),
    DemoActor(
        key="modehaus-zeitlos",
        name="Modehaus Zeitlos (fiktiv)",
        sector=Sector.BUSINESS,
        legal_form=LegalForm.OTHER,
        short_description="Bekleidungsgeschäft an der Talstraße, seit vielen Jahren im Viertel.",
        goals="Über den Laden hinaus auch online verkaufen.",
        limits="Keine Zeit für Vereinsarbeit; Laden nur vormittags besetzt.",
        topics=("Einzelhandel", "Digitalisierung"),
        capacity=1,
        street="Talstraße",
        number=40,
        contact=("Ladenteam", "Inhaberteam", "zeitlos"),
        needs=(Res(KNOW_HOW, "Einen kleinen Onlineshop aufbauen", topic="Digitalisierung"),),
    ),
    # --- welfare ---------------------------------------------------------------------------
    DemoActor(
        key="sozialwerk-talgrund",
        name="Sozialwerk Talgrund gGmbH (fiktiv)",
        sector=Sector.WELFARE,
        legal_form=LegalForm.GGMBH,
        short_description="Freier Träger von Jugendtreff, Schulsozialarbeit und Sozialberatung.",
        goals="Jugendlichen und Familien im Talviertel verlässliche Anlaufstellen bieten.",
        limits="Projektfinanzierung auf Zeit; Fachkräfte sind knapp.",
        topics=("Soziales", "Jugend", "Nachbarschaft"),
        capacity=12,
        street="Lindenallee",
        number=4,
        contact=("Geschäftsstelle", "Bereichsleitung Jugend", "sozialwerk"),
        offers=(
            Res(STAFF, "Sozialarbeit vor Ort im Quartier"),
            Res(KNOW_HOW, "Sozialarbeit und Beratung", topic="Sozialarbeit"),
            Res(SPACE, "Jugendtreff Lindenallee, 70 m², vormittags frei", area_m2=70),
        ),
        needs=(
            Res(MONEY, "Mittel für ein Ferienprogramm"),
            Res(SPACE, "Zweiter Raum für Beratung in der Altstadt", area_m2=20),
        ),
    ),
    DemoActor(
        key="mehrgenerationenhaus",
        name="Mehrgenerationenhaus Talviertel e.V.",
        sector=Sector.WELFARE,
        legal_form=LegalForm.EV,
        short_description="Offener Treffpunkt für alle Generationen mit Mittagstisch und Kursen.",
        goals="Begegnung zwischen Jung und Alt und Hilfe im Alltag.",
        limits="Die Räume sind an vier Tagen voll belegt; vieles hängt an Freiwilligen.",
        topics=("Soziales", "Nachbarschaft", "Ehrenamt"),
        capacity=8,
        street="Kirchplatz",
        number=5,
        contact=("Koordination", "Hauskoordination", "mgh"),
        offers=(
            Res(SPACE, "Begegnungsraum, 50 m², freitags und samstags", area_m2=50),
            Res(KNOW_HOW, "Freiwillige gewinnen und begleiten", topic="Ehrenamtskoordination"),
        ),
        needs=(
            Res(KNOW_HOW, "Digitalkurse für Ältere", topic="Digitalisierung"),
            Res(STAFF, "Freiwillige für den Mittagstisch"),
        ),
    ),
    DemoActor(
        key="seniorenhilfe-talgrund",
        name="Seniorenhilfe Talgrund e.V. (fiktiv)",
        sector=Sector.WELFARE,
        legal_form=LegalForm.EV,
        short_description="Besuchsdienst, Einkaufshilfe und Fahrdienst für ältere Menschen.",
        goals="Ältere Menschen sollen so lange wie möglich zu Hause leben können.",
        limits="Nur wenige Fahrzeuge; Freiwillige sind selbst meist über 65.",
        topics=("Soziales", "Ehrenamt", "Nachbarschaft"),
        capacity=5,
        street="Mühlenweg",
        number=8,
        contact=("Büro", "Einsatzplanung", "seniorenhilfe"),
        offers=(Res(STAFF, "Besuchsdienst für ältere Menschen"),),
        needs=(
            Res(PUBLICITY, "Neue Freiwillige erreichen"),
            Res(STAFF, "Junge Freiwillige für Fahrdienste"),
        ),
    ),
    # --- schools ------------------------------------------------------------------------------
    DemoActor(
        key="grundschule-talbach",
        name="Grundschule Am Talbach (fiktiv)",
        sector=Sector.SCHOOL,
        legal_form=LegalForm.PUBLIC_LAW,
        short_description="Grundschule mit 180 Kindern und Hortangebot.",
        goals="Kinder mit Kultur und Natur im Viertel in Berührung bringen.",
        limits="Projekte nur in der Unterrichtszeit oder im Hort; kein eigenes Budget.",
        topics=("Bildung", "Kultur", "Jugend"),
        capacity=4,
        street="Schulstraße",
        number=2,
        contact=("Schulleitung", "Kooperationen und Projekte", "grundschule"),
        offers=(Res(SPACE, "Aula am Nachmittag, 100 m²", area_m2=100),),
        needs=(
            Res(KNOW_HOW, "Angebote kultureller Bildung", topic="Kulturelle Bildung"),
            Res(MONEY, "Zuschuss für Leseförderung"),
        ),
    ),
    DemoActor(
        key="gemeinschaftsschule",
        name="Gemeinschaftsschule Musterstadt",
        sector=Sector.SCHOOL,
        legal_form=LegalForm.PUBLIC_LAW,
        short_description="Weiterführende Schule mit Projektwochen und Schülerfirma.",
        goals="Schülerinnen und Schüler an ihre Stadt binden und Berufe vor Ort zeigen.",
        limits="Lehrkräfte haben kaum Stunden frei; Ausflüge brauchen Vorlauf.",
        topics=("Bildung", "Jugend", "Stadtentwicklung"),
        capacity=6,
        street="Schulstraße",
        number=14,
        contact=("Sekretariat", "Projektwochen und Berufsorientierung", "gemeinschaftsschule"),
        offers=(Res(STAFF, "Projektwochen: Schülerinnen und Schüler gestalten das Quartier"),),
        needs=(
            Res(KNOW_HOW, "Praktika und Einblicke in Berufe", topic="Berufsorientierung"),
            Res(SPACE, "Raum für eine Ausstellung der Projektwoche", area_m2=40),
        ),
    ),
    DemoActor(
        key="berufsschule-talgrund",
        name="Berufsbildende Schule Talgrund (fiktiv)",
        sector=Sector.SCHOOL,
        legal_form=LegalForm.PUBLIC_LAW,
        short_description="Berufsschule für Handwerk, Pflege und Gastronomie.",
        goals="Auszubildende in der Region halten und praxisnahe Projekte anbieten.",
        limits="Werkstätten nur nach Absprache und mit Aufsicht nutzbar.",
        topics=("Bildung", "Jugend", "Klima"),
        capacity=4,
        street="Gartenstraße",
        number=3,
        contact=("Sekretariat", "Schulprojekte", "bbs"),
        offers=(
            Res(EQUIPMENT, "Holz- und Metallwerkstatt für Projekte nach Absprache"),
            Res(KNOW_HOW, "Handwerkliche Anleitung durch Auszubildende", topic="Handwerk"),
        ),
        needs=(Res(NETWORK, "Betriebe für Praktika und Ausbildung"),),
    ),
    # --- university --------------------------------------------------------------------------
    DemoActor(
        key="hochschule-gestaltung",
        name="Hochschule Talgrund (fiktiv) – Fachbereich Gestaltung",
        sector=Sector.UNIVERSITY,
        department="Fachbereich Gestaltung",
        legal_form=LegalForm.PUBLIC_LAW,
        short_description="Studiengänge in Design, Architektur und Landschaftsarchitektur "
        "am Campus am Stadtrand.",
        goals="Studienprojekte im echten Stadtraum und Absolventinnen, die in der Region gründen.",
        limits="Projekte folgen dem Semesterrhythmus; in den Ferien ist kaum jemand da.",
        topics=("Kreativwirtschaft", "Stadtentwicklung", "Bildung", "Leerstand"),
        capacity=10,
        street="Hochschulring",
        number=2,
        contact=("Sekretariat", "Transfer und Praxisprojekte", "hs-gestaltung"),
        offers=(
            Res(KNOW_HOW, "Entwurf, Gestaltung und Modellbau", topic="Gestaltung"),
            Res(STAFF, "Studienprojekte im Quartier, je Semester"),
            Res(EQUIPMENT, "Modellbauwerkstatt und 3D-Drucker"),
        ),
        needs=(
            Res(SPACE, "Ausstellungsfläche in der Altstadt", area_m2=60),
            Res(NETWORK, "Partner für Praxisprojekte"),
        ),
    ),
    DemoActor(
        key="hochschule-soziales",
        name="Hochschule Talgrund (fiktiv) – Fachbereich Soziale Arbeit und Gesundheit",
        sector=Sector.UNIVERSITY,
        department="Fachbereich Soziale Arbeit und Gesundheit",
        legal_form=LegalForm.PUBLIC_LAW,
        short_description="Studiengänge in Sozialer Arbeit und Gesundheitsmanagement.",
        goals="Praxissemester im Quartier und Forschung zu Nachbarschaft im ländlichen Raum.",
        limits="Forschung braucht Vorlauf und Drittmittel.",
        topics=("Soziales", "Bildung", "Nachbarschaft"),
        capacity=6,
        street="Hochschulring",
        number=10,
        contact=("Sekretariat", "Praxisamt", "hs-soziales"),
        offers=(
            Res(KNOW_HOW, "Sozialraumanalyse und Befragungen", topic="Sozialraumanalyse"),
            Res(STAFF, "Studierende im Praxissemester"),
        ),
        needs=(Res(NETWORK, "Praxispartner im Talviertel"),),
    ),
    # --- culture ---------------------------------------------------------------------------
    DemoActor(
        key="talbuehne",
        name="Talbühne e.V. (fiktiv)",
        sector=Sector.CULTURE,
        legal_form=LegalForm.EV,
        short_description="Amateurtheater mit zwei Produktionen im Jahr und einem Sommerfestival.",
        goals="Theater für alle Generationen und eine feste Spielstätte in der Altstadt.",
        limits="Rein ehrenamtlich; Proben nur abends und am Wochenende.",
        topics=("Kultur", "Ehrenamt"),
        capacity=6,
        street="Talplatz",
        number=10,
        contact=("Vorstand", "Spielplanung", "talbuehne"),
        offers=(
            Res(EQUIPMENT, "Licht- und Tontechnik für kleine Veranstaltungen"),
            Res(KNOW_HOW, "Bühnen- und Veranstaltungstechnik", topic="Veranstaltungstechnik"),
        ),
        needs=(
            Res(SPACE, "Probenraum und Spielstätte, mindestens 150 m²", area_m2=150),
            Res(MONEY, "Zuschuss für das Sommerfestival"),
        ),
    ),
    DemoActor(
        key="spindelhaus",
        name="Soziokulturelles Zentrum Spindelhaus e.V. (fiktiv)",
        sector=Sector.CULTURE,
        legal_form=LegalForm.EV,
        short_description="Soziokulturelles Zentrum in einer früheren Spinnerei mit Saal, "
        "Werkstätten und Café.",
        goals="Ein offener Ort für Kultur, Begegnung und Engagement im Talviertel.",
        limits="Hohe Betriebskosten; der Saal ist an Wochenenden ausgebucht.",
        topics=("Kultur", "Kreativwirtschaft", "Nachbarschaft", "Ehrenamt"),
        capacity=12,
        street="Speicherweg",
        number=5,
        contact=("Geschäftsstelle", "Programm und Raumvergabe", "spindelhaus"),
        offers=(
            Res(SPACE, "Veranstaltungssaal, 200 m², unter der Woche", area_m2=200),
            Res(KNOW_HOW, "Erfahrung mit Förderanträgen für Kultur", topic="Förderanträge"),
            Res(PUBLICITY, "Monatsprogramm und Newsletter"),
        ),
        needs=(
            Res(MONEY, "Zuschuss zu den Betriebskosten"),
            Res(STAFF, "Freiwillige für Tresen und Technik"),
        ),
    ),
    DemoActor(
        key="musikschule-talgrund",
        name="Musikschule Talgrund e.V. (fiktiv)",
        sector=Sector.CULTURE,
        legal_form=LegalForm.EV,
        short_description="Musikunterricht für Kinder und Erwachsene, Ensembles und Bands.",
        goals="Musik für alle Kinder erreichbar machen, auch ohne eigenes Instrument.",
        limits="Unterrichtsräume sind nachmittags voll belegt.",
        topics=("Kultur", "Bildung", "Jugend"),
        capacity=4,
        street="Schulstraße",
        number=20,
        contact=("Büro", "Anmeldung und Kooperationen", "musikschule"),
        offers=(Res(EQUIPMENT, "Leihinstrumente für Kinder"),),
        needs=(Res(SPACE, "Übungsräume für Bands", area_m2=40),),
    ),
    DemoActor(
        key="filmclub-lichtspiel",
        name="Filmclub Lichtspiel Talviertel e.V.",
        sector=Sector.CULTURE,
        legal_form=LegalForm.EV,
        short_description="Zeigt seit dem Ende des letzten Kinos Filme im Spindelhaus.",
        goals="Wieder regelmäßig Kino in Musterstadt, am liebsten in einem leeren Laden.",
        limits="Filmlizenzen sind teuer; Vorführungen nur einmal im Monat.",
        topics=("Kultur", "Ehrenamt", "Leerstand"),
        capacity=3,
        street="Talplatz",
        number=14,
        contact=("Vorstand", "Programmplanung", "lichtspiel"),
        offers=(Res(PUBLICITY, "Vorfilm-Werbung für Vereine und Initiativen"),),
        needs=(
            Res(SPACE, "Abspielort für 60 Gäste", area_m2=100),
            Res(EQUIPMENT, "Lichtstarker Projektor"),
        ),
    ),
    # --- creative economy -----------------------------------------------------------------------
    DemoActor(
        key="linienwerk",
        name="Grafikbüro Linienwerk (fiktiv)",
        sector=Sector.CREATIVE,
        legal_form=LegalForm.FREELANCER,
        short_description="Grafikdesign für Plakate, Logos und Websites.",
        goals="Von Aufträgen aus der Region leben und Projekte im Viertel sichtbar machen.",
        limits="Eine Person; ehrenamtliche Arbeit nur in kleinem Umfang.",
        topics=("Kreativwirtschaft", "Kultur", "Digitalisierung"),
        capacity=4,
        street="Marktgasse",
        number=22,
        contact=("Büro", "Anfragen", "linienwerk"),
        offers=(
            Res(KNOW_HOW, "Plakate, Logos und Erscheinungsbild", topic="Gestaltung"),
            Res(PUBLICITY, "Gestaltung von Kampagnen"),
        ),
        needs=(Res(SPACE, "Arbeitsplatz in einem Coworking-Raum", area_m2=15),),
    ),
    DemoActor(
        key="toepferei-scherbenglueck",
        name="Töpferei Scherbenglück (fiktiv)",
        sector=Sector.CREATIVE,
        legal_form=LegalForm.FREELANCER,
        short_description="Keramikwerkstatt mit Kursen für Kinder und Erwachsene.",
        goals="Eine Werkstatt mit Verkaufsraum in der Altstadt.",
        limits="Der Brennofen braucht Starkstrom; Umzug nur mit Vorlauf.",
        topics=("Kreativwirtschaft", "Kultur", "Bildung"),
        capacity=3,
        street="Mühlenweg",
        number=14,
        contact=("Büro", "Kurse und Anfragen", "scherbenglueck"),
        offers=(Res(KNOW_HOW, "Keramik-Workshops für Gruppen", topic="Keramik"),),
        needs=(Res(SPACE, "Werkstatt mit Verkaufsraum im Erdgeschoss, ab 60 m²", area_m2=60),),
    ),
    DemoActor(
        key="kollektiv-kleinformat",
        name="Designkollektiv Kleinformat (fiktiv)",
        sector=Sector.CREATIVE,
        legal_form=LegalForm.GBR,
        short_description="Drei Absolventinnen und Absolventen, die Räume, Möbel und "
        "Schaufenster gestalten.",
        goals="In Musterstadt bleiben und von Gestaltung leben.",
        limits="Wenig Kapital; Aufträge gehen vor ehrenamtlicher Arbeit.",
        topics=("Kreativwirtschaft", "Leerstand", "Zwischennutzung"),
        capacity=8,
        street="Speicherweg",
        number=9,
        contact=("Team", "Projektanfragen", "kleinformat"),
        offers=(Res(STAFF, "Gestaltung von Schaufenstern leerer Läden"),),
        needs=(
            Res(SPACE, "Atelier mit Werkstatt, ab 100 m²", area_m2=100),
            Res(MONEY, "Startkapital für Werkzeug"),
        ),
    ),
    DemoActor(
        key="fotostudio-lichtfang",
        name="Fotostudio Lichtfang (fiktiv)",
        sector=Sector.CREATIVE,
        legal_form=LegalForm.FREELANCER,
        short_description="Fotografie für Porträts, Veranstaltungen und Öffentlichkeitsarbeit.",
        goals="Das Viertel in Bildern zeigen und Aufträge aus der Region gewinnen.",
        limits="Wochenenden oft durch Hochzeiten belegt.",
        topics=("Kreativwirtschaft", "Kultur"),
        capacity=3,
        street="Talstraße",
        number=8,
        contact=("Büro", "Anfragen", "lichtfang"),
        offers=(
            Res(KNOW_HOW, "Fotografie für Öffentlichkeitsarbeit", topic="Fotografie"),
            Res(PUBLICITY, "Bilder für Projektberichte"),
        ),
        needs=(Res(NETWORK, "Auftraggeber aus Kultur und Verwaltung"),),
    ),
    DemoActor(
        key="podcast-taltoene",
        name="Podcast-Kollektiv Taltöne (fiktiv)",
        sector=Sector.CREATIVE,
        legal_form=LegalForm.INFORMAL,
        short_description="Ein Podcast über Menschen und Orte in Musterstadt.",
        goals="Geschichten aus dem Viertel erzählen.",
        limits="Nebenher; neue Folgen unregelmäßig.",
        topics=("Kreativwirtschaft", "Kultur", "Digitalisierung"),
        capacity=2,
        street="Gartenstraße",
        number=20,
        contact=("Team", "Redaktion", "taltoene"),
        needs=(
            Res(SPACE, "Ruhiger Aufnahmeraum, stundenweise", area_m2=10),
            Res(PUBLICITY, "Hörerinnen und Hörer im Viertel"),
        ),
    ),
    # --- civil society -------------------------------------------------------------------------
    DemoActor(
        key="ladenleben",
        name="Initiative Ladenleben Talviertel",
        sector=Sector.CIVIL_SOCIETY,
        legal_form=LegalForm.INFORMAL,
        short_description="Nachbarinnen, Studierende und Kreative, die leere Läden mit "
        "Pop-up-Läden, Ausstellungen und Reparaturtagen beleben.",
        goals="Leere Schaufenster in der Marktgasse beleben und zeigen, was im Viertel steckt.",
        limits="Keine Rechtsform, kein Konto; alle arbeiten ehrenamtlich neben Job oder Studium.",
        topics=("Leerstand", "Zwischennutzung", "Kultur", "Nachbarschaft", "Ehrenamt"),
        capacity=20,
        street="Talplatz",
        number=8,
        contact=("Koordination", "Sprecherteam der Initiative", "ladenleben"),
        offers=(
            Res(STAFF, "20 Freiwillige für Aufbau und Öffnungszeiten"),
            Res(KNOW_HOW, "Social Media und Veranstaltungen", topic="Öffentlichkeitsarbeit"),
        ),
        needs=(
            Res(SPACE, "Ladenlokal mit Schaufenster, 60–120 m², für 6 bis 12 Monate", area_m2=80),
            Res(MONEY, "Zuschuss für Nebenkosten und Material"),
            Res(
                KNOW_HOW,
                "Zwischennutzungsvertrag und Versicherung",
                topic="Zwischennutzungsverträge",
            ),
            Res(PUBLICITY, "Bekanntmachung der Eröffnung"),
        ),
    ),
    DemoActor(
        key="buergerverein",
        name="Bürgerverein Talviertel e.V.",
        sector=Sector.CIVIL_SOCIETY,
        legal_form=LegalForm.EV,
        short_description="Gibt die Stadtteilzeitung heraus und organisiert das Talfest.",
        goals="Das Talviertel lebenswert halten und den Bewohnerinnen und Bewohnern eine "
        "Stimme geben.",
        limits="Mitglieder werden älter; wenig Nachwuchs.",
        topics=("Nachbarschaft", "Ehrenamt", "Stadtentwicklung"),
        capacity=6,
        street="Kirchplatz",
        number=9,
        contact=("Vorstand", "Vereinsvorstand", "buergerverein"),
        offers=(
            Res(PUBLICITY, "Stadtteilzeitung „Talbote“, viermal im Jahr"),
            Res(STAFF, "Helfende für Feste im Viertel"),
        ),
        needs=(Res(SPACE, "Raum für Vereinstreffen, 30 m²", area_m2=30),),
    ),
    DemoActor(
        key="stadtlabor",
        name="Studentische Initiative Stadtlabor Talgrund (fiktiv)",
        sector=Sector.CIVIL_SOCIETY,
        legal_form=LegalForm.INFORMAL,
        short_description="Studierende, die mit Aktionen und Befragungen die Altstadt "
        "mitgestalten.",
        goals="Studierende in die Stadt holen und Ideen für leere Orte ausprobieren.",
        limits="Wechselnde Mitglieder; nach dem Studium ziehen viele weg.",
        topics=("Stadtentwicklung", "Leerstand", "Jugend", "Bildung"),
        capacity=10,
        street="Hochschulring",
        number=14,
        contact=("Koordination", "Sprecherteam", "stadtlabor"),
        offers=(
            Res(STAFF, "Aktionstage und Befragungen durch Studierende"),
            Res(KNOW_HOW, "Beteiligungsformate für junge Menschen", topic="Beteiligung"),
        ),
        needs=(
            Res(SPACE, "Projektraum in der Altstadt", area_m2=60),
            Res(KNOW_HOW, "Einen Verein gründen", topic="Vereinsgründung"),
        ),
    ),
    DemoActor(
        key="schuelerfirma-kiosk",
        name="Schülerfirma Marktkiosk (fiktiv)",
        sector=Sector.CIVIL_SOCIETY,
        legal_form=LegalForm.INFORMAL,
        short_description="Schülerinnen und Schüler betreiben an Markttagen einen Kiosk.",
        goals="Wirtschaften lernen und am Markt mitmachen.",
        limits="Nur an Markttagen und außerhalb der Prüfungszeit; jedes Jahr neues Team.",
        topics=("Jugend", "Bildung", "Einzelhandel"),
        capacity=4,
        street="Schulstraße",
        number=16,
        contact=("Team", "Betreuung durch die Schule", "marktkiosk"),
        needs=(
            Res(SPACE, "Verkaufsstand am Markt", area_m2=10),
            Res(KNOW_HOW, "Einfache Buchhaltung", topic="Buchhaltung"),
        ),
    ),
    DemoActor(
        key="jugendinitiative-talwaerts",
        name="Jugendinitiative Talwärts (fiktiv)",
        sector=Sector.CIVIL_SOCIETY,
        legal_form=LegalForm.INFORMAL,
        short_description="Jugendliche, die Konzerte und einen eigenen Treffpunkt "
        "organisieren wollen.",
        goals="Einen Ort für Jugendliche, der nicht nach 22 Uhr schließt.",
        limits="Alle unter 21; Verträge müssen Erwachsene unterschreiben.",
        topics=("Jugend", "Kultur"),
        capacity=6,
        street="Lindenallee",
        number=16,
        contact=("Team", "Ansprechstelle", "talwaerts"),
        needs=(
            Res(SPACE, "Treffpunkt für Jugendliche mit Bandraum", area_m2=60),
            Res(EQUIPMENT, "Verstärker und Schlagzeug"),
        ),
    ),
    DemoActor(
        key="reparaturcafe",
        name="Reparaturcafé Talviertel",
        sector=Sector.CIVIL_SOCIETY,
        legal_form=LegalForm.INFORMAL,
        short_description="Einmal im Monat reparieren Freiwillige gemeinsam mit Gästen "
        "Geräte, Räder und Kleidung.",
        goals="Weniger wegwerfen und Nachbarn zusammenbringen.",
        limits="Haftung ungeklärt; Werkzeug gehört den Freiwilligen.",
        topics=("Klima", "Nachbarschaft", "Ehrenamt"),
        capacity=5,
        street="Kirchplatz",
        number=7,
        contact=("Koordination", "Organisationsteam", "reparaturcafe"),
        offers=(Res(KNOW_HOW, "Reparieren von Geräten und Rädern", topic="Reparatur"),),
        needs=(Res(EQUIPMENT, "Werkbank und Messgeräte"),),
    ),
    DemoActor(
        key="imkerverein",
        name="Imkerverein Talgrund e.V. (fiktiv)",
        sector=Sector.CIVIL_SOCIETY,
        legal_form=LegalForm.EV,
        short_description="Hobby-Imkerinnen und -Imker mit Lehrbienenstand.",
        goals="Mehr Bienenweiden in der Stadt und Nachwuchs für die Imkerei.",
        limits="Bienenstände brauchen ruhige Flächen; keine Räume.",
        topics=("Klima", "Ehrenamt"),
        capacity=2,
        street="Am Bachufer",
        number=30,
        contact=("Vorstand", "Vereinsvorstand", "imker"),
        offers=(Res(KNOW_HOW, "Einführung in die Imkerei", topic="Imkerei"),),
        needs=(Res(SPACE, "Standplatz für Bienenvölker auf einer Brache", area_m2=50),),
    ),
    # --- start-ups -------------------------------------------------------------------------------
    DemoActor(
        key="talrad",
        name="Talrad Lastenradverleih (fiktiv)",
        sector=Sector.STARTUP,
        legal_form=LegalForm.OTHER,
        short_description="Verleih und Lieferdienst mit elektrischen Lastenrädern.",
        goals="Lieferungen in der Altstadt ohne Auto und ein tragfähiges Geschäft.",
        limits="Noch kein Gewinn; Abstellraum fehlt.",
        topics=("Klima", "Einzelhandel", "Digitalisierung"),
        capacity=4,
        street="Bahnhofstraße",
        number=12,
        contact=("Team", "Verleih und Lieferungen", "talrad"),
        offers=(Res(EQUIPMENT, "Drei Lastenräder für Veranstaltungen"),),
        needs=(
            Res(SPACE, "Abstellraum für Lastenräder", area_m2=40),
            Res(MONEY, "Überbrückung bis zum ersten Gewinn"),
        ),
    ),
    DemoActor(
        key="dorfdigital",
        name="Dorfdigital – Agentur für digitale Nachbarschaft (fiktiv)",
        sector=Sector.STARTUP,
        legal_form=LegalForm.GBR,
        short_description="Baut Websites und Onlineshops für kleine Läden und Vereine.",
        goals="Kleine Läden online sichtbar machen und in der Region bleiben.",
        limits="Zwei Gründer; Aufträge zu Festpreisen nur in Paketen.",
        topics=("Digitalisierung", "Einzelhandel"),
        capacity=5,
        street="Lindenallee",
        number=20,
        contact=("Büro", "Anfragen", "dorfdigital"),
        offers=(
            Res(KNOW_HOW, "Websites und Onlineshops für kleine Läden", topic="Digitalisierung"),
        ),
        needs=(
            Res(SPACE, "Coworking-Arbeitsplätze", area_m2=30),
            Res(NETWORK, "Kontakt zu Geschäften der Altstadt"),
        ),
    ),
    DemoActor(
        key="fuellgut",
        name="Füllgut Unverpackt (fiktiv)",
        sector=Sector.STARTUP,
        legal_form=LegalForm.OTHER,
        short_description="Unverpackt-Laden mit regionalen Lebensmitteln in der Marktgasse.",
        goals="Regional einkaufen ohne Verpackung, ein Treffpunkt für Nachhaltigkeit.",
        limits="Knappe Marge; der Laden ist erst drei Jahre alt.",
        topics=("Einzelhandel", "Klima"),
        capacity=2,
        street="Marktgasse",
        number=12,
        contact=("Ladenteam", "Laden und Lieferanten", "fuellgut"),
        needs=(
            Res(PUBLICITY, "Mehr Kundschaft aus dem Viertel"),
            Res(KNOW_HOW, "Förderanträge für Ladenumbau", topic="Förderanträge"),
        ),
    ),
    # --- foundations ---------------------------------------------------------------------------
    DemoActor(
        key="buergerstiftung",
        name="Bürgerstiftung Musterstadt",
        sector=Sector.FOUNDATION,
        legal_form=LegalForm.OTHER,
        short_description="Von Bürgerinnen und Bürgern getragene Stiftung für kleine "
        "Projekte im Stadtgebiet.",
        goals="Engagement vor Ort mit kleinen Beträgen unbürokratisch unterstützen.",
        limits="Nur Erträge des Stiftungskapitals; Anträge zweimal im Jahr.",
        topics=("Ehrenamt", "Nachbarschaft", "Soziales", "Bildung"),
        capacity=4,
        street="Kirchplatz",
        number=2,
        contact=("Geschäftsstelle", "Förderanfragen", "buergerstiftung"),
        offers=(
            Res(MONEY, "Förderung von Nachbarschaftsprojekten bis 3.000 € im Jahr (fiktiv)"),
            Res(NETWORK, "Kontakte zu Spenderinnen und Spendern"),
        ),
        needs=(Res(PUBLICITY, "Bekanntheit bei jungen Initiativen"),),
    ),
    DemoActor(
        key="stiftung-talgrund",
        name="Stiftung Talgrund für Kultur und Zusammenhalt (fiktiv)",
        sector=Sector.FOUNDATION,
        legal_form=LegalForm.OTHER,
        short_description="Regionale Förderstiftung für Kultur und sozialen Zusammenhalt.",
        goals="Modellprojekte fördern, die Kultur und Nachbarschaft verbinden.",
        limits="Fördert nur gemeinnützige Träger; Eigenanteil von 10 % nötig.",
        topics=("Kultur", "Soziales", "Kreativwirtschaft"),
        capacity=6,
        street="Lindenallee",
        number=30,
        contact=("Geschäftsstelle", "Programmleitung", "stiftung-talgrund"),
        offers=(
            Res(MONEY, "Projektförderung Kultur und Soziales bis 15.000 € (fiktiv)"),
            Res(KNOW_HOW, "Beratung vor der Antragstellung", topic="Förderanträge"),
        ),
        needs=(Res(NETWORK, "Zugang zu Initiativen im Quartier"),),
    ),
    # --- intermediaries -----------------------------------------------------------------------
    DemoActor(
        key="campusbuero",
        name="Campusbüro Talviertel (fiktiv)",
        sector=Sector.INTERMEDIARY,
        legal_form=LegalForm.EV,
        short_description="Vermittelt zwischen Hochschule, Stadt, Wohnungswirtschaft und "
        "Initiativen und begleitet Förderanträge.",
        goals="Studierende, Schulen und Initiativen mit Räumen, Geld und Partnern im Viertel "
        "zusammenbringen.",
        limits="Zwei halbe Stellen, befristet finanziert; kann selbst keine Räume vergeben.",
        topics=("Stadtentwicklung", "Bildung", "Zwischennutzung", "Kreativwirtschaft"),
        capacity=30,
        street="Marktgasse",
        number=16,
        contact=("Koordination", "Vermittlung und Förderberatung", "campusbuero"),
        offers=(
            Res(
                KNOW_HOW,
                "Förderanträge schreiben und Mittel treuhänderisch verwalten",
                topic="Förderanträge",
            ),
            Res(KNOW_HOW, "Verträge für Zwischennutzungen", topic="Zwischennutzungsverträge"),
            Res(NETWORK, "Brücke zwischen Hochschule, Stadt und Initiativen"),
        ),
        needs=(Res(MONEY, "Dauerhafte Finanzierung der Koordinationsstelle"),),
    ),
    DemoActor(
        key="quartiersmanagement",
        name="Quartiersmanagement Talviertel",
        sector=Sector.INTERMEDIARY,
        legal_form=LegalForm.OTHER,
        short_description="Im Auftrag der Stadt tätiges Quartiersbüro mit offener Sprechstunde.",
        goals="Bewohnerinnen und Bewohner beteiligen und soziale Träger vernetzen.",
        limits="Auftrag läuft bis Ende 2027; wenig eigenes Budget.",
        topics=("Nachbarschaft", "Soziales", "Stadtentwicklung"),
        capacity=20,
        street="Talplatz",
        number=1,
        contact=("Projektbüro", "Quartiersbüro", "quartiersbuero"),
        offers=(
            Res(NETWORK, "Stadtteilkonferenz und Kontakte zu sozialen Trägern"),
            Res(PUBLICITY, "Aushänge im Quartiersbüro und Newsletter"),
            Res(KNOW_HOW, "Aktivierende Nachbarschaftsarbeit", topic="Quartiersarbeit"),
        ),
        needs=(Res(STAFF, "Mitwirkende für die Stadtteilkonferenz"),),
    ),
    DemoActor(
        key="zwischenraum",
        name="Zwischenraum-Agentur Talgrund (fiktiv)",
        sector=Sector.INTERMEDIARY,
        legal_form=LegalForm.GBR,
        short_description="Vermittelt leere Läden an Kreative und Initiativen auf Zeit.",
        goals="Leerstand in Nutzung bringen, bevor Gebäude verfallen.",
        limits="Lebt von kleinen Vermittlungsaufträgen; Eigentümer entscheiden.",
        topics=("Leerstand", "Zwischennutzung", "Kreativwirtschaft"),
        capacity=8,
        street="Mühlenweg",
        number=2,
        contact=("Büro", "Vermittlung", "zwischenraum"),
        offers=(
            Res(
                KNOW_HOW, "Zwischennutzungsverträge und Übergabe", topic="Zwischennutzungsverträge"
            ),
            Res(NETWORK, "Überblick über leere Läden in der Altstadt"),
        ),
        needs=(Res(MONEY, "Honorar für Vermittlung"),),
    ),
    # --- churches ---------------------------------------------------------------------------
    DemoActor(
        key="ev-kirchengemeinde",
        name="Evangelische Kirchengemeinde Musterstadt-Tal (fiktiv)",
        sector=Sector.CHURCH,
        legal_form=LegalForm.PUBLIC_LAW,
        short_description="Kirchengemeinde mit Gemeindehaus und einem leeren Pfarrhaus am "
        "Kirchplatz.",
        goals="Kirchliche Gebäude für das Quartier öffnen und Nachbarschaft stiften.",
        limits="Gebäudeentscheidungen trifft der Gemeindekirchenrat; Denkmalschutz.",
        topics=("Nachbarschaft", "Soziales", "Leerstand"),
        capacity=6,
        street="Kirchplatz",
        number=1,
        contact=("Pfarrbüro", "Gemeindebüro", "ev-gemeinde"),
        offers=(
            Res(SPACE, "Gemeindesaal, 150 m², werktags", area_m2=150),
            Res(SPACE, "Leerstehendes Pfarrhaus Kirchplatz 3, 220 m²", area_m2=220),
        ),
        needs=(Res(NETWORK, "Partner für eine neue Nutzung des Pfarrhauses"),),
    ),
    DemoActor(
        key="kath-pfarrei",
        name="Katholische Pfarrei Heilige Familie Musterstadt (fiktiv)",
        sector=Sector.CHURCH,
        legal_form=LegalForm.PUBLIC_LAW,
        short_description="Kleine Pfarrei mit Jugendkeller und Mittagstisch.",
        goals="Ältere und Alleinstehende erreichen, Jugendliche einladen.",
        limits="Ein Pfarrer für mehrere Orte; vieles läuft ehrenamtlich.",
        topics=("Soziales", "Jugend", "Ehrenamt"),
        capacity=3,
        street="Mühlenweg",
        number=20,
        contact=("Pfarrbüro", "Gemeindebüro", "kath-pfarrei"),
        offers=(Res(SPACE, "Jugendkeller, 80 m², abends", area_m2=80),),
        needs=(Res(STAFF, "Helfende für den Mittagstisch"),),
    ),
    # --- state and federal bodies ---------------------------------------------------------------
    DemoActor(
        key="landesagentur",
        name="Landesagentur für Stadtumbau und Quartiere (fiktiv) – Regionalbüro",
        sector=Sector.PUBLIC_BODY,
        legal_form=LegalForm.PUBLIC_LAW,
        short_description="Berät Städte des Landes zu Städtebauförderung und Stadtumbau.",
        goals="Fördermittel dorthin bringen, wo sie Leerstand und Verfall aufhalten.",
        limits="Fördert nur Kommunen; Antragsfristen und Eigenanteile sind fest.",
        topics=("Stadtentwicklung", "Leerstand", "Wohnen"),
        capacity=4,
        street="Bahnhofstraße",
        number=20,
        contact=("Büro", "Regionalbetreuung", "landesagentur"),
        offers=(
            Res(MONEY, "Städtebauförderung für Kommunen (fiktives Programm)"),
            Res(KNOW_HOW, "Beratung zu Förderanträgen im Stadtumbau", topic="Förderanträge"),
        ),
        needs=(Res(NETWORK, "Gute Beispiele aus kleinen Städten"),),
    ),
    DemoActor(
        key="programmstelle-kleinstadt",
        name="Programmstelle Modellvorhaben Kleinstadt (fiktiv)",
        sector=Sector.PUBLIC_BODY,
        legal_form=LegalForm.PUBLIC_LAW,
        short_description="Betreut im Auftrag des Bundes Modellvorhaben in Klein- und "
        "Mittelstädten.",
        goals="Erproben, was kleinen Städten hilft, und das Wissen weitergeben.",
        limits="Modellvorhaben laufen drei Jahre; danach keine Anschlussfinanzierung.",
        topics=("Stadtentwicklung", "Digitalisierung", "Kreativwirtschaft"),
        capacity=3,
        street="Bahnhofstraße",
        number=22,
        contact=("Projektbüro", "Begleitforschung", "modellvorhaben"),
        offers=(
            Res(MONEY, "Modellvorhaben-Mittel für Kommunen (fiktiv)"),
            Res(NETWORK, "Austausch mit anderen Modellstädten"),
        ),
        needs=(Res(KNOW_HOW, "Wirkungsdaten aus dem Quartier", topic="Wirkungsmessung"),),
    ),
]

# Actors deliberately without any tie.
ISOLATED_KEYS = frozenset(
    {"ferienwohnungen-talhang", "modehaus-zeitlos", "podcast-taltoene", "imkerverein"}
)


class DemoTie(NamedTuple):
    source: str
    target: str
    kind: Tie.Kind
    origin: Tie.Origin
    since: str  # "YYYY-MM"
    status: Tie.Status = Tie.Status.CONFIRMED
    note: str = ""


COOP, FUND, RENT = Tie.Kind.COOPERATION, Tie.Kind.FUNDING, Tie.Kind.TENANCY
MEMBER, MENTOR, SUPPLY, OTHER = (
    Tie.Kind.MEMBERSHIP,
    Tie.Kind.MENTORING,
    Tie.Kind.SUPPLY,
    Tie.Kind.OTHER,
)
SELF, ALLIANCE = Tie.Origin.SELF_REPORTED, Tie.Origin.ALLIANCE
PROJECT, EVENT = Tie.Origin.PROJECT, Tie.Origin.EVENT
UNCONFIRMED, REJECTED = Tie.Status.UNCONFIRMED, Tie.Status.REJECTED

# fmt: off
TIES: list[DemoTie] = [
    # established cluster: administration, housing, owners, business, state bodies
    DemoTie("stadtplanungsamt", "wirtschaftsfoerderung", COOP, ALLIANCE, "2019-03",
            note="Arbeitsgruppe Innenstadt"),
    DemoTie("stadtplanungsamt", "ordnungsamt", COOP, PROJECT, "2021-05",
            note="Abstimmung zu Sondernutzungen in der Altstadt"),
    DemoTie("stadtplanungsamt", "talviertel-wohnen", COOP, ALLIANCE, "2018-09",
            note="Stadtentwicklungskonzept Talviertel"),
    DemoTie("wirtschaftsfoerderung", "werbegemeinschaft", COOP, ALLIANCE, "2017-04",
            note="Runder Tisch Altstadthandel"),
    DemoTie("baeckerei-kornblume", "werbegemeinschaft", MEMBER, SELF, "2012-01"),
    DemoTie("buchhandlung-seitenwind", "werbegemeinschaft", MEMBER, SELF, "2015-06"),
    DemoTie("gasthaus-talkrug", "werbegemeinschaft", MEMBER, SELF, "2010-03"),
    DemoTie("fuellgut", "werbegemeinschaft", MEMBER, SELF, "2023-02", UNCONFIRMED),
    DemoTie("hausverwaltung-talgrund", "fuellgut", RENT, SELF, "2023-01",
            note="Ladenlokal Marktgasse 12"),
    DemoTie("baeckerei-kornblume", "gasthaus-talkrug", SUPPLY, SELF, "2016-01",
            note="Brot und Kuchen für den Saalbetrieb"),
    DemoTie("talviertel-wohnen", "gruenes-tal", COOP, ALLIANCE, "2020-01",
            note="Gemeinsame Wohnungsmarktbeobachtung"),
    DemoTie("wirtschaftsfoerderung", "eigentuemer-marktgasse", COOP, PROJECT, "2023-03",
            note="Gespräche zur Wiedervermietung des Ladens"),
    DemoTie("wirtschaftsfoerderung", "hausverwaltung-talgrund", COOP, SELF, "2022-09"),
    DemoTie("hausverwaltung-talgrund", "eigentuemer-marktgasse", SUPPLY, SELF, "2019-01",
            note="Verwaltung der beiden Häuser"),
    DemoTie("landesagentur", "stadtplanungsamt", FUND, PROJECT, "2020-07",
            note="Städtebauförderung (fiktives Programm)"),
    DemoTie("programmstelle-kleinstadt", "stadtplanungsamt", FUND, PROJECT, "2024-01",
            note="Modellvorhaben Kleinstadt (fiktiv)"),
    DemoTie("landesagentur", "programmstelle-kleinstadt", COOP, SELF, "2022-11"),
    DemoTie("stadtplanungsamt", "kornspeicher", COOP, PROJECT, "2025-02", UNCONFIRMED,
            note="Sanierungsberatung Kornspeicher"),
    DemoTie("talviertel-wohnen", "baeckerei-kornblume", RENT, SELF, "2014-05",
            note="Ladenlokal Marktgasse 6"),
    DemoTie("wirtschaftsfoerderung", "dorfdigital", MENTOR, SELF, "2023-06",
            note="Gründungsberatung"),
    DemoTie("wirtschaftsfoerderung", "talrad", FUND, SELF, "2024-04",
            note="Gründungszuschuss der Stadt"),
    DemoTie("dorfdigital", "buchhandlung-seitenwind", SUPPLY, SELF, "2024-01",
            note="Onlineshop für den Bestellservice"),
    DemoTie("ordnungsamt", "werbegemeinschaft", COOP, EVENT, "2023-05", note="Altstadtfest"),
    DemoTie("talrad", "werbegemeinschaft", SUPPLY, SELF, "2024-07",
            note="Lieferdienst für Geschäfte der Altstadt"),
    DemoTie("dorfdigital", "werbegemeinschaft", MEMBER, SELF, "2024-03", REJECTED,
            note="Aufnahme nur für Geschäfte mit Ladenlokal"),
    # cultural and creative scene
    DemoTie("spindelhaus", "talbuehne", COOP, EVENT, "2016-09", note="Gemeinsames Sommerfestival"),
    DemoTie("spindelhaus", "filmclub-lichtspiel", RENT, SELF, "2019-10", note="Kinoabende im Saal"),
    DemoTie("linienwerk", "spindelhaus", MEMBER, SELF, "2017-02"),
    DemoTie("filmclub-lichtspiel", "spindelhaus", MEMBER, SELF, "2019-10"),
    DemoTie("fotostudio-lichtfang", "linienwerk", COOP, SELF, "2020-06",
            note="Gemeinsame Aufträge"),
    DemoTie("kollektiv-kleinformat", "linienwerk", COOP, SELF, "2022-03"),
    DemoTie("toepferei-scherbenglueck", "kollektiv-kleinformat", COOP, EVENT, "2023-09",
            note="Kunsthandwerkermarkt"),
    DemoTie("musikschule-talgrund", "talbuehne", COOP, PROJECT, "2019-04",
            note="Musiktheater mit Kindern"),
    DemoTie("ladenleben", "kollektiv-kleinformat", COOP, PROJECT, "2024-03",
            note="Schaufenster leerer Läden gestalten"),
    DemoTie("zwischenraum", "ladenleben", MENTOR, SELF, "2024-01",
            note="Beratung zu Zwischennutzungsverträgen"),
    DemoTie("zwischenraum", "kollektiv-kleinformat", COOP, SELF, "2023-04", UNCONFIRMED),
    DemoTie("hochschule-gestaltung", "kollektiv-kleinformat", MENTOR, SELF, "2021-10",
            note="Gründungsbegleitung für Absolventinnen und Absolventen"),
    DemoTie("stadtlabor", "hochschule-gestaltung", COOP, PROJECT, "2022-10"),
    DemoTie("stadtlabor", "ladenleben", COOP, PROJECT, "2024-03",
            note="Pop-up-Laden in der Marktgasse"),
    DemoTie("jugendinitiative-talwaerts", "spindelhaus", COOP, EVENT, "2023-06",
            note="Jugendkulturtag"),
    DemoTie("fotostudio-lichtfang", "spindelhaus", SUPPLY, SELF, "2021-03",
            note="Veranstaltungsfotos"),
    DemoTie("toepferei-scherbenglueck", "ladenleben", OTHER, SELF, "2024-05", UNCONFIRMED,
            note="Workshops im Pop-up-Laden"),
    DemoTie("musikschule-talgrund", "jugendinitiative-talwaerts", COOP, SELF, "2023-02", REJECTED,
            note="Bandraum – kam nicht zustande"),
    DemoTie("kornspeicher", "kollektiv-kleinformat", RENT, SELF, "2024-08", REJECTED,
            note="Atelier im Speicher – Mietvertrag kam nicht zustande"),
    # the Kulturamt brokers between the scene and the administration
    DemoTie("kulturamt", "spindelhaus", FUND, SELF, "2015-01", note="Jährlicher Zuschuss"),
    DemoTie("kulturamt", "talbuehne", FUND, PROJECT, "2019-01",
            note="Projektförderung Sommerfestival"),
    DemoTie("kulturamt", "stadtplanungsamt", COOP, ALLIANCE, "2021-01",
            note="Ämterrunde Innenstadt"),
    DemoTie("kulturamt", "wirtschaftsfoerderung", COOP, ALLIANCE, "2021-01",
            note="Ämterrunde Innenstadt"),
    DemoTie("kulturamt", "werbegemeinschaft", COOP, EVENT, "2022-12",
            note="Kulturnacht in der Altstadt"),
    DemoTie("kulturamt", "filmclub-lichtspiel", FUND, SELF, "2025-09", UNCONFIRMED),
    DemoTie("kulturamt", "musikschule-talgrund", FUND, SELF, "2014-08"),
    DemoTie("talbuehne", "ordnungsamt", COOP, SELF, "2022-06", REJECTED,
            note="Das Ordnungsamt genehmigt, kooperiert aber nicht"),
    # the campus office brokers between university, scene, social actors and housing
    DemoTie("hochschule-gestaltung", "campusbuero", COOP, SELF, "2019-10",
            note="Studienprojekte im Quartier"),
    DemoTie("hochschule-soziales", "campusbuero", COOP, SELF, "2020-04"),
    DemoTie("stadtplanungsamt", "campusbuero", FUND, SELF, "2021-01",
            note="Kofinanzierung der Koordinationsstelle"),
    DemoTie("campusbuero", "ladenleben", MENTOR, PROJECT, "2024-02",
            note="Förderantrag begleitet, Mittel treuhänderisch verwaltet"),
    DemoTie("campusbuero", "stadtlabor", MENTOR, SELF, "2022-11"),
    DemoTie("campusbuero", "talviertel-wohnen", COOP, PROJECT, "2023-05",
            note="Vermittlung leerer Erdgeschosse"),
    DemoTie("campusbuero", "gemeinschaftsschule", COOP, PROJECT, "2023-09",
            note="Projektwoche „Stadt der Zukunft“"),
    DemoTie("campusbuero", "schuelerfirma-kiosk", MENTOR, SELF, "2025-09", UNCONFIRMED),
    DemoTie("campusbuero", "mehrgenerationenhaus", COOP, EVENT, "2024-04",
            note="Digitalsprechstunde mit Studierenden"),
    DemoTie("campusbuero", "kulturamt", COOP, SELF, "2022-02"),
    # social and educational actors
    DemoTie("sozialwerk-talgrund", "mehrgenerationenhaus", COOP, SELF, "2017-03"),
    DemoTie("seniorenhilfe-talgrund", "mehrgenerationenhaus", COOP, SELF, "2018-05"),
    DemoTie("mehrgenerationenhaus", "reparaturcafe", RENT, SELF, "2021-09",
            note="Raumnutzung jeden ersten Samstag"),
    DemoTie("buergerverein", "mehrgenerationenhaus", COOP, SELF, "2016-01"),
    DemoTie("ev-kirchengemeinde", "mehrgenerationenhaus", RENT, SELF, "2015-10",
            note="Räume im Gemeindehaus Kirchplatz 5"),
    DemoTie("ev-kirchengemeinde", "kath-pfarrei", COOP, SELF, "2010-01",
            note="Ökumenischer Besuchsdienst"),
    DemoTie("kath-pfarrei", "seniorenhilfe-talgrund", OTHER, SELF, "2019-02",
            note="Gemeinsamer Mittagstisch einmal im Monat"),
    DemoTie("jugend-soziales", "sozialwerk-talgrund", FUND, SELF, "2016-01",
            note="Offene Jugendarbeit"),
    DemoTie("sozialwerk-talgrund", "gemeinschaftsschule", COOP, SELF, "2020-09",
            note="Schulsozialarbeit"),
    DemoTie("grundschule-talbach", "gemeinschaftsschule", COOP, SELF, "2018-08",
            note="Übergang in die weiterführende Schule"),
    DemoTie("berufsschule-talgrund", "gemeinschaftsschule", COOP, SELF, "2021-02",
            note="Berufsorientierung"),
    DemoTie("gemeinschaftsschule", "schuelerfirma-kiosk", MENTOR, SELF, "2022-08",
            note="Eine Lehrkraft begleitet die Schülerfirma"),
    DemoTie("hochschule-soziales", "sozialwerk-talgrund", COOP, SELF, "2019-09",
            note="Praxissemester"),
    DemoTie("buergerstiftung", "buergerverein", FUND, SELF, "2022-05",
            note="Druck der Stadtteilzeitung"),
    DemoTie("buergerstiftung", "reparaturcafe", FUND, SELF, "2023-03"),
    DemoTie("buergerstiftung", "grundschule-talbach", FUND, SELF, "2025-10", UNCONFIRMED,
            note="Leseförderung"),
    DemoTie("quartiersmanagement", "sozialwerk-talgrund", COOP, ALLIANCE, "2021-06",
            note="Stadtteilkonferenz"),
    DemoTie("quartiersmanagement", "buergerverein", COOP, ALLIANCE, "2021-06",
            note="Stadtteilkonferenz"),
    DemoTie("berufsschule-talgrund", "reparaturcafe", COOP, EVENT, "2023-10",
            note="Auszubildende reparieren mit"),
    DemoTie("jugend-soziales", "kath-pfarrei", FUND, SELF, "2020-03",
            note="Zuschuss für den Jugendkeller"),
    # the few other bridges between the clusters
    DemoTie("stadtplanungsamt", "quartiersmanagement", FUND, SELF, "2021-04",
            note="Beauftragung des Quartiersmanagements"),
    DemoTie("jugendinitiative-talwaerts", "sozialwerk-talgrund", COOP, SELF, "2023-03",
            note="Treffen im Jugendtreff"),
    DemoTie("gruenes-tal", "seniorenhilfe-talgrund", COOP, SELF, "2025-11", UNCONFIRMED,
            note="Besuchsdienst in der Genossenschaft"),
    DemoTie("stiftung-talgrund", "spindelhaus", FUND, PROJECT, "2022-01",
            note="Modellprojekt Kultur im Quartier"),
    DemoTie("stiftung-talgrund", "mehrgenerationenhaus", FUND, PROJECT, "2023-01"),
    DemoTie("stiftung-talgrund", "campusbuero", COOP, SELF, "2023-06"),
    DemoTie("stiftung-talgrund", "ladenleben", FUND, SELF, "2026-09", UNCONFIRMED,
            note="Antrag über das Campusbüro als Träger"),
]
# fmt: on


def _since(value: str) -> date:
    year, month = value.split("-")
    return date(int(year), int(month), 1)


def _answered_at(tie: DemoTie) -> datetime | None:
    if tie.status == Tie.Status.UNCONFIRMED:
        return None
    return datetime.combine(_since(tie.since) + timedelta(days=14), datetime.min.time(), UTC)


@transaction.atomic
def load_demo_actors() -> tuple[int, int]:
    """Fills the fictional neighbourhood with actors, offers and needs, contacts, ties and
    two demo members. Idempotent: a second run changes nothing but the timestamps."""
    neighbourhood = load_demo_neighbourhood()
    for field, value in NEIGHBOURHOOD_PROFILE.items():
        setattr(neighbourhood, field, value)
    neighbourhood.boundary = boundary_polygon()
    neighbourhood.save()

    topics = _ensure_topics()
    actors = _ensure_actors()
    _link_topics_and_neighbourhood(actors, topics, neighbourhood)
    _sync_resources(actors, neighbourhood)
    _sync_contacts(actors)
    _sync_ties(actors)
    _ensure_demo_members(actors, neighbourhood)
    return len(ACTORS), len(TIES)


def _ensure_topics() -> dict[str, Topic]:
    wanted = {name: slugify(name) for name in TOPICS}
    existing = {
        t.name: t
        for t in Topic.objects.filter(name__in=wanted.keys())
        | Topic.objects.filter(slug__in=wanted.values())
    }
    by_slug = {t.slug: t for t in existing.values()}
    topics = {}
    for name, slug in wanted.items():
        topic = existing.get(name) or by_slug.get(slug)
        if topic is None:
            topic = Topic.objects.create(name=name, slug=slug)
        topics[name] = topic
    return topics


def _ensure_actors() -> dict[str, Actor]:
    existing = {a.slug: a for a in Actor.objects.filter(slug__in=[s.slug for s in ACTORS])}
    new: list[Actor] = []
    changed: list[Actor] = []
    for spec in ACTORS:
        actor = existing.get(spec.slug) or Actor(slug=spec.slug)
        latitude, longitude = street_position(spec.street, spec.number)
        actor.name = spec.name
        actor.short_description = spec.short_description
        actor.sector = spec.sector
        actor.department = spec.department
        actor.legal_form = spec.legal_form
        actor.goals = spec.goals
        actor.limits = spec.limits
        actor.capacity_hours_per_month = spec.capacity
        actor.street = f"{spec.street} {spec.number}"
        actor.postcode = POSTCODE
        actor.city = CITY
        actor.latitude, actor.longitude = latitude, longitude
        actor.website = spec.website
        actor.visibility = Visibility.PUBLIC
        derive_established(actor)
        (changed if actor.pk else new).append(actor)
    Actor.objects.bulk_create(new)
    Actor.objects.bulk_update(changed, TRACKED_FIELDS)
    by_slug = {a.slug: a for a in [*new, *changed]}
    if any(a.pk is None for a in new):  # backends that do not return keys on bulk insert
        by_slug = {a.slug: a for a in Actor.objects.filter(slug__in=by_slug)}
    return {spec.key: by_slug[spec.slug] for spec in ACTORS}


def _link_topics_and_neighbourhood(
    actors: dict[str, Actor], topics: dict[str, Topic], neighbourhood: Neighbourhood
) -> None:
    topic_links = Actor.topics.through
    place_links = Actor.neighbourhoods.through
    ids = [a.pk for a in actors.values()]
    topic_links.objects.filter(actor_id__in=ids).delete()
    topic_links.objects.bulk_create(
        [
            topic_links(actor_id=actors[spec.key].pk, topic_id=topics[name].pk)
            for spec in ACTORS
            for name in spec.topics
        ]
    )
    place_links.objects.bulk_create(
        [place_links(actor_id=pk, neighbourhood_id=neighbourhood.pk) for pk in ids],
        ignore_conflicts=True,
    )


def _sync_resources(actors: dict[str, Actor], neighbourhood: Neighbourhood) -> None:
    """Makes the demo actors' offers and needs exactly those listed, keeping unchanged rows."""
    existing = {
        (r.actor_id, r.direction, r.kind, r.note): r
        for r in Resource.objects.filter(actor__in=actors.values())
    }
    keep, new, changed = set(), [], []
    for spec in ACTORS:
        actor = actors[spec.key]
        listed = [(Resource.Direction.OFFER, r) for r in spec.offers] + [
            (Resource.Direction.NEED, r) for r in spec.needs
        ]
        for direction, res in listed:
            key = (actor.pk, direction.value, res.kind.value, res.note)
            resource = existing.get(key) or Resource(
                actor=actor, direction=direction, kind=res.kind, note=res.note
            )
            resource.topic = res.topic
            resource.area_m2 = res.area_m2
            resource.neighbourhood = neighbourhood if res.kind == ResourceKind.SPACE else None
            if resource.pk:
                keep.add(resource.pk)
                changed.append(resource)
            else:
                new.append(resource)
    Resource.objects.filter(actor__in=actors.values()).exclude(pk__in=keep).delete()
    Resource.objects.bulk_update(changed, ["topic", "area_m2", "neighbourhood"])
    Resource.objects.bulk_create(new)


def _sync_contacts(actors: dict[str, Actor]) -> None:
    existing = {
        (c.actor_id, c.name): c for c in ContactPerson.objects.filter(actor__in=actors.values())
    }
    keep, new, changed = set(), [], []
    for spec in ACTORS:
        actor = actors[spec.key]
        name, role, mailbox = spec.contact
        contact = existing.get((actor.pk, name)) or ContactPerson(actor=actor, name=name)
        contact.role = role
        contact.email = f"{mailbox}@{MAIL_DOMAIN}"
        contact.phone = ""
        contact.public_consent = True
        if contact.pk:
            keep.add(contact.pk)
            changed.append(contact)
        else:
            new.append(contact)
    ContactPerson.objects.filter(actor__in=actors.values()).exclude(pk__in=keep).delete()
    ContactPerson.objects.bulk_update(changed, ["role", "email", "phone", "public_consent"])
    ContactPerson.objects.bulk_create(new)


def _sync_ties(actors: dict[str, Actor]) -> None:
    """Creates or resets the listed ties; other ties between demo actors (made while trying
    the demo) are left alone."""
    ids = [a.pk for a in actors.values()]
    existing: dict[tuple[int, int, str], Tie] = {}
    for tie in Tie.objects.filter(source_id__in=ids, target_id__in=ids).order_by("pk"):
        existing.setdefault((tie.source_id, tie.target_id, tie.kind), tie)
    new: list[Tie] = []
    changed: list[Tie] = []
    for spec in TIES:
        source, target = actors[spec.source], actors[spec.target]
        tie = existing.get((source.pk, target.pk, spec.kind.value)) or Tie(
            source=source, target=target, kind=spec.kind
        )
        tie.directed = spec.kind in DIRECTED_KINDS
        tie.origin = spec.origin
        tie.since = _since(spec.since)
        tie.until = None
        tie.status = spec.status
        tie.note = spec.note
        tie.claimed_by = source
        tie.answered_at = _answered_at(spec)
        (changed if tie.pk else new).append(tie)
    Tie.objects.bulk_update(
        changed,
        ["directed", "origin", "since", "until", "status", "note", "claimed_by", "answered_at"],
    )
    Tie.objects.bulk_create(new)


def _ensure_demo_members(actors: dict[str, Actor], neighbourhood: Neighbourhood) -> None:
    password = settings.DEMO_ADMIN_PASSWORD
    for email, last_name, actor_key in [
        (INITIATIVE_USER_EMAIL, "Initiative Ladenleben", "ladenleben"),
        (HOUSING_USER_EMAIL, "Talviertel Wohnen", "talviertel-wohnen"),
    ]:
        user, _created = ensure_demo_member(email, last_name, password)
        Membership.objects.update_or_create(
            user=user, actor=actors[actor_key], defaults={"role": Membership.Role.ADMIN}
        )
    admin = User.objects.filter(email=settings.DEMO_ADMIN_EMAIL).first()
    if admin is None:
        admin, _created = ensure_demo_admin(settings.DEMO_ADMIN_EMAIL, password)
    neighbourhood.managers.add(admin)

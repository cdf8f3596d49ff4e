"""Importing a municipal vacancy list (Leerstandsliste) as places.

A row becomes a place: kind, status, address, position, area, rent, period, features,
possible uses, neighbourhood (by name, or the one whose boundary contains the position) and
owner actor (by name). Rows with an identifier ("Kennung") that was imported before for the
same neighbourhood update that place – only the cells that are filled in change it – if the
person importing may change it; every other row adds a new place. The places' own rules
apply as in `places.services.save_place`: only members of an actor name it as owner, and
places remember since when they are vacant (`track_vacancy`).
"""

import copy
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy, pgettext_lazy

from quartier.actors.models import Actor
from quartier.core.history import snapshot
from quartier.imports.importers import (
    BATCH_SIZE,
    POSITION_TARGETS,
    CheckResult,
    ChoiceLookup,
    Importer,
    NeighbourhoodLookup,
    Problem,
    RowProblems,
    Target,
    boolean,
    choice,
    choice_list,
    decimal,
    normalise,
    plain_text,
    postcode,
    text,
    whole_number,
)
from quartier.imports.models import PlaceKey
from quartier.imports.place_keys import remember_place_keys
from quartier.imports.report import issue
from quartier.imports.vacancy_values import (
    NeighbourhoodAreas,
    a_date,
    area,
    rent,
)
from quartier.neighbourhoods.models import Neighbourhood
from quartier.places.models import (
    Condition,
    Feature,
    Place,
    PlaceKind,
    PlaceStatus,
    Use,
)
from quartier.places.services import (
    PLACE_FIELDS,
    PlaceWrite,
    save_places,
)

KIND_NAMES: dict[str, tuple[str, ...]] = {
    PlaceKind.SHOP: ("Laden", "Ladenlokal", "Ladengeschäft", "Geschäft", "Einzelhandel"),
    PlaceKind.OFFICE: ("Büro", "Büroraum", "Büroräume", "Praxis", "Büro/Praxis"),
    PlaceKind.HALL: ("Halle", "Lagerhalle", "Werkhalle", "Gewerbehalle"),
    PlaceKind.BUILDING: ("Gebäude", "ganzes Gebäude", "Haus", "Wohn- und Geschäftshaus"),
    PlaceKind.APARTMENT: ("Wohnung",),
    PlaceKind.CHURCH: ("Kirche", "kirchliche Immobilie", "Gemeindehaus", "Pfarrhaus"),
    PlaceKind.SQUARE: ("Platz", "öffentlicher Platz", "Freiraum", "Freifläche"),
    PlaceKind.FALLOW: ("Brache", "Brachfläche", "Baulücke"),
    PlaceKind.OTHER: ("Sonstiges", "sonstige", "andere"),
}
STATUS_NAMES: dict[str, tuple[str, ...]] = {
    PlaceStatus.VACANT: ("leer", "Leerstand", "frei", "ungenutzt"),
    PlaceStatus.OFFERED: ("zu vermieten", "Angebot", "verfügbar"),
    PlaceStatus.INTERIM: ("Zwischennutzung", "zwischengenutzt"),
    PlaceStatus.PERMANENT: ("vermietet", "genutzt", "dauerhaft genutzt"),
    PlaceStatus.UNAVAILABLE: ("gesperrt", "nicht vermietbar"),
}
USE_NAMES: dict[str, tuple[str, ...]] = {
    Use.STUDIO: ("Atelier", "Ateliers"),
    Use.WORKSHOP: ("Werkstatt", "Makerspace"),
    Use.GALLERY: ("Galerie", "Ausstellung"),
    Use.EVENTS: ("Veranstaltungen", "Veranstaltung", "Kultur"),
    Use.COWORKING: ("Co-Working",),
    Use.OFFICE: ("Büro",),
    Use.POPUP: ("Pop-up", "Pop-up-Store", "Popup-Store"),
    Use.GASTRONOMY: ("Café", "Cafe"),
    Use.MEETING: ("Nachbarschaftstreff", "Treffpunkt", "Soziales"),
    Use.EDUCATION: ("Bildung", "Schulung"),
    Use.STORAGE: ("Lager", "Lagerraum"),
    Use.REHEARSAL: ("Proberaum", "Probenraum"),
    Use.URBAN_PRODUCTION: ("urbane Produktion", "Produktion", "Manufaktur"),
    Use.HOUSING: ("gemeinschaftliches Wohnen", "Wohnen"),
}
CONDITION_NAMES: dict[str, tuple[str, ...]] = {
    Condition.READY: ("bezugsfertig", "gut", "sofort nutzbar"),
    Condition.MINOR: ("renovierungsbedürftig", "leicht renovierungsbedürftig"),
    Condition.MAJOR: ("sanierungsbedürftig", "stark renovierungsbedürftig"),
}
FEATURE_ALIASES: dict[str, tuple[str, ...]] = {
    Feature.GROUND_FLOOR: ("Erdgeschoss", "EG", "ebenerdig", "ground floor"),
    Feature.SHOP_WINDOW: ("Schaufenster", "shop window"),
    Feature.STEP_FREE: ("barrierefrei", "stufenlos", "barrierefreier Zugang", "step-free"),
    Feature.ACCESSIBLE_WC: ("barrierefreies WC", "Behinderten-WC", "accessible WC"),
    Feature.ELECTRICITY: ("Strom", "Stromanschluss", "electricity"),
    Feature.WATER: ("Wasser", "Wasseranschluss", "water"),
    Feature.HEATING: ("Heizung", "beheizt", "heating"),
    Feature.INTERNET: ("Internet", "Internetanschluss", "internet"),
}
KEY_LENGTH = 100


# --- the importer ----------------------------------------------------------------------------


@dataclass
class ImportedPlace:
    row: int
    place: Place
    key: str
    scope: int | None  # the neighbourhood the identifier belongs to
    before: dict[str, Any] | None  # the stored values of a place that is updated


BOOLEAN_HELP = pgettext_lazy("import help", "ja/nein, x, 1/0 or wahr/falsch; empty means no.")


class PlaceImporter(Importer):
    kind = "places"
    targets = (
        Target(
            "key",
            pgettext_lazy("column", "Identifier"),
            ("Kennung", "ID", "Objektnummer", "Objekt-Nr", "identifier"),
            "basic",
            help_text=pgettext_lazy(
                "import help",
                "Your list's own number for the place. Importing the list again updates the "
                "places with the same identifier in the same neighbourhood instead of adding "
                "them twice.",
            ),
        ),
        Target(
            "name",
            pgettext_lazy("column", "Name"),
            ("Bezeichnung", "Name", "Objekt", "Objektbezeichnung", "Titel", "title"),
            "basic",
            required=True,
        ),
        Target(
            "kind",
            pgettext_lazy("column", "Kind"),
            ("Art", "Objektart", "Typ", "kind", "type"),
            "basic",
            required=True,
            help_text=pgettext_lazy("import help", "E.g. Ladenlokal, Büro, Halle, Brachfläche."),
        ),
        Target(
            "status",
            pgettext_lazy("column", "Status"),
            ("Status", "status"),
            "basic",
            help_text=pgettext_lazy("import help", "Vacant when empty."),
        ),
        Target(
            "owner",
            pgettext_lazy("column", "Owning actor"),
            ("Eigentümer", "Eigentümerin", "Eigentümer/in", "Besitzer", "owner"),
            "basic",
            help_text=pgettext_lazy(
                "import help",
                "The name of a registered actor you act for; leave empty when unknown.",
            ),
        ),
        Target(
            "description",
            pgettext_lazy("column", "Description"),
            ("Bemerkung", "Bemerkungen", "Beschreibung", "Hinweise", "description", "remarks"),
            "basic",
        ),
        Target(
            "street",
            pgettext_lazy("column", "Street"),
            ("Straße", "Strasse", "Str", "Adresse", "Anschrift", "street"),
            "address",
            help_text=pgettext_lazy(
                "import help", "A street or a position is needed for every place."
            ),
        ),
        Target(
            "house_number",
            pgettext_lazy("column", "House number"),
            ("Hausnummer", "Hausnr", "house number"),
            "address",
        ),
        Target(
            "postcode",
            pgettext_lazy("column", "Postcode"),
            ("PLZ", "Postleitzahl", "postcode", "zip", "postal code"),
            "address",
        ),
        Target("city", pgettext_lazy("column", "City"), ("Ort", "Stadt", "city"), "address"),
        Target(
            "neighbourhood",
            pgettext_lazy("column", "Neighbourhood"),
            ("Quartier", "Stadtteil", "Ortsteil", "neighbourhood"),
            "address",
            help_text=pgettext_lazy(
                "import help",
                "Short name or name. When empty, the neighbourhood whose boundary contains "
                "the position.",
            ),
        ),
        *POSITION_TARGETS,
        Target(
            "area_m2",
            pgettext_lazy("column", "Area (m²)"),
            ("Fläche", "Nutzfläche", "Größe", "qm", "area"),
            "terms",
            required=True,
            help_text=pgettext_lazy(
                "import help", "A decimal comma is fine (1.234,5); rounded to whole m²."
            ),
        ),
        Target("rooms", pgettext_lazy("column", "Rooms"), ("Räume", "Zimmer", "rooms"), "terms"),
        Target(
            "rent_eur_month",
            pgettext_lazy("column", "Monthly rent (EUR)"),
            ("Miete", "Monatsmiete", "Kaltmiete", "rent"),
            "terms",
            help_text=pgettext_lazy(
                "import help", "In euros per month; “kostenfrei” or “gegen Nebenkosten” when free."
            ),
        ),
        Target(
            "available_from",
            pgettext_lazy("column", "Available from"),
            ("frei ab", "verfügbar ab", "ab", "available from"),
            "terms",
            help_text=pgettext_lazy(
                "import help", "E.g. 01.03.2026 or 2026-03-01; from today when empty."
            ),
        ),
        Target(
            "available_until",
            pgettext_lazy("column", "Available until"),
            ("frei bis", "verfügbar bis", "bis", "available until"),
            "terms",
            help_text=pgettext_lazy("import help", "Open-ended when empty."),
        ),
        Target(
            "vacant_since",
            pgettext_lazy("column", "Vacant since"),
            ("leer seit", "Leerstand seit", "vacant since"),
            "terms",
        ),
        Target(
            "condition",
            pgettext_lazy("column", "Condition"),
            ("Zustand", "condition"),
            "terms",
        ),
        Target(
            "use_approved",
            pgettext_lazy("column", "Use approved under planning law"),
            ("Nutzung genehmigt", "baurechtlich genehmigt", "Genehmigung", "use approved"),
            "terms",
            help_text=BOOLEAN_HELP,
        ),
        Target(
            "uses",
            pgettext_lazy("column", "Possible uses"),
            ("Nutzungen", "mögliche Nutzungen", "Nutzung", "uses"),
            "terms",
            help_text=pgettext_lazy(
                "import help", "Several separated by “;” or “,”, e.g. Atelier; Galerie."
            ),
        ),
        Target(
            "restrictions",
            pgettext_lazy("column", "Restrictions"),
            ("Einschränkungen", "Auflagen", "restrictions"),
            "terms",
        ),
        *(
            Target(feature.value, feature.label, FEATURE_ALIASES[feature], "features")
            for feature in Feature
        ),
    )
    feature_names = tuple(Feature.values)

    @classmethod
    def accepted_values(cls) -> list[tuple[Any, list[tuple[str, Any]]]]:
        return [
            (gettext_lazy("Kinds of places"), list(PlaceKind.choices)),
            (gettext_lazy("Statuses of places"), list(PlaceStatus.choices)),
            (gettext_lazy("Possible uses"), list(Use.choices)),
            (gettext_lazy("Conditions"), list(Condition.choices)),
        ]

    accepted_hint = gettext_lazy(
        "Kind, status, possible uses and condition may be written as key or as name; upper "
        "and lower case do not matter. Yes/no columns accept ja/nein, x, 1/0 and wahr/falsch."
    )

    def prepare(self) -> None:
        self.kinds = ChoiceLookup(PlaceKind.choices, KIND_NAMES)
        self.statuses = ChoiceLookup(PlaceStatus.choices, STATUS_NAMES)
        self.uses = ChoiceLookup(Use.choices, USE_NAMES)
        self.conditions = ChoiceLookup(Condition.choices, CONDITION_NAMES)
        self.neighbourhoods = NeighbourhoodLookup()
        self.areas = NeighbourhoodAreas() if "latitude" in self.mapping else None
        self.may_change: dict[int, bool] = {}
        self.may_name_owner: dict[int, bool] = {}

    def preload(self, rows: list[dict[str, str]]) -> None:
        """The owner actors and the places imported before that the rows name."""
        names = sorted({plain_text(r.get("owner", "").strip()) for r in rows} - {""})
        self.owners: dict[str, list[Actor]] = {}
        found: set[str] = set()
        for start in range(0, len(names), BATCH_SIZE):
            for actor in Actor.objects.filter(name__in=names[start : start + BATCH_SIZE]):
                self.owners.setdefault(actor.name.casefold(), []).append(actor)
                found.add(actor.name)
        for name in names:  # the rest in other upper and lower case, rare and few
            if name not in found and name.casefold() not in self.owners:
                self.owners[name.casefold()] = list(Actor.objects.filter(name__iexact=name)[:2])
        keys = sorted({r.get("key", "").strip() for r in rows} - {""})
        self.keys: dict[tuple[int | None, str], PlaceKey] = {}
        for start in range(0, len(keys), BATCH_SIZE):
            for entry in PlaceKey.objects.filter(
                key__in=keys[start : start + BATCH_SIZE]
            ).select_related("place__owner", "place__neighbourhood__municipality", "place__parent"):
                self.keys[(entry.neighbourhood_id, entry.key)] = entry
        self.neighbourhood_objects: dict[int, Neighbourhood] = {}

    def neighbourhood(self, pk: int | None) -> Neighbourhood | None:
        """The neighbourhood with its municipality, loaded once (for history and index)."""
        if pk is None:
            return None
        if not self.neighbourhood_objects:
            self.neighbourhood_objects = Neighbourhood.objects.select_related(
                "municipality"
            ).in_bulk()
        return self.neighbourhood_objects.get(pk)

    def clean_row(self, row: int, values: dict[str, str]) -> tuple[Any, RowProblems]:
        p = RowProblems()

        def get(name: str) -> str:
            return values.get(name, "")

        def filled(name: str) -> bool:
            return bool(get(name).strip())

        key = p.run("key", lambda: text(get("key"), KEY_LENGTH), "")
        data: dict[str, Any] = {}

        def take(name: str, convert: Any) -> None:
            """Converts a filled cell; an empty one leaves the field as it is."""
            if filled(name):
                value = p.run(name, convert)
                if not p.has(name):
                    data[name] = value

        take("name", lambda: text(get("name"), 200))
        take("kind", lambda: choice(get("kind"), self.kinds, "unknown_place_kind"))
        take("status", lambda: choice(get("status"), self.statuses, "unknown_place_status"))
        take("description", lambda: text(get("description"), None))
        street = p.run("street", lambda: text(get("street"), None), "")
        number = p.run("house_number", lambda: text(get("house_number"), 20), "")
        if street or number:
            full = " ".join(part for part in (street, number) if part)
            if len(full) > 200:
                p.add("street", Problem("too_long", length=len(full), limit=200))
            else:
                data["street"] = full
        take("postcode", lambda: postcode(get("postcode")))
        take("city", lambda: text(get("city"), 100))
        lat = p.run("latitude", lambda: decimal(get("latitude"), -90, 90))
        lon = p.run("longitude", lambda: decimal(get("longitude"), -180, 180))
        if (lat is None) != (lon is None) and not p.has("latitude", "longitude"):
            p.add("longitude" if lon is None else "latitude", Problem("position_incomplete"))
        elif lat is not None:
            data["latitude"], data["longitude"] = lat, lon
        take("area_m2", lambda: area(get("area_m2")))
        take("rooms", lambda: whole_number(get("rooms")))
        if filled("rooms") and data.get("rooms", 0) > 32767:
            p.add("rooms", Problem("not_a_whole_number", value=get("rooms")))
        take("rent_eur_month", lambda: rent(get("rent_eur_month")))
        for name in ("available_from", "available_until", "vacant_since"):
            take(name, partial(a_date, get(name)))
        take("condition", lambda: choice(get("condition"), self.conditions, "unknown_condition"))
        take("use_approved", lambda: bool(boolean(get("use_approved"))))
        take("uses", lambda: choice_list(get("uses"), self.uses, "unknown_use"))
        take("restrictions", lambda: text(get("restrictions"), None))
        features = {
            name: bool(p.run(name, partial(boolean, get(name))))
            for name in self.feature_names
            if name in self.mapping and filled(name)
        }

        neighbourhood_id = None
        if filled("neighbourhood"):
            neighbourhood_id = p.run("neighbourhood", lambda: self._neighbourhood(values))
        elif lat is not None and lon is not None and self.areas is not None:
            neighbourhood_id = self.areas.at(lat, lon)

        owner = None
        if filled("owner"):
            owner = p.run("owner", lambda: self._owner(get("owner")))

        entry = self.keys.get((neighbourhood_id, key)) if key else None
        stored = entry.place if entry else None
        if stored is not None and not self._may_change(stored):
            p.add("key", Problem("place_not_yours", value=key, name=stored.name))
        if p:
            return None, p

        if stored is None:
            place = Place(
                status=PlaceStatus.VACANT,
                available_from=timezone.localdate(),
                features=[],
                uses=[],
            )
            for name in ("name", "kind", "area_m2"):
                if name not in data:
                    p.add(name, Problem("required"))
            before = None
        else:
            place = copy.copy(stored)
            before = snapshot(stored, PLACE_FIELDS)
        for name, value in data.items():
            setattr(place, name, value)
        if features:
            place.features = [
                name
                for name in self.feature_names
                if features.get(name, name in (place.features or []))
            ]
        if neighbourhood_id is not None:
            place.neighbourhood = self.neighbourhood(neighbourhood_id)
        if owner is not None and owner.pk != place.owner_id:
            if not self._may_name_owner(owner):
                p.add("owner", Problem("owner_not_yours", value=owner.name))
            place.owner = owner
        if not place.street and place.latitude is None:
            p.add("street", Problem("address_or_position"))
        if (
            place.available_until
            and place.available_from
            and place.available_until < place.available_from
        ):
            p.add(
                "available_until",
                Problem("until_before_from", value=get("available_until").strip()),
            )
        if p:
            return None, p
        try:
            place.full_clean(
                exclude=["owner", "neighbourhood", "parent", "created_by"],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as error:
            p.from_validation(error, self.target_names(), "name")
            return None, p
        return ImportedPlace(row, place, key, neighbourhood_id, before), p

    def _neighbourhood(self, values: dict[str, str]) -> int:
        """By short name or name; a name several municipalities use is told apart by the
        city column."""
        value = values.get("neighbourhood", "").strip()
        city = values.get("city", "").strip()
        if city:
            candidates = self.neighbourhoods.by_name.get(normalise(f"{city} {value}"), set())
            if len(candidates) == 1:
                return next(iter(candidates))
        pk = self.neighbourhoods.by_slug.get(value.casefold())
        if pk is not None:
            return pk
        candidates = self.neighbourhoods.by_name.get(normalise(value), set())
        if len(candidates) > 1:
            raise Problem("ambiguous_neighbourhood", value=value)
        if not candidates:
            raise Problem("unknown_neighbourhood", value=value)
        return next(iter(candidates))

    def _owner(self, value: str) -> Actor:
        name = plain_text(value.strip())
        actors = self.owners.get(name.casefold(), [])
        exact = [a for a in actors if a.name == name]
        if len(exact) == 1:
            return exact[0]
        if len(actors) > 1:
            raise Problem("ambiguous_owner", value=name)
        if not actors:
            raise Problem("unknown_owner", value=name)
        return actors[0]

    def _may_change(self, place: Place) -> bool:
        if place.pk not in self.may_change:
            self.may_change[place.pk] = self.user.has_perm("places.change_place", place)
        return self.may_change[place.pk]

    def _may_name_owner(self, actor: Actor) -> bool:
        """As in places.services.save_place: nobody names an actor as owner on its behalf."""
        if actor.pk not in self.may_name_owner:
            self.may_name_owner[actor.pk] = self.user.has_perm("actors.change_actor", actor)
        return self.may_name_owner[actor.pk]

    def check_all(self, result: CheckResult, columns: dict[str, str]) -> None:
        """An identifier appears once per neighbourhood in the file."""
        column = columns.get("key", str(self.label_of("key")))
        first_row: dict[tuple[int | None, str], int] = {}
        bad: set[int] = set()
        for item in result.items:
            if not item.key:
                continue
            scope = (item.scope, item.key)
            if scope in first_row:
                result.error(
                    issue(item.row, column, "key_twice", value=item.key, first=first_row[scope])
                )
                bad.add(item.row)
            else:
                first_row[scope] = item.row
        if bad:
            result.items = [item for item in result.items if item.row not in bad]
        updated = sum(1 for item in result.items if item.before is not None)
        result.summary = {"created": len(result.items) - updated, "updated": updated}

    def update_fields(self) -> list[str]:
        """The fields an update writes: those the mapped columns fill, and what follows."""
        fields = {"vacant_since", "updated_at"}
        for name in self.mapping:
            if name in self.feature_names:
                fields.add("features")
            elif name == "house_number":
                fields.add("street")
            elif name in ("latitude", "longitude"):
                fields.update(("latitude", "longitude", "neighbourhood"))
            elif name != "key":
                fields.add(name)
        return sorted(fields)

    def save(self, items: list[ImportedPlace], job_label: str) -> int:
        writes = [PlaceWrite(item.place, item.before) for item in items]
        save_places(writes, by=self.user, source=job_label, update_fields=self.update_fields())
        remember_place_keys(
            [(item.place, item.scope, item.key) for item in items if item.before is None]
        )
        return len(items)

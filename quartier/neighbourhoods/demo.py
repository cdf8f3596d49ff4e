"""The fictional demo neighbourhood, and what every demo loader shares.

Everything in the demo is invented and marked as such. Its data lie in the files under
`quartier/<app>/demo_data/`: in the import formats (docs/imports.md) where one exists (CSV),
JSON otherwise. A date is never written as a date but as days from today – `-120` is 120
days ago, `30` in 30 days – and resolved when the demo is loaded, so that the demo means the
same on any day. The loaders write through the services (and importers), as a person would,
so that the demo proves the workflows and leaves a history."""

import csv
import datetime
import io
import json
import re
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

from quartier.accounts.models import User
from quartier.accounts.services import ensure_demo_admin
from quartier.neighbourhoods.models import Municipality, Neighbourhood
from quartier.neighbourhoods.services import (
    create_municipality,
    create_neighbourhood,
    update_neighbourhood,
)

DEMO_SLUG = "musterstadt-talviertel"
PACKAGE = Path(__file__).resolve().parent.parent
OFFSET = re.compile(r"^[+-]?\d+$")


def data_file(app: str, name: str) -> Path:
    return PACKAGE / app / "demo_data" / name


def read_json(app: str, name: str) -> Any:
    return json.loads(data_file(app, name).read_text(encoding="utf-8"))


def in_days(offset: int | str | None) -> datetime.date | None:
    """The day `offset` days from today; None for no offset."""
    if offset is None or offset == "":
        return None
    return timezone.localdate() + datetime.timedelta(days=int(offset))


def read_csv(app: str, name: str) -> list[list[str]]:
    text = data_file(app, name).read_text(encoding="utf-8")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def csv_for_import(rows: list[list[str]], date_columns: tuple[str, ...] = ()) -> bytes:
    """The rows as a CSV file for an importer, with the offsets in the named columns turned
    into dates (ISO 8601, which every import understands)."""
    wanted = [i for i, header in enumerate(rows[0]) if header in date_columns]
    resolved = [rows[0]]
    for row in rows[1:]:
        row = list(row)
        for i in wanted:
            if OFFSET.match(row[i].strip()):
                row[i] = str(in_days(row[i].strip()))
        resolved.append(row)
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\n").writerows(resolved)
    return out.getvalue().encode()


def demo_admin() -> User:
    """The demo administrator, who enters the demo data (created when missing)."""
    admin = User.objects.filter(email=settings.DEMO_ADMIN_EMAIL).first()
    if admin is None:
        admin, _created = ensure_demo_admin(settings.DEMO_ADMIN_EMAIL, settings.DEMO_ADMIN_PASSWORD)
    return admin


def load_demo_neighbourhood() -> Neighbourhood:
    """Creates the Talviertel of Musterstadt with its profile, or puts the profile back."""
    admin = demo_admin()
    data = read_json("neighbourhoods", "talviertel.json")
    town = data.pop("municipality")
    municipality = Municipality.objects.filter(name=town["name"]).first()
    if municipality is None:
        municipality = create_municipality(Municipality(**town), by=admin)
    neighbourhood = Neighbourhood.objects.filter(slug=data["slug"]).first()
    if neighbourhood is None:
        return create_neighbourhood(Neighbourhood(municipality=municipality, **data), by=admin)
    stored = {name: getattr(neighbourhood, name) for name in data}
    if stored != data or neighbourhood.municipality_id != municipality.pk:
        for name, value in data.items():
            setattr(neighbourhood, name, value)
        neighbourhood.municipality = municipality
        neighbourhood = update_neighbourhood(neighbourhood, by=admin)
    return neighbourhood

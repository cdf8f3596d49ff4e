"""Demo data of the funding area, loaded through the importer and the services, every date
relative to today: 30 programmes (example values, clearly marked), the fee-floor tables, the
minimal project records the grants need (the projects demo adopts them by slug) and three
grants in different states – one held by the Bürgerstiftung as trustee for the Initiative
Ladenleben, which has no legal form, with finance plan, draws, receipts and a drafted
Verwendungsnachweis."""

import csv
import io
import json
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings

from quartier.accounts.models import User
from quartier.accounts.services import ensure_demo_admin
from quartier.actors.models import Actor
from quartier.funding import csv_formats, grant_services, services
from quartier.funding.models import FeeFloor, FundingProgramme, Grant
from quartier.neighbourhoods.models import Neighbourhood

DATA = Path(__file__).resolve().parent / "data"
LICENCE = "Beispieldatensatz, CC0"
SOURCE = "https://www.foerderdatenbank.de/"


def _programmes_csv(today: date) -> bytes:
    """The demo programmes (data/demo_programmes.jsonl) as the import CSV, with the fixed
    deadlines counted from today and "zuletzt geprüft" a few weeks back (one a year back,
    to show the warning)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=csv_formats.PROGRAMME_COLUMNS, delimiter=";")
    writer.writeheader()
    lines = (DATA / "demo_programmes.jsonl").read_text(encoding="utf-8").splitlines()
    for spec in (json.loads(line) for line in lines if line.strip()):
        deadline = spec.pop("deadline")
        row = {key: _cell(value) for key, value in spec.items()}
        row["deadline_kind"] = deadline["kind"]
        if deadline["kind"] == "fixed":
            first = today + timedelta(days=deadline["days_from_today"])
            row["deadline_dates"] = (
                f"{first.isoformat()};{(first + timedelta(days=182)).isoformat()}"
            )
        elif deadline["kind"] == "yearly":
            row["deadline_month"], row["deadline_day"] = (
                str(deadline["month"]),
                str(deadline["day"]),
            )
        stale = spec["slug"] == "alte-pruefung"
        row["checked_on"] = (
            today - timedelta(days=400 if stale else 20 + len(spec["slug"]))
        ).isoformat()
        row.update(
            summary=_summary(spec["title"], spec["funder_name"]),
            draw_window_days="42",
            source_url=SOURCE,
            licence=LICENCE,
            is_example="ja",
        )
        writer.writerow(row)
    return out.getvalue().encode("utf-8")


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nein"
    return "" if value is None else str(value)


def _summary(title: str, funder: str) -> str:
    return (
        f"Beispieldatensatz: „{title}“ von {funder} zeigt, wie der Förderlotse Programme "
        "beschreibt. Beträge, Quoten und Fristen sind erfundene, aber realistische Werte."
    )


def _actor(key: str) -> Actor:
    return Actor.objects.get(slug=f"musterstadt-{key}")


def load_demo_funding() -> tuple[int, int]:
    """Idempotent; needs the demo actors. Returns (programmes, grants)."""
    today = date.today()
    admin, _created = ensure_demo_admin(settings.DEMO_ADMIN_EMAIL, settings.DEMO_ADMIN_PASSWORD)
    report = services.import_programmes(_programmes_csv(today), by=admin)
    if not report.ok:
        raise RuntimeError(f"demo programmes: {[(e.row, e.messages) for e in report.errors]}")
    for table in json.loads((DATA / "fee_floors.json").read_text(encoding="utf-8"))["tables"]:
        services.load_fee_floor_table(table, by=admin)
    neighbourhood = Neighbourhood.objects.filter(slug="musterstadt-talviertel").first()
    hoods = [neighbourhood] if neighbourhood else []
    initiative, trustee = _actor("ladenleben"), _actor("buergerstiftung")
    verein, kollektiv = _actor("buergerverein"), _actor("kollektiv-kleinformat")
    galerie = services.ensure_project(
        "musterstadt-popup-galerie",
        title="Pop-up-Galerie Marktgasse",
        owners=[initiative],
        phase="trial",
        summary="Wechselnde Ausstellungen junger Kunst in einem leeren Laden der Marktgasse.",
        neighbourhoods=hoods,
        by=admin,
    )
    fest = services.ensure_project(
        "musterstadt-nachbarschaftsfest",
        title="Nachbarschaftsfest Talviertel",
        owners=[verein],
        phase="implementation",
        summary="Ein Fest für alle Nachbarinnen und Nachbarn auf dem Talplatz.",
        neighbourhoods=hoods,
        by=admin,
    )
    werkstatt = services.ensure_project(
        "musterstadt-kleinformat-werkstatt",
        title="Offene Werkstatt Kleinformat",
        owners=[kollektiv],
        phase="idea",
        summary="Eine offene Design- und Reparaturwerkstatt im Erdgeschoss.",
        neighbourhoods=hoods,
        by=admin,
    )
    profiles = [
        (
            galerie,
            initiative,
            False,
            ["kultur", "leerstand", "nachbarschaft"],
            "12000",
            "0",
            "1500",
        ),
        (fest, verein, True, ["nachbarschaft", "ehrenamt"], "4500", "500", "800"),
        (
            werkstatt,
            kollektiv,
            False,
            ["reparatur", "kreativwirtschaft", "umwelt"],
            "18000",
            "2000",
            "0",
        ),
    ]
    for project, applicant, non_profit, topics, costs, own, volunteer in profiles:
        services.save_funding_profile(
            project,
            by=admin,
            applicant=applicant,
            non_profit=non_profit,
            topics=topics,
            seat_region="DE-ST",
            region="DE-ST-15000000",
            total_costs=Decimal(costs),
            own_funds=Decimal(own),
            volunteer_value=Decimal(volunteer),
        )
    programmes = {
        p.slug: p
        for p in FundingProgramme.objects.filter(
            slug__in=["soziokultur-quartier", "nachbarschaftsfonds", "reparieren-statt-wegwerfen"]
        )
    }
    grants = 0
    if not Grant.objects.filter(project=galerie).exists():
        _trust_grant(galerie, programmes["soziokultur-quartier"], trustee, initiative, admin, today)
    grants += 1
    if not Grant.objects.filter(project=fest).exists():
        grant = grant_services.create_grant(
            fest,
            programmes["nachbarschaftsfonds"],
            applicant=verein,
            by=admin,
            requested_amount=Decimal("3000"),
        )
        grant_services.add_plan_line(
            grant,
            by=admin,
            category="rent",
            description="Bühne und Technik",
            amount=Decimal("2200"),
            due_on=today + timedelta(days=60),
        )
        grant_services.add_plan_line(
            grant,
            by=admin,
            category="publicity",
            description="Plakate und Flyer",
            amount=Decimal("800"),
            due_on=today + timedelta(days=40),
        )
        grant_services.add_income_line(
            grant, by=admin, kind="grant", description="Nachbarschaftsfonds", amount=Decimal("3000")
        )
        grant_services.advance_grant(grant, "submit", by=admin)
    grants += 1
    if not Grant.objects.filter(project=werkstatt).exists():
        grant = grant_services.create_grant(
            werkstatt,
            programmes["reparieren-statt-wegwerfen"],
            applicant=trustee,
            initiative=kollektiv,
            by=admin,
        )
        grant_services.add_plan_line(
            grant,
            by=admin,
            category="investment",
            description="Werkzeug und Werkbänke",
            amount=Decimal("9000"),
            due_on=today + timedelta(days=90),
        )
    grants += 1
    return FundingProgramme.objects.filter(is_example=True).count(), grants


def _trust_grant(
    project: Any,
    programme: FundingProgramme,
    trustee: Actor,
    initiative: Actor,
    admin: User,
    today: date,
) -> Grant:
    """Approved four months ago, running: finance plan with honoraria at the fee floor, two
    draws under the draw rule, a dozen receipts, volunteer hours and a drafted Sachbericht."""
    start = today - timedelta(days=120)
    grant = grant_services.create_grant(
        project,
        programme,
        applicant=trustee,
        initiative=initiative,
        by=admin,
        requested_amount=Decimal("10800"),
    )
    floor = FeeFloor.objects.filter(
        table__issuer__contains="BFDK", unit="day", with_ksk=True
    ).first()
    lines = {
        "honorare": grant_services.add_plan_line(
            grant,
            by=admin,
            category="honoraria",
            description="Honorare Künstler*innen (Workshoptage)",
            fee_floor=floor,
            quantity=Decimal("16"),
            rate=floor.amount if floor else Decimal("230"),
            due_on=start + timedelta(days=60),
        ),
        "miete": grant_services.add_plan_line(
            grant,
            by=admin,
            category="rent",
            description="Miete Ladenlokal Marktgasse",
            amount=Decimal("4200"),
            due_on=start + timedelta(days=10),
        ),
        "material": grant_services.add_plan_line(
            grant,
            by=admin,
            category="material",
            description="Ausstellungsmaterial",
            amount=Decimal("1400"),
            due_on=start + timedelta(days=20),
        ),
        "werbung": grant_services.add_plan_line(
            grant,
            by=admin,
            category="publicity",
            description="Plakate und Website",
            amount=Decimal("720"),
            due_on=today + timedelta(days=150),
        ),
    }
    costs = sum((line.amount for line in lines.values()), Decimal("0"))
    own = Decimal("1200")
    grant_services.add_income_line(
        grant,
        by=admin,
        kind="grant",
        description="Soziokultur im Quartier",
        amount=costs - own - Decimal("300"),
    )
    grant_services.add_income_line(
        grant, by=admin, kind="own_funds", description="Spenden der Nachbarschaft", amount=own
    )
    volunteer = grant_services.add_income_line(
        grant,
        by=admin,
        kind="volunteer",
        description="Aufsicht der Galerie",
        hourly_value=Decimal("15"),
    )
    for n, (person, hours) in enumerate(
        [("Kim", "4"), ("Jona", "6"), ("Aylin", "5"), ("Kim", "5")]
    ):
        grant_services.add_volunteer_time(
            volunteer,
            by=admin,
            person=person,
            worked_on=start + timedelta(days=14 + 7 * n),
            hours=Decimal(hours),
            activity="Aufsicht und Führungen",
        )
    grant_services.advance_grant(grant, "submit", by=admin)
    grant = grant_services.record_decision(
        grant,
        by=admin,
        approved_amount=costs - own - Decimal("300"),
        period_start=start,
        period_end=start + timedelta(days=365),
        withheld_percent=Decimal("10"),
        conditions_text="Honoraruntergrenzen einhalten; Verwendungsnachweis drei Monate nach Ende.",
    )
    grant_services.advance_grant(grant, "start", by=admin)
    for days in (0, 25):
        limit = _limit(grant, start + timedelta(days=days))
        if limit:
            grant_services.request_draw(
                grant,
                limit,
                by=admin,
                today=start + timedelta(days=days),
                note="Mittelabruf nach Bedarf",
            )
    receipts = [
        (5, "Hausverwaltung Talviertel", "Miete Januar bis April", "4200.00", "miete"),
        (12, "Farbenhaus Musterstadt", "Wandfarbe und Leisten", "312.40", "material"),
        (15, "Druckerei am Markt", "Rahmen und Passepartouts", "486.95", "material"),
        (18, "Baumarkt Talbach", "Stellwände", "399.00", "material"),
        (31, "Mira Sommer", "Honorar Workshoptage 1–4", "920.00", "honorare"),
        (38, "Jonas Weber", "Honorar Workshoptage 5–8", "920.00", "honorare"),
        (45, "Lea Brandt", "Honorar Workshoptage 9–12", "920.00", "honorare"),
        (60, "Copyshop Campus", "Flyer Vernissage", "148.20", "werbung"),
        (74, "Getränkehandel Fuchs", "Getränke Vernissage (Eigenmittel)", "96.50", ""),
    ]
    for days, payee, purpose, amount, key in receipts:
        grant_services.add_receipt(
            grant,
            by=admin,
            paid_on=start + timedelta(days=days),
            payee=payee,
            purpose=purpose,
            amount=Decimal(amount),
            plan_line=lines[key] if key else None,
        )
    grant_services.add_receipt(
        grant,
        by=admin,
        kind="income",
        paid_on=start + timedelta(days=74),
        payee="Besucher*innen",
        purpose="Spenden Vernissage",
        amount=Decimal("210.00"),
    )
    grant_services.save_report_text(
        grant,
        "Die Pop-up-Galerie hat seit der Eröffnung sechs Ausstellungen junger Kunst gezeigt, zwölf "
        "Workshoptage mit Kindern aus dem Viertel angeboten und an 20 Nachmittagen geöffnet. "
        "Rund 900 Besuche; zwei Künstlerinnen haben danach ein eigenes Atelier im Viertel "
        "gefunden.",
        by=admin,
    )
    return grant


def _limit(grant: Grant, when: date) -> Decimal | None:
    from quartier.engines.eligibility import to_decimal
    from quartier.funding.selectors import ledger_of

    limit = ledger_of(Grant.objects.get(pk=grant.pk), when).limit
    return to_decimal(limit.may_draw) if limit and limit.may_draw else None

"""The Verwendungsnachweis of a grant with many receipts (target: 5,000 receipts < 5 s), on a
fresh SQLite database.

Prints JSON lines {"name", "value", "unit", "receipts", "load"}: loading the ledger with the
Belegliste, the PDF and the XLSX (each including the ledger), and the grant page (which sums
in the database). "cpu_seconds" is the process's CPU time (steadier than the wall clock on a
busy machine); "load" is the machine's one-minute load average at the end. Run with
`python benchmarks/funding_statement.py`; BENCH_RECEIPTS sets the number (default 5000)."""

import json
import os
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

RECEIPTS = int(os.environ.get("BENCH_RECEIPTS", "5000"))


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="quartier-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "quartier.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from quartier.accounts.models import User
    from quartier.actors.models import Actor
    from quartier.funding import grant_services, reports, services
    from quartier.funding.models import FundingProgramme, Receipt
    from quartier.funding.selectors import ledger_of

    call_command("migrate", verbosity=0)
    admin = User.objects.create_superuser(email="bench@example.org", password="x")  # noqa: S106
    trustee = Actor.objects.create(
        name="Träger", slug="traeger", sector="foundation", legal_form="ev"
    )
    initiative = Actor.objects.create(name="Initiative", slug="initiative", sector="civil_society")
    project = services.ensure_project("bench", title="Bench", owners=[initiative], by=admin)
    programme = FundingProgramme.objects.create(
        title="Programm",
        slug="programm",
        funder_name="Stiftung",
        funder="stiftung",
        trustee_allowed=True,
        checked_on=date.today(),
    )
    grant = grant_services.create_grant(
        project, programme, applicant=trustee, initiative=initiative, by=admin
    )
    lines = [
        grant_services.add_plan_line(
            grant,
            by=admin,
            category="material",
            description=f"Position {i}",
            amount=Decimal("100000"),
            due_on=date.today(),
        )
        for i in range(20)
    ]
    grant_services.add_income_line(
        grant, by=admin, kind="grant", description="Zuwendung", amount=Decimal("2000000")
    )
    grant_services.advance_grant(grant, "submit", by=admin)
    grant_services.record_decision(
        grant,
        by=admin,
        approved_amount=Decimal("2000000"),
        period_start=date.today(),
        period_end=date.today() + timedelta(days=365),
    )
    Receipt.objects.bulk_create(
        Receipt(
            grant=grant,
            number=n + 1,
            paid_on=date.today(),
            payee=f"Empfänger {n}",
            purpose="Sachkosten",
            amount=Decimal(f"{(n * 37) % 9000 + 1}.{n % 100:02d}"),
            plan_line=lines[n % 20],
        )
        for n in range(RECEIPTS)
    )
    start, cpu = time.perf_counter(), time.process_time()
    ledger = ledger_of(grant, date.today(), with_receipts=True)
    ledger_seconds = time.perf_counter() - start
    pdf = reports.statement_pdf(ledger)
    pdf_seconds, pdf_cpu = time.perf_counter() - start, time.process_time() - cpu
    start, cpu = time.perf_counter(), time.process_time()
    ledger = ledger_of(grant, date.today(), with_receipts=True)
    reports.statement_xlsx(ledger)
    xlsx_seconds, xlsx_cpu = time.perf_counter() - start, time.process_time() - cpu
    client = Client()
    client.force_login(admin)
    assert client.get(f"/foerderung/antrag/{grant.pk}/").status_code == 200  # warm up
    start = time.perf_counter()
    assert client.get(f"/foerderung/antrag/{grant.pk}/").status_code == 200
    page_ms = (time.perf_counter() - start) * 1000
    for name, value, unit, cpu_seconds in (
        ("funding_statement_ledger", round(ledger_seconds, 2), "s", None),
        ("funding_statement_pdf", round(pdf_seconds, 2), "s", round(pdf_cpu, 2)),
        ("funding_statement_xlsx", round(xlsx_seconds, 2), "s", round(xlsx_cpu, 2)),
        ("funding_grant_page", round(page_ms, 1), "ms", None),
    ):
        print(
            json.dumps(
                {
                    "name": name,
                    "value": value,
                    "unit": unit,
                    "receipts": RECEIPTS,
                    "target": "< 5 s" if unit == "s" else None,
                    "cpu_seconds": cpu_seconds,
                    "pdf_bytes": len(pdf),
                    "load": round(os.getloadavg()[0], 1),
                }
            )
        )


if __name__ == "__main__":
    main()

from datetime import date, timedelta
from decimal import Decimal

import icalendar
import pytest
from django.core import mail
from django.urls import reverse

from quartier.actors.tests.factories import ActorFactory, MembershipFactory
from quartier.core.testing import assert_queries_do_not_grow
from quartier.funding import services
from quartier.funding.csv_formats import programmes_csv
from quartier.funding.models import FundingProgramme, ProgrammeWatch
from quartier.funding.tests.factories import ProgrammeFactory


@pytest.mark.django_db
def test_the_navigator_filters_by_the_foerderdatenbank_facets(client):
    ProgrammeFactory(title="Kulturfonds Sachsen", regions="|DE-SN|", areas="|kultur-medien-sport|")
    ProgrammeFactory(
        title="Bundesprogramm Demokratie", regions="|DE|", areas="|gesundheit-soziales|"
    )
    ProgrammeFactory(
        title="Bayerischer Heimatfonds", regions="|DE-BY|", areas="|kultur-medien-sport|"
    )
    ProgrammeFactory(title="Entwurf", is_published=False)
    page = client.get(reverse("funding:list"), {"regions": "DE-SN", "areas": "kultur-medien-sport"})
    titles = [p.title for p in page.context["page"].object_list]
    assert titles == ["Kulturfonds Sachsen"]
    page = client.get(reverse("funding:list"), {"regions": "DE-SN"})  # nationwide ones apply too
    assert [p.title for p in page.context["page"].object_list] == [
        "Bundesprogramm Demokratie",
        "Kulturfonds Sachsen",
    ]
    assert "Entwurf" not in client.get(reverse("funding:list")).content.decode()


@pytest.mark.django_db
def test_a_record_older_than_a_year_carries_a_warning(client):
    old = ProgrammeFactory(checked_on=date.today() - timedelta(days=400))
    page = client.get(old.get_absolute_url()).content.decode()
    assert "vor mehr als einem Jahr" in page
    assert (
        "seit über einem Jahr nicht geprüft" in client.get(reverse("funding:list")).content.decode()
    )


@pytest.mark.django_db
def test_the_programme_list_needs_the_same_queries_for_few_and_many_programmes(client):
    assert_queries_do_not_grow(
        client, reverse("funding:list"), lambda n: ProgrammeFactory.create_batch(n)
    )


CSV_HEADER = (
    "slug;title;funder_name;funder;regions;own_share;deadline_kind;deadline_dates;checked_on\n"
)


@pytest.mark.django_db
def test_a_programme_csv_with_one_bad_row_imports_nothing_and_names_the_row(admin_user):
    data = (
        CSV_HEADER
        + "kultur-sn;Kulturfonds Sachsen;Kulturstiftung;land;DE-SN;10;fixed;01.03.2027;2026-11-01\n"
        + "kaputt;Kaputt;Stiftung;planet;DE;zehn;fixed;;2026-11-01\n"
    ).encode()
    report = services.import_programmes(data, by=admin_user)
    assert not report.ok and FundingProgramme.objects.count() == 0
    assert report.errors[0].row == 3
    assert "Spalte „own_share“: „zehn“ ist kein gültiger Wert." in report.errors[0].messages
    good = data.replace(b"planet;DE;zehn;fixed;;", b"bund;DE;0;rolling;;")
    report = services.import_programmes(good, by=admin_user)
    assert report.ok and report.written == 2
    saxony = FundingProgramme.objects.get(slug="kultur-sn")
    assert saxony.next_deadline == date(2027, 3, 1) and saxony.own_share == Decimal("10.00")
    exported = programmes_csv(FundingProgramme.objects.order_by("slug"))
    assert exported.splitlines()[2].startswith("kultur-sn;Kulturfonds Sachsen;")
    report = services.import_programmes(
        exported.encode(), by=admin_user
    )  # the export imports again
    assert report.ok and FundingProgramme.objects.count() == 2


@pytest.mark.django_db
def test_only_editors_curate_programmes(client, user):
    client.force_login(user)
    assert client.get(reverse("funding:programme_create")).status_code == 403
    assert client.get(reverse("funding:programme_import")).status_code == 403


@pytest.mark.django_db
def test_an_editor_creates_a_programme_through_the_form(admin_client):
    response = admin_client.post(
        reverse("funding:programme_create"),
        {
            "title": "Nachbarschaftsfonds",
            "funder_name": "Bürgerstiftung",
            "funder": "stiftung",
            "regions": ["DE-SN"],
            "legal_forms": ["ev"],
            "own_share": "10",
            "deadline_kind": "yearly",
            "deadline_month": "3",
            "deadline_day": "31",
            "draw_window_days": "42",
            "min_age_months": "0",
            "checked_on": date.today().isoformat(),
            "is_published": "on",
            "topics": "Kultur, Nachbarschaft",
        },
    )
    programme = FundingProgramme.objects.get()
    assert response.status_code == 302 and response["Location"] == programme.get_absolute_url()
    assert programme.regions == "|DE-SN|" and programme.topics == "|kultur|nachbarschaft|"
    assert programme.next_deadline is not None and programme.next_deadline.month == 3


@pytest.mark.django_db
def test_the_deadline_feed_lists_the_next_deadlines_as_all_day_events(client):
    soon = date.today() + timedelta(days=20)
    programme = ProgrammeFactory(
        title="Kulturfonds",
        deadline_kind="fixed",
        deadline_dates=[soon.isoformat()],
        next_deadline=soon,
    )
    ProgrammeFactory(title="Laufend")
    calendar = icalendar.Calendar.from_ical(client.get(reverse("funding:deadlines_ics")).content)
    events = [c for c in calendar.walk("VEVENT")]
    assert [str(e["summary"]) for e in events] == ["Antragsfrist: Kulturfonds"]
    assert events[0].decoded("dtstart") == soon
    assert programme.title in client.get(reverse("funding:deadlines")).content.decode()


@pytest.mark.django_db
def test_a_watched_programme_reminds_the_projects_members_once_per_deadline(trust):
    soon = date.today() + timedelta(days=10)
    trust.programme.deadline_kind = "fixed"
    trust.programme.deadline_dates = [soon.isoformat()]
    trust.programme.next_deadline = soon
    trust.programme.save()
    services.watch_programme(trust.project, trust.programme, by=trust.initiative_member)
    assert services.remind_watched_deadlines() == 1
    assert services.remind_watched_deadlines() == 0
    assert ProgrammeWatch.objects.get().reminded_for == soon
    from quartier.core.models import Notification

    note = Notification.objects.get(user=trust.initiative_member)
    assert note.title.startswith(f"Frist am {soon:%d.%m.%Y}: Soziokultur im Quartier")
    del mail.outbox[:]


@pytest.mark.django_db
def test_the_project_sees_fitting_programmes_with_reasons_and_the_trustee_route(trust, client):
    services.save_funding_profile(
        trust.project,
        by=trust.initiative_member,
        applicant=trust.initiative,
        topics=["kultur"],
        region="DE-SN-14713000",
        total_costs=Decimal("12000"),
        own_funds=Decimal("1200"),
    )
    ProgrammeFactory(title="Sportförderung", topics="|sport|")
    client.force_login(trust.initiative_member)
    page = client.get(reverse("funding:project", args=[trust.project.pk]))
    fitting = page.context["fitting"]
    assert [f.programme.title for f in fitting] == ["Soziokultur im Quartier"]
    assert fitting[0].check.overall_label == "förderfähig mit Treuhänder"
    html = page.content.decode()
    assert "mit einem gemeinnützigen Träger als Treuhänder förderfähig" in html
    assert "Gruppe ohne Rechtsform gehört nicht dazu" in html
    assert next(a.name for a in page.context["trustees"]) == "Bürgerstiftung Musterstadt"


@pytest.mark.django_db
def test_trustee_suggestions_put_actors_already_tied_first(trust, client):
    ActorFactory(name="Aaa Verein", legal_form="ev")  # alphabetically first, but not tied
    ActorFactory(name="Aab GmbH", legal_form="gmbh")  # may not act as trustee
    client.force_login(trust.initiative_member)
    names = [
        a.name
        for a in client.get(reverse("funding:project", args=[trust.project.pk])).context["trustees"]
    ]
    assert names[:2] == ["Bürgerstiftung Musterstadt", "Aaa Verein"] and "Aab GmbH" not in names


@pytest.mark.django_db
def test_a_projects_funding_page_is_only_for_its_owners(trust, client):
    client.force_login(trust.outsider)
    assert client.get(reverse("funding:project", args=[trust.project.pk])).status_code == 404
    member = MembershipFactory(actor=trust.initiative).user
    client.force_login(member)
    assert client.get(reverse("funding:project", args=[trust.project.pk])).status_code == 200


@pytest.mark.django_db
def test_a_published_programme_is_found_by_the_search(client, admin_user):
    programme = ProgrammeFactory.build(
        title="Stadtteilkultur Talviertel", summary="Zuschüsse für Kulturprojekte"
    )
    services.save_programme(programme, by=admin_user)
    from quartier.search.models import SearchEntry

    assert SearchEntry.objects.filter(kind="funding_programme", object_id=programme.pk).exists()

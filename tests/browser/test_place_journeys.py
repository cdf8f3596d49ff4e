"""Places in a real browser: an owner offers a vacant shop, and the initiative's space request
shows it as the top match with the reasons. Every page passes the axe check."""

import re

import pytest
from playwright.sync_api import Page, expect

from quartier.accounts.tests.factories import PASSWORD
from quartier.actors.tests.factories import ActorFactory, MembershipFactory
from quartier.places.tests.factories import PlaceFactory, SpaceRequestFactory

from .test_foundation_journeys import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_owner_offers_a_shop_and_the_request_shows_it_first(page: Page, assert_accessible):
    owner = ActorFactory(name="Talviertel Wohnen GmbH", sector="housing")
    owner_member = MembershipFactory(actor=owner).user
    PlaceFactory(name="Kleines Lager", area_m2=55, rent_eur_month=390)
    request = SpaceRequestFactory(title="Galerie sucht Schaufenster", nice_to_have=["shop_window"])

    log_in(page, owner_member.email, PASSWORD)
    page.goto("/orte/")
    assert_accessible(page)
    page.get_by_role("link", name="Ort anbieten").click()
    assert_accessible(page)
    page.get_by_label("Name:", exact=True).fill("Ladenlokal Marktgasse 3")
    page.get_by_label("Art:", exact=True).select_option("shop")
    page.get_by_label("Status:", exact=True).select_option("offered")
    page.get_by_label("Eigentümer").select_option(label="Talviertel Wohnen GmbH")
    page.get_by_label("Breitengrad").fill("51.7005")
    page.get_by_label("Längengrad").fill("11.7405")
    page.get_by_label("Fläche in m²").fill("120")
    page.get_by_label("Monatsmiete in EUR").fill("250")
    page.get_by_label("Verfügbar ab").fill("2027-01-01")
    page.get_by_role("group", name="Mögliche Nutzungen").get_by_label("Galerie").check()
    features = page.get_by_role("group", name="Ausstattung")
    features.get_by_label("Erdgeschoss").check()
    features.get_by_label("Schaufenster").check()
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ladenlokal Marktgasse 3")
    expect(page.get_by_role("row", name=re.compile("Galerie sucht Schaufenster"))).to_be_visible()
    assert_accessible(page)

    page.goto(request.get_absolute_url())
    rows = page.get_by_role("table").get_by_role("row")
    expect(rows.nth(1)).to_contain_text("Ladenlokal Marktgasse 3")
    expect(rows.nth(1)).to_contain_text("Nutzung")
    assert_accessible(page)


def test_initiative_asks_owner_agrees_and_the_agreement_pdf_downloads(
    page: Page, assert_accessible
):
    owner = ActorFactory(name="Talviertel Wohnen GmbH", sector="housing")
    owner_member = MembershipFactory(actor=owner).user
    PlaceFactory(name="Ladenlokal Marktgasse 3", owner=owner)
    initiative = ActorFactory(name="Studis fürs Tal")
    initiative_member = MembershipFactory(actor=initiative).user
    request = SpaceRequestFactory(actor=initiative, title="Galerie gesucht")

    log_in(page, initiative_member.email, PASSWORD)
    page.goto(request.get_absolute_url())
    page.get_by_role("button", name="Ladenlokal Marktgasse 3 anfragen").click()
    expect(page.get_by_role("main")).to_contain_text("von der Initiative angefragt")
    assert_accessible(page)
    match_url = page.url

    page.get_by_role("button", name="Abmelden").click()
    log_in(page, owner_member.email, PASSWORD)
    page.goto(match_url)
    page.get_by_role("button", name="Zusagen").click()
    expect(page.get_by_role("main")).to_contain_text("vereinbart")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Vereinbarung herunterladen (PDF)").click()
    assert download.value.path().read_bytes().startswith(b"%PDF-")


def test_a_member_of_the_owner_uploads_a_photo_of_the_place(
    page: Page, assert_accessible, settings, tmp_path
):
    from PIL import Image

    settings.MEDIA_ROOT = tmp_path / "media"
    image = tmp_path / "laden.png"
    Image.new("RGB", (64, 48), (200, 120, 40)).save(image)
    owner = ActorFactory(name="Talviertel Wohnen GmbH", sector="housing")
    owner_member = MembershipFactory(actor=owner).user
    place = PlaceFactory(name="Ladenlokal Marktgasse 3", owner=owner)

    log_in(page, owner_member.email, PASSWORD)
    page.goto(place.get_absolute_url())
    photos = page.get_by_role("region", name="Fotos")
    photos.get_by_label("Foto:", exact=True).set_input_files(str(image))
    photos.get_by_label("Was das Foto zeigt").fill("Schaufenster zur Marktgasse")
    assert_accessible(page)
    photos.get_by_role("button", name="Foto hinzufügen").click()
    expect(page.get_by_text("Das Foto wurde hinzugefügt.")).to_be_visible()
    image_element = page.get_by_role("img", name="Schaufenster zur Marktgasse")
    expect(image_element).to_be_visible()
    photo = place.photos.get()
    assert image_element.get_attribute("src") == photo.image.url
    with Image.open(settings.MEDIA_ROOT / photo.image.name) as stored:
        assert stored.size == (64, 48)
    assert_accessible(page)

"""The publications library over HTTP: where its pages go, the listing with its filters
and counts, bad and hostile query strings, pagination, each publication's page, and
publications in a private collection kept out."""

from django.template.defaultfilters import filesizeformat

from wagtail.models import Collection, CollectionViewRestriction

import pytest
from bs4 import BeautifulSoup

from iurc_site.models import HomePage, StandardPage
from publications.library import PUBLICATIONS_PER_PAGE
from publications.models import Publication, PublicationsLibraryPage
from publications.pages import publication_slug
from regions.models import PairingPage

pytestmark = pytest.mark.django_db
DEMO_TITLES = {
    "IURC at a glance",
    "IURC North America 2021-2023 Final Publication",
    "Discover IURC case studies and insights",
    "IURC Latin America results",
    "UCAP at a glance: Essen – Koriyama",
    "IUC best-practices report",
}


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def card_titles(response):
    return [
        card.select_one(".card__title").get_text(strip=True)
        for card in soup(response).select(".publication-card")
    ]


def notices(response):
    return [
        item.get_text(" ", strip=True) for item in soup(response).select(".notice li")
    ]


def options(response, name):
    """{value: text} of the filter `name`'s options, the empty one left out."""
    select = soup(response).select_one(f'select[name="{name}"]')
    return {
        option["value"]: option.get_text(strip=True)
        for option in select.select("option")
        if option["value"]
    }


def get(client, url, params=None):
    response = client.get(url, params or {})
    assert response.status_code == 200, (url, params, response.status_code)
    return response


# --- Where the pages go ---------------------------------------------------------------


def test_libraries_go_under_the_home_page_and_regions_once_each(
    programme_library, library_of, demo_page
):
    home = HomePage.objects.get()
    china = demo_page("/regions/china/")
    assert programme_library.get_parent().specific == home
    assert library_of("china").get_parent().specific == china
    assert PublicationsLibraryPage.can_exist_under(home)
    assert PublicationsLibraryPage.can_exist_under(china)
    assert not PublicationsLibraryPage.can_create_at(home)  # one per parent
    assert not PublicationsLibraryPage.can_create_at(china)
    assert not PublicationsLibraryPage.can_exist_under(
        PairingPage.objects.child_of(china).first()
    )
    assert not PublicationsLibraryPage.can_exist_under(
        StandardPage.objects.child_of(home).first()
    )
    assert PublicationsLibraryPage.allowed_subpage_models() == []


# --- The listing ----------------------------------------------------------------------


def test_the_programme_library_lists_every_publication_and_a_region_its_own(
    client, programme_library, library_of
):
    assert set(card_titles(get(client, programme_library.url))) == DEMO_TITLES
    assert card_titles(get(client, library_of("north-america").url)) == [
        "IURC North America 2021-2023 Final Publication"
    ]
    china = get(client, library_of("china").url)
    assert card_titles(china) == []
    assert "No publication matches these filters." in china.content.decode()


def test_each_option_counts_what_choosing_it_would_give(client, programme_library):
    response = get(client, programme_library.url)
    assert options(response, "type")["report"] == "Report (2)"
    assert options(response, "type")["brochure"] == "Brochure (1)"
    assert options(response, "language") == {"en": "English (6)"}
    assert options(response, "year") == {
        "2024": "2024 (2)",
        "2020": "2020 (1)",
    }
    assert options(response, "region")["latin-america"].endswith("(1)")
    assert "china" not in options(response, "region")  # no publication there

    reports = get(client, programme_library.url, {"type": "report"})
    assert set(card_titles(reports)) == {
        "IURC Latin America results",
        "IUC best-practices report",
    }
    # The other filters count within the reports; the type's own options do not.
    assert options(reports, "year") == {"2024": "2024 (0)", "2020": "2020 (1)"}
    assert options(reports, "type")["brochure"] == "Brochure (1)"
    selected = soup(reports).select_one('select[name="type"] option[selected]')
    assert selected["value"] == "report"
    assert "2 publications" in reports.content.decode()


def test_filters_combine(client, programme_library, make_publication, demo_page):
    china = demo_page("/regions/china/")
    theme = PairingPage.objects.child_of(china).first().themes.first()
    make_publication(
        "Chinese factsheet",
        kind="factsheet",
        region=china,
        year=2022,
        file_languages=["zh-hans", "en"],
        themes=[theme],
    )
    make_publication("Another factsheet", kind="factsheet", year=2022)

    response = get(
        client,
        programme_library.url,
        {"type": "factsheet", "region": "china", "language": "zh-hans"},
    )
    assert card_titles(response) == ["Chinese factsheet"]
    assert notices(response) == []
    by_theme = get(client, programme_library.url, {"theme": theme.slug})
    assert card_titles(by_theme) == ["Chinese factsheet"]
    by_year = get(client, programme_library.url, {"year": "2022"})
    assert set(card_titles(by_year)) == {"Chinese factsheet", "Another factsheet"}
    assert options(by_year, "language")["zh-hans"] == "Chinese (1)"


def test_a_regional_library_has_no_region_filter(client, library_of):
    response = get(client, library_of("latin-america").url, {"region": "china"})
    assert soup(response).select_one('select[name="region"]') is None
    assert card_titles(response) == ["IURC Latin America results"]
    assert notices(response) == []


def test_unknown_values_drop_their_filter_with_a_notice(client, programme_library):
    response = get(
        client,
        programme_library.url,
        {
            "type": "poem",
            "region": "atlantis",
            "language": "klingon",
            "year": "1066x",
            "theme": "no-such-theme",
        },
    )
    assert set(card_titles(response)) == DEMO_TITLES
    assert notices(response) == [
        "There is no publication type “poem”: showing every type.",
        "There is no region “atlantis”: showing every region.",
        "There is no language “klingon”: showing every language.",
        "There is no year “1066x”: showing every year.",
        "There is no theme “no-such-theme”: showing every theme.",
    ]


@pytest.mark.parametrize(
    "query",
    [
        "type=%00",
        "region=%00%01%02",
        "language=" + "x" * 5000,
        "year=%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%94",  # full-width digits
        "year=-2024",
        "year=99999999999999999999",
        "theme=%27%3B+DROP+TABLE+x%3B--",
        "type=report&type=brochure",
        "page=%00",
        "page=-1",
        "page=1e9",
        "page=99999999999999999999999",
        "region[]=china",
        "%FF%FE=1",
        "type=<script>alert(1)</script>",
    ],
)
def test_hostile_query_strings_get_the_listing(client, programme_library, query):
    response = client.get(f"{programme_library.url}?{query}")
    assert response.status_code == 200
    assert b"<script>alert(1)" not in response.content
    assert card_titles(response)


def test_a_long_value_is_shortened_in_its_notice(client, programme_library):
    response = get(client, programme_library.url, {"theme": "y" * 300})
    (notice,) = notices(response)
    assert len(notice) < 120
    assert "…" in notice


def test_pages_of_twelve_and_a_page_out_of_range(
    client, library_of, make_publication, demo_page
):
    china = demo_page("/regions/china/")
    for number in range(PUBLICATIONS_PER_PAGE + 1):
        make_publication(f"China report {number:02}", region=china, year=2000 + number)
    url = library_of("china").url

    first = get(client, url)
    assert len(card_titles(first)) == PUBLICATIONS_PER_PAGE
    assert card_titles(first)[0] == "China report 12"  # newest first
    assert soup(first).select_one(".pagination a[rel=next]")
    second = get(client, url, {"page": "2"})
    assert card_titles(second) == ["China report 00"]
    beyond = get(client, url, {"page": "99"})
    assert card_titles(beyond) == ["China report 00"]
    assert notices(beyond) == ["There is no page “99”: showing page 2."]


def test_pagination_keeps_the_filters(client, programme_library, make_publication):
    for _number in range(PUBLICATIONS_PER_PAGE + 1):
        make_publication(kind="guideline")
    response = get(client, programme_library.url, {"type": "guideline"})
    link = soup(response).select_one(".pagination a[rel=next]")["href"]
    assert "type=guideline" in link
    assert "page=2" in link


# --- A publication's page -------------------------------------------------------------


def publication_url(library, publication, code="en"):
    from django.utils import translation

    with translation.override(code):
        return f"{library.get_url()}{publication.pk}-{publication_slug(publication)}/"


def test_a_publication_page_shows_its_facts_and_download(client, library_of, demo_page):
    plan = Publication.objects.get(title_en="UCAP at a glance: Essen – Koriyama")
    library = library_of("asia-australasia")
    response = get(client, publication_url(library, plan))
    page = soup(response)
    html = response.content.decode()

    assert page.select_one("h1").get_text(strip=True) == plan.title_en
    assert "The action plan (UCAP) of the IUC pairing" in page.select_one(".lead").text
    facts = page.select_one(".facts").get_text(" ", strip=True)
    assert "Action plan" in facts
    assert "English" in facts
    assert "Asia & Australasia" in facts
    assert "IUC" in facts  # the phase
    pairing = plan.pairings.get()
    assert page.select_one(f'.facts a[href="{pairing.url}"]')
    download = page.select_one("a[download]")
    assert download["href"] == plan.url
    assert f"PDF, {filesizeformat(plan.file_size)}" in download.text
    assert "Download" in download.text
    assert page.select_one("title").text.startswith(plan.title_en)
    assert 'rel="canonical"' in html


def test_a_publication_page_in_another_language(client, programme_library):
    brochure = Publication.objects.get(title_en="IURC at a glance")
    response = get(client, publication_url(programme_library, brochure, "th"))
    page = soup(response)
    assert page.select_one("h1").get_text(strip=True) == brochure.title_th
    assert brochure.summary_th in page.select_one(".lead").text
    # Every language's version, linked from the head and the language switcher.
    hreflang = {
        link["hreflang"]: link["href"]
        for link in page.select('link[rel="alternate"][hreflang]')
    }
    for code in ("en", "ms", "zh-hans", "vi", "th", "pt", "es"):
        assert hreflang[code] == (
            f"http://testserver{publication_url(programme_library, brochure, code)}"
        )
    assert page.select_one('link[rel="canonical"]')["href"] == hreflang["th"]


def test_a_source_link_when_there_is_one(client, programme_library):
    brochure = Publication.objects.get(title_en="IURC at a glance")
    page = soup(get(client, publication_url(programme_library, brochure)))
    assert page.select_one(".source a")["href"] == "https://www.iurc.eu/"


def test_a_wrong_slug_or_library_redirects_to_the_publication_page(
    client, programme_library, library_of
):
    final = Publication.objects.get(
        title_en="IURC North America 2021-2023 Final Publication"
    )
    canonical = publication_url(library_of("north-america"), final)
    for url in (
        f"{programme_library.url}{final.pk}-wrong-slug/",
        f"{programme_library.url}{final.pk}-/",
        publication_url(programme_library, final),
        publication_url(library_of("china"), final),
    ):
        response = client.get(url)
        assert response.status_code == 301, url
        assert response["Location"] == canonical


def test_an_unknown_publication_is_not_found(client, programme_library):
    for path in ("999999-nothing/", "0-x/", "12345678901234-x/", "abc-x/"):
        assert client.get(f"{programme_library.url}{path}").status_code == 404


# --- Private collections ----------------------------------------------------------------


@pytest.fixture
def private_collection():
    collection = Collection.get_first_root_node().add_child(name="Private reports")
    CollectionViewRestriction.objects.create(
        collection=collection,
        restriction_type=CollectionViewRestriction.PASSWORD,
        password="not-public",
    )
    return collection


def test_publications_in_a_private_collection_are_not_listed(
    client, programme_library, make_publication, private_collection
):
    inner = private_collection.add_child(name="Inside the private one")
    hidden = make_publication("Secret plan", collection=private_collection)
    deeper = make_publication("Deeper secret plan", collection=inner)
    shown = make_publication("Open plan")

    assert set(Publication.objects.public()) >= {shown}
    assert hidden not in Publication.objects.public()
    assert deeper not in Publication.objects.public()
    titles = card_titles(get(client, programme_library.url, {"page": "1"}))
    assert "Open plan" in titles
    assert "Secret plan" not in titles
    assert "Deeper secret plan" not in titles
    for publication in (hidden, deeper):
        url = publication_url(programme_library, publication)
        assert client.get(url).status_code == 404
    sitemap = client.get("/sitemap-publications.xml").content.decode()
    assert "secret-plan" not in sitemap
    assert "open-plan" in sitemap


def test_a_collection_made_private_leaves_the_listing_at_once(
    client,
    settings,
    programme_library,
    make_publication,
    django_capture_on_commit_callbacks,
):
    settings.PAGE_CACHE_ENABLED = True
    collection = Collection.get_first_root_node().add_child(name="Soon private")
    with django_capture_on_commit_callbacks(execute=True):
        make_publication("Soon private plan", collection=collection)
    assert "Soon private plan" in card_titles(get(client, programme_library.url))
    assert client.get(programme_library.url)["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        CollectionViewRestriction.objects.create(
            collection=collection,
            restriction_type=CollectionViewRestriction.PASSWORD,
            password="not-public",
        )
    assert "Soon private plan" not in card_titles(get(client, programme_library.url))


def test_a_filter_given_twice_uses_its_first_value(client, programme_library):
    response = get(client, f"{programme_library.url}?type=brochure&type=report")
    assert card_titles(response) == ["IURC at a glance"]

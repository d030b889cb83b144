"""The JSON API under /api/v1/: what a client reads (pages, filters, languages, URLs), what
it is refused (a 400 naming the parameter, never a 500), and the headers every answer
carries (CORS, Cache-Control), and that a publish changes what a cached list returns."""

from urllib.parse import urlencode, urlsplit

from django.utils import translation

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from partners.models import Place
from regions.models import PairingPage, RegionPage

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "ms", "zh-hans", "vi", "th", "pt", "es"]
PAIRINGS = "/api/v1/pairings"


def get(client, path, **params):
    response = client.get(f"{path}?{urlencode(params)}" if params else path)
    assert response["Content-Type"].startswith("application/json"), response
    return response


def ok(client, path, **params):
    response = get(client, path, **params)
    assert response.status_code == 200, response.content[:500]
    return response.json()


def refused(client, path, status=400, **params):
    response = get(client, path, **params)
    assert response.status_code == status, response.content[:500]
    return response.json()["error"]


def live_pairings():
    return PairingPage.objects.live()


# --- Lists and pages -------------------------------------------------------------------


def test_the_list_holds_every_visible_pairing_in_pages_linked_by_next(client):
    expected = set(live_pairings().values_list("pk", flat=True))
    first = ok(client, PAIRINGS, page_size=7)
    assert first["count"] == len(expected) == 30
    assert first["pages"] == 5 and first["page"] == 1 and first["page_size"] == 7
    assert first["previous"] is None

    seen, page, url = [], first, None
    while True:
        seen += [pairing["id"] for pairing in page["results"]]
        if page["next"] is None:
            break
        parts = urlsplit(page["next"])
        assert parts.scheme == "http" and parts.netloc == "testserver"
        url = f"{parts.path}?{parts.query}"
        page = client.get(url).json()
    assert len(seen) == len(expected) and set(seen) == expected
    assert page["page"] == 5 and len(page["results"]) == 30 - 4 * 7
    assert urlsplit(page["previous"]).query == "page_size=7&page=4"


def test_pairings_come_in_the_explorers_order_and_with_its_filters(client):
    """The same pairings as the explorer page shows for the same filters, in its order."""
    for filters in ({}, {"region": "china"}, {"country": "NL"}, {"strand": "city"}):
        html = client.get(f"/en/pairings/?{urlencode(filters)}")
        explorer = [
            link["href"]
            for link in BeautifulSoup(html.content, "html.parser").select(
                ".explorer-results .pairing-card .card__title a"
            )
        ]
        answer = ok(client, PAIRINGS, page_size=len(explorer), **filters)
        assert explorer, filters
        assert [urlsplit(p["url"]).path for p in answer["results"]] == explorer


def test_each_filter_narrows_the_list_to_what_it_names(client):
    china = RegionPage.objects.get(slug_en="china")
    in_china = live_pairings().descendant_of(china).count()
    answer = ok(client, PAIRINGS, region="china", page_size=200)
    assert 0 < answer["count"] == in_china < 30
    assert {pairing["region"]["slug"] for pairing in answer["results"]} == {"china"}

    answer = ok(client, PAIRINGS, country="nl", page_size=200)
    assert answer["count"] > 0
    for pairing in answer["results"]:
        countries = {
            p["country"] for p in pairing["eu_places"] + pairing["partner_places"]
        }
        assert "NL" in countries

    answer = ok(client, PAIRINGS, q="Rotterdam")
    assert answer["count"] >= 1
    assert all("Rotterdam" in p["title_en"] for p in answer["results"])

    year = live_pairings().exclude(start_year=None).first().start_year
    answer = ok(client, PAIRINGS, year=year, page_size=200)
    assert answer["count"] == live_pairings().filter(start_year=year).count()
    assert {pairing["start_year"] for pairing in answer["results"]} == {year}

    theme = ok(client, "/api/v1/themes")["results"][0]
    answer = ok(client, PAIRINGS, theme=theme["slug"], page_size=200)
    for pairing in answer["results"]:
        assert theme["id"] in {t["id"] for t in pairing["themes"]}


def test_a_filter_matching_nothing_is_an_empty_first_page(client):
    answer = ok(client, PAIRINGS, q="no pairing is called this")
    assert answer == {
        "count": 0,
        "page": 1,
        "page_size": 50,
        "pages": 1,
        "next": None,
        "previous": None,
        "results": [],
    }


def test_a_publish_changes_what_the_cached_list_returns(
    client, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_ENABLED = True
    url = f"{PAIRINGS}?lang=ms&page_size=200"
    first = client.get(url)
    assert first["X-Page-Cache"] == "miss"
    assert first["Access-Control-Allow-Origin"] == "*"
    again = client.get(url)
    assert again["X-Page-Cache"] == "hit"
    assert again["Access-Control-Allow-Origin"] == "*"  # stored with the answer

    pairing = live_pairings().order_by("path").first()
    pairing.title_ms = "Perkongsian baharu"
    with django_capture_on_commit_callbacks(execute=True):
        pairing.save_revision().publish()

    after = client.get(url)
    assert after.get("X-Page-Cache") != "hit"
    titles = {p["id"]: p["title"] for p in after.json()["results"]}
    assert titles[pairing.pk] == "Perkongsian baharu"
    assert "Perkongsian baharu" not in first.content.decode()


# --- One object, languages, URLs ------------------------------------------------------


def test_one_pairing_in_every_language_with_its_pages_in_all_seven(client):
    pairing = live_pairings().order_by("path").first()
    pairing.title_th = "การจับคู่ทดสอบ"
    pairing.save_revision().publish()
    for code in LANGUAGES:
        answer = ok(client, f"{PAIRINGS}/{pairing.pk}", lang=code)
        assert answer["id"] == pairing.pk and answer["language"] == code
        assert answer["title_en"] == pairing.title_en
        assert set(answer["urls"]) == set(LANGUAGES)
        with translation.override(code):
            expected = pairing.get_url()
        assert urlsplit(answer["url"]).path == expected
        assert answer["urls"][code] == answer["url"]
        assert answer["title"] == (
            "การจับคู่ทดสอบ"
            if code == "th"
            else (
                getattr(pairing, f"title_{code.replace('-', '_')}") or pairing.title_en
            )
        )
        for place in answer["eu_places"] + answer["partner_places"]:
            assert set(place["urls"]) == set(LANGUAGES)
            assert urlsplit(place["urls"][code]).path.startswith(f"/{code}/places/")


def test_names_come_in_the_language_asked_for_next_to_english(client):
    regions = ok(client, "/api/v1/regions", lang="zh-hans")["results"]
    china = next(region for region in regions if region["slug"] == "china")
    page = RegionPage.objects.get(slug_en="china")
    assert china["name"] == (page.title_zh_hans or page.title_en)
    assert china["name_en"] == page.title_en
    assert china["id"] == page.pk
    assert urlsplit(china["url"]).path.startswith("/zh-hans/")
    assert set(china["urls"]) == set(LANGUAGES)

    for path in ("/api/v1/themes", "/api/v1/phases"):
        for item in ok(client, path, lang="th")["results"]:
            assert {"id", "slug", "name", "name_en", "url", "urls"} <= item.keys()
            assert urlsplit(item["url"]).path.startswith("/th/")
            assert set(item["urls"]) == set(LANGUAGES)


def test_places_are_listed_by_country_and_one_by_id(client):
    answer = ok(client, "/api/v1/places", country="NL")
    assert answer["count"] == Place.objects.filter(country="NL").count() >= 1
    assert {place["country"] for place in answer["results"]} == {"NL"}
    rotterdam = Place.objects.get(country="NL", slug="rotterdam")
    one = ok(client, f"/api/v1/places/{rotterdam.pk}", lang="pt")
    assert one["name_en"] == "Rotterdam" and one["country_name"] == "Países Baixos"
    assert urlsplit(one["url"]).path == "/pt/places/nl/rotterdam/"
    every = ok(client, "/api/v1/places", page_size=200)
    assert every["count"] == Place.objects.count()


def test_an_unknown_id_is_a_json_404(client):
    for path in (f"{PAIRINGS}/999999999", "/api/v1/places/999999999"):
        assert refused(client, path, status=404)["parameter"] == "id"
    # A draft is not shown.
    draft = live_pairings().first()
    draft.unpublish()
    refused(client, f"{PAIRINGS}/{draft.pk}", status=404)
    # Nor is an address the API does not have, whether or not it ends in a slash.
    for path in ("/api/v1/nothing", "/api/v1/nothing/", "/api/v2/pairings"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.json()["error"]["message"]
        assert response["Access-Control-Allow-Origin"] == "*"


# --- Refused requests ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"colour": "red"}, "colour"),
        ({"format": "../../etc"}, "format"),
        ({"region": "atlantis"}, "region"),
        ({"theme": "no-such-theme"}, "theme"),
        ({"phase": "phase-9"}, "phase"),
        ({"country": "XX"}, "country"),
        ({"strand": "galaxy"}, "strand"),
        ({"kind": "quartet"}, "kind"),
        ({"year": "1800"}, "year"),
        ({"year": "soon"}, "year"),
        ({"lang": "fr"}, "lang"),
        ({"lang": "EN"}, "lang"),
        ({"page": "0"}, "page"),
        ({"page": "-1"}, "page"),
        ({"page": "2"}, "page"),  # 30 pairings: one page of 50
        ({"page": "two"}, "page"),
        ({"page": "1.5"}, "page"),
        ({"page_size": "0"}, "page_size"),
        ({"page_size": "201"}, "page_size"),
        ({"q": "x" * 101}, "q"),
        ({"region": "china\x00"}, "region"),
        ({"page": "\x00"}, "page"),
    ],
)
def test_bad_input_is_a_400_naming_the_parameter(client, params, parameter):
    error = refused(client, PAIRINGS, **params)
    assert error["parameter"] == parameter
    assert error["message"]


def test_a_parameter_given_twice_is_refused(client):
    response = client.get(f"{PAIRINGS}?region=china&region=china")
    assert response.status_code == 400
    assert response.json()["error"]["parameter"] == "region"
    response = client.get(f"{PAIRINGS}?page=1&page=2")
    assert response.json()["error"]["parameter"] == "page"


def test_the_other_endpoints_refuse_what_they_do_not_take(client):
    assert refused(client, "/api/v1/regions", region="china")["parameter"] == "region"
    assert refused(client, "/api/v1/themes", lang="xx")["parameter"] == "lang"
    assert refused(client, "/api/v1/places", country="Narnia")["parameter"] == "country"
    assert refused(client, "/api/v1/places", page="3")["parameter"] == "page"
    assert refused(client, f"{PAIRINGS}/abc")["parameter"] == "id"


def test_hostile_values_are_refused_or_answered_never_a_500(client):
    huge = "9" * 10_000
    answered = [
        {"q": "\x00" * 50},  # control characters only: no words, every pairing
        {"q": "<script>alert(1)</script>"},
        {"q": "' OR 1=1 --"},
    ]
    refused_for = [
        ({"region": "x" * 10_000}, "region"),
        ({"page": huge}, "page"),
        ({"page_size": huge}, "page_size"),
        ({"year": huge}, "year"),
        ({"lang": "\x00"}, "lang"),
        ({"\x00": "\x00"}, "\x00"),
        ({"q": "\x00" + "x" * 10_000}, "q"),
    ]
    for params in answered:
        response = client.get(f"{PAIRINGS}?{urlencode(params)}")
        assert response.status_code == 200, params
        assert b"<script>" not in response.content
    for params, parameter in refused_for:
        response = client.get(f"{PAIRINGS}?{urlencode(params)}")
        assert response.status_code == 400, params
        assert response.json()["error"]["parameter"] == parameter
        # What is quoted back stays short.
        assert len(response.content) < 1000, params
    response = client.get(f"{PAIRINGS}?{urlencode({'x' * 10_000: '1'})}")
    assert response.status_code == 400
    assert len(response.json()["error"]["parameter"]) <= 40


@hypothesis_settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    name=st.sampled_from(
        [
            "q",
            "region",
            "country",
            "theme",
            "phase",
            "strand",
            "kind",
            "year",
            "lang",
            "page",
            "page_size",
            "other",
        ]
    ),
    value=st.text(max_size=300),
)
def test_any_value_of_any_parameter_is_a_200_or_a_400(client, name, value):
    response = client.get(f"{PAIRINGS}?{urlencode({name: value})}")
    assert response.status_code in (200, 400), (name, value, response.content[:300])
    body = response.json()
    assert ("results" in body) if response.status_code == 200 else ("error" in body)


# --- Headers ---------------------------------------------------------------------------


def test_every_answer_allows_any_origin_and_successes_are_public(client, settings):
    for path in (PAIRINGS, "/api/v1/places", "/api/v1/regions", "/api/v1/openapi.json"):
        response = client.get(path)  # no Origin header: the copy a cache would keep
        assert response.status_code == 200
        assert response["Access-Control-Allow-Origin"] == "*"
        assert response["Cache-Control"] == (
            f"public, max-age={settings.API_CACHE_MAX_AGE}"
        )
    for path in (f"{PAIRINGS}?page=0", f"{PAIRINGS}/999999999", "/api/v1/nothing"):
        response = client.get(path, HTTP_ORIGIN="https://example.org")
        assert response.status_code >= 400
        assert response["Access-Control-Allow-Origin"] == "*"
        assert response["Cache-Control"] == "no-store"


def test_a_preflight_is_answered_and_other_methods_are_refused(client):
    response = client.options(
        PAIRINGS,
        HTTP_ORIGIN="https://example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"

    head = client.head(PAIRINGS)
    assert head.status_code == 200 and head.content == b""
    assert head["Access-Control-Allow-Origin"] == "*"

    for method in (client.post, client.put, client.delete):
        response = method(PAIRINGS)
        assert response.status_code == 405
        assert response["Allow"] == "GET, HEAD, OPTIONS"
        assert response.json()["error"]["message"]

"""The batched import leaves pages as Wagtail's own editing would, at a flat cost per row."""

from urllib.parse import quote

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from wagtail.models import Page, PageLogEntry, ReferenceIndex

import pytest

from partners.models import Place
from partners.pairing_import import apply_plan, applying, plan_import, read_csv
from regions.models import PairingPage, RegionPage
from sitesearch.models import SearchDocument
from tests.support.two_factor import verified_login

HEADER = "programme,region,strand,eu_places,eu_countries,partner_places,partner_countries,themes,start_year,source_url"
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def plan(*rows):
    return plan_import(read_csv(("\n".join([HEADER, *rows]) + "\n").encode()))


def generated_rows(count, prefix):
    """`count` distinct pairings with places the site does not know yet."""
    return [
        f"IURC,china,city,{prefix} EU {n},PT,{prefix} Partner {n},CN,"
        f"Urban mobility;{prefix} theme {n % 3},2022,https://example.org/{prefix}/{n}"
        for n in range(count)
    ]


def search_documents(instance):
    return SearchDocument.objects.filter(
        content_type=ContentType.objects.get_for_model(
            Page if isinstance(instance, Page) else type(instance)
        ),
        object_id=instance.pk,
    )


def tree_problems():
    return [problem for problem in Page.find_problems() if problem]


@pytest.mark.django_db
def test_imported_pages_are_live_with_a_revision_and_an_audit_log(admin_user):
    result = apply_plan(
        plan("IURC,latin-america,city,Lisbon,PT,Curitiba,BR,Urban mobility,2022,"),
        user=admin_user,
        file_name="new.csv",
    )

    pairing = PairingPage.objects.get(pk=result.created[0].pk)
    assert pairing.live and not pairing.has_unpublished_changes
    assert pairing.first_published_at and pairing.last_published_at
    assert pairing.owner == admin_user
    assert pairing.draft_title == "Lisbon – Curitiba"
    # The untranslated columns too, as Wagtail reads some of them (English).
    raw = (
        Page.objects.rewrite(False)
        .filter(pk=pairing.pk)
        .values("title", "slug", "url_path")[0]
    )
    assert raw == {
        "title": "Lisbon – Curitiba",
        "slug": "lisbon-curitiba",
        "url_path": pairing.url_path_en,
    }
    assert pairing.latest_revision_id == pairing.live_revision_id is not None
    revision_page = pairing.latest_revision.as_object()
    assert [place.name_en for place in revision_page.eu_place_list] == ["Lisbon"]
    assert [place.name_en for place in revision_page.partner_place_list] == ["Curitiba"]
    assert [theme.name_en for theme in revision_page.themes.all()] == ["Urban mobility"]
    actions = set(
        PageLogEntry.objects.filter(page=pairing, user=admin_user).values_list(
            "action", flat=True
        )
    )
    assert actions == {"wagtail.create", "wagtail.publish", "partners.import_pairing"}
    # Wagtail's reference index knows the pairing uses its places (the places' usage).
    curitiba = Place.objects.get(name_en="Curitiba")
    assert (
        ReferenceIndex.get_references_to(curitiba)
        .filter(object_id=str(pairing.pk))
        .exists()
    )
    assert not tree_problems()


@pytest.mark.django_db
def test_imported_pages_can_be_edited_and_published_again_in_the_admin(
    client, admin_user
):
    result = apply_plan(
        plan("IURC,china,city,Porto,PT,Chengdu,CN,Innovation,2022,"), user=admin_user
    )
    pairing = PairingPage.objects.get(pk=result.created[0].pk)
    verified_login(client, admin_user)

    edit = client.get(reverse("wagtailadmin_pages:edit", args=[pairing.pk]))
    assert edit.status_code == 200
    assert "Chengdu" in edit.content.decode()

    pairing.save_revision(user=admin_user).publish(user=admin_user)
    assert not tree_problems()


@pytest.mark.django_db
def test_imported_pages_are_served_in_every_language_under_their_region(client):
    result = apply_plan(
        plan(
            "IURC,china,city,Porto,PT,Chengdu,CN,,2022,",
            "IURC,latin-america,city,Lisbon,PT,Curitiba,BR,,2022,",
        )
    )

    for pairing in result.created:
        pairing = PairingPage.objects.get(pk=pairing.pk)
        region = pairing.get_parent().specific
        for code in LANGUAGE_CODES:
            field = f"url_path_{code.replace('-', '_')}"
            region_path = getattr(region, field) or region.url_path_en
            assert getattr(pairing, field) == f"{region_path}{pairing.slug_en}/"
            with translation.override(code):
                url = pairing.get_url()
            response = client.get(url)
            assert response.status_code == 200, (code, url)
            assert response.context["page"].pk == pairing.pk


@pytest.mark.django_db
def test_imported_pages_are_found_in_the_search_their_region_and_the_explorer(
    client,
):
    apply_plan(plan("IURC,china,city,Porto,PT,Chengdu,CN,,2022,"))
    pairing = PairingPage.objects.get(slug_en="porto-chengdu")
    region = RegionPage.objects.get(slug_en="china")

    assert search_documents(pairing).count() == len(LANGUAGE_CODES)
    for code in LANGUAGE_CODES:
        search = client.get(f"/{code}/search/?q={quote('Chengdu')}")
        assert "Porto – Chengdu" in search.content.decode(), code
    assert "Porto – Chengdu" in client.get(region.url).content.decode()
    explorer = client.get("/en/pairings/?q=Chengdu").content.decode()
    assert "Porto – Chengdu" in explorer
    assert [page.pk for page in PairingPage.objects.live().search("Chengdu")] == [
        pairing.pk
    ]


@pytest.mark.django_db
def test_new_places_are_found_by_the_site_search(client):
    def place_results():
        search = client.get("/en/search/?q=Xyzzyville&type=place")
        assert search.status_code == 200
        return search.content.decode()

    assert "/places/cn/" not in place_results()

    apply_plan(plan("IURC,china,city,Porto,PT,Xyzzyville,CN,,2022,"))

    place = Place.objects.get(name_en="Xyzzyville")
    assert search_documents(place).exists()
    assert f'href="{place.get_absolute_url()}"' in place_results()


@pytest.mark.django_db
def test_drafts_are_imported_unpublished_and_out_of_the_public_search(admin_user):
    result = apply_plan(
        plan("IURC,china,city,Porto,PT,Chengdu,CN,,2022,"),
        user=admin_user,
        publish=False,
    )

    pairing = PairingPage.objects.get(pk=result.created[0].pk)
    assert not pairing.live and pairing.has_unpublished_changes
    assert pairing.latest_revision_id and pairing.live_revision_id is None
    assert not search_documents(pairing).exists()
    assert not PageLogEntry.objects.filter(
        page=pairing, action="wagtail.publish"
    ).exists()
    pairing.latest_revision.publish(user=admin_user)
    pairing.refresh_from_db()
    assert pairing.live
    assert search_documents(pairing).exists()


@pytest.mark.django_db
def test_a_reimport_updates_and_adds_but_never_duplicates(admin_user):
    rows = generated_rows(5, "Again")
    apply_plan(plan(*rows), user=admin_user)
    count = PairingPage.objects.count()

    changed = rows[1].replace(",2022,", ",2023,")
    result = apply_plan(
        plan(rows[0], changed, *rows[2:], *generated_rows(7, "Again")[5:]),
        user=admin_user,
    )

    assert (len(result.created), len(result.updated), len(result.unchanged)) == (
        2,
        1,
        4,
    )
    assert PairingPage.objects.count() == count + 2
    assert result.updated[0].start_year == 2023
    assert not tree_problems()


@pytest.mark.django_db
def test_pages_added_after_an_import_take_the_next_tree_position(
    admin_user, monkeypatch
):
    monkeypatch.setattr(applying, "CREATE_BATCH", 4)  # three batches of new pages
    result = apply_plan(plan(*generated_rows(10, "Tree")), user=admin_user)
    assert len(result.created) == 10
    assert not tree_problems()
    region = RegionPage.objects.get(slug_en="china")

    region.add_child(instance=PairingPage(title="Added by hand", slug="by-hand"))
    apply_plan(plan(*generated_rows(3, "Later")), user=admin_user)

    assert not tree_problems()


def import_queries(rows, user):
    import_plan = plan(*rows)
    with CaptureQueriesContext(connection) as queries:
        apply_plan(import_plan, user=user)
    return len(queries)


@pytest.mark.django_db
def test_the_query_count_per_row_does_not_grow_with_the_file(admin_user):
    small = import_queries(generated_rows(10, "Small"), admin_user)
    large = import_queries(generated_rows(50, "Large"), admin_user)

    # Batched: 40 more rows cost (next to) no more queries, where each row used to
    # cost about 140. The fixed cost of a batch is a few dozen queries.
    assert large - small <= 10, (small, large)
    assert small <= 80, small


@pytest.mark.django_db
def test_checking_a_file_costs_the_same_queries_whatever_its_size(admin_user):
    apply_plan(plan(*generated_rows(30, "Known")), user=admin_user)  # to be updated

    with CaptureQueriesContext(connection) as small:
        plan(*generated_rows(5, "Known"), *generated_rows(5, "New"))
    with CaptureQueriesContext(connection) as large:
        plan(*generated_rows(30, "Known"), *generated_rows(30, "New"))

    assert len(large) == len(small), (len(small), len(large))

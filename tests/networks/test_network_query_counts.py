"""A network page, the networks index, a member's place profile and the explorer filtered
by a network run as many queries with 200 members as with 10."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import wagtail_factories

import pytest

from networks.models import NetworkMember
from tests.factories import OrganisationFactory, PlaceFactory
from tests.support.caches import clear_caches

pytestmark = pytest.mark.django_db


def query_count(client, url):
    clear_caches()  # built afresh: nothing from the fragments or the page cache
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_query_counts_do_not_grow_with_the_number_of_members(
    client, networks_index, make_network
):
    photo = wagtail_factories.ImageFactory(description="A photo")
    network = make_network("Big network")

    def add_members(count):
        places = PlaceFactory.create_batch(count // 2)
        organisations = OrganisationFactory.create_batch(count - len(places))
        NetworkMember.objects.bulk_create(
            [
                NetworkMember(
                    network=network,
                    place=place,
                    photo=photo,
                    photo_credit="Jane Doe",
                    photo_licence="CC BY 4.0",
                    profile="A member.",
                    phase_one_url="https://iuc.eu/",
                    sort_order=number,
                )
                for number, place in enumerate(places)
            ]
            + [
                NetworkMember(
                    network=network,
                    organisation=organisation,
                    profile="A body.",
                    sort_order=len(places) + number,
                )
                for number, organisation in enumerate(organisations)
            ]
        )
        return places[0]

    first_place = add_members(10)
    urls = [
        network.url,
        "/th" + network.url.removeprefix("/en"),
        networks_index.url,
        first_place.get_absolute_url(),
        f"/en/pairings/?network={network.slug_en}",
    ]
    # Warm what is not about members (the renditions of the photo are made once).
    for url in urls:
        query_count(client, url)
    few = {url: query_count(client, url) for url in urls}

    add_members(190)
    assert NetworkMember.objects.filter(network=network).count() == 200
    many = {url: query_count(client, url) for url in urls}

    assert many == few

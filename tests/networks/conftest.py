"""Fixtures of the thematic networks tests."""

import pytest

from networks.models import (
    NetworkMember,
    ThematicNetworkPage,
    ThematicNetworksIndexPage,
)


@pytest.fixture
def networks_index(db):
    return ThematicNetworksIndexPage.objects.get(slug_en="thematic-networks")


@pytest.fixture
def green_network(networks_index):
    return ThematicNetworkPage.objects.child_of(networks_index).get(
        slug_en="ecological-transition-green-deal"
    )


@pytest.fixture
def make_network(networks_index):
    """A published network under the demo index with the given members (unsaved)."""

    def make(title, members=(), live=True, **fields):
        slug = title.lower().replace(" ", "-")
        page = ThematicNetworkPage(
            title=title, title_en=title, slug=slug, slug_en=slug, live=live, **fields
        )
        page.members = [NetworkMember(**member) for member in members]
        networks_index.add_child(instance=page)
        if live:
            page.save_revision().publish()
        return ThematicNetworkPage.objects.get(pk=page.pk)

    return make

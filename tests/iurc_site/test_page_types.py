"""Editors can only put each kind of page where it belongs in the tree."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from iurc_site.models import HomePage, ProgrammePhasePage, StandardPage
from networks.models import ThematicNetworksIndexPage
from newsroom.models import (
    CallPage,
    EventPage,
    EventsIndexPage,
    NewsIndexPage,
    NewsPage,
)
from publications.models import PublicationsLibraryPage
from regions.models import (
    PairingExplorerPage,
    PairingPage,
    RegionIndexPage,
    RegionPage,
)


class PageTypeRulesTest(WagtailPageTestCase):
    def test_home_page_sits_at_the_root_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_home_page_children(self):
        self.assertAllowedSubpageTypes(
            HomePage,
            {
                StandardPage,
                ProgrammePhasePage,
                RegionIndexPage,
                PairingExplorerPage,
                NewsIndexPage,
                EventsIndexPage,
                ThematicNetworksIndexPage,
                PublicationsLibraryPage,
            },
        )

    def test_programme_phases_sit_under_the_home_page(self):
        self.assertAllowedParentPageTypes(ProgrammePhasePage, {HomePage})

    def test_regions_sit_under_the_region_index_only(self):
        self.assertAllowedParentPageTypes(RegionPage, {RegionIndexPage})
        self.assertAllowedSubpageTypes(RegionIndexPage, {RegionPage})

    def test_pairings_sit_under_a_region_only_and_have_no_children(self):
        self.assertAllowedParentPageTypes(PairingPage, {RegionPage})
        self.assertAllowedSubpageTypes(PairingPage, set())

    def test_region_holds_pairings_its_own_standard_pages_news_events_and_library(
        self,
    ):
        self.assertAllowedSubpageTypes(
            RegionPage,
            {
                PairingPage,
                StandardPage,
                NewsIndexPage,
                EventsIndexPage,
                PublicationsLibraryPage,
            },
        )

    def test_events_and_calls_sit_under_an_events_index(self):
        self.assertAllowedParentPageTypes(EventsIndexPage, {HomePage, RegionPage})
        self.assertAllowedSubpageTypes(EventsIndexPage, {EventPage, CallPage})
        self.assertAllowedParentPageTypes(EventPage, {EventsIndexPage})
        self.assertAllowedParentPageTypes(CallPage, {EventsIndexPage})
        self.assertCanNotCreateAt(RegionPage, EventPage)
        self.assertCanNotCreateAt(HomePage, CallPage)

    def test_news_sits_under_a_news_index_under_the_home_page_or_a_region(self):
        self.assertAllowedParentPageTypes(NewsIndexPage, {HomePage, RegionPage})
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage})
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(NewsPage, set())
        self.assertCanNotCreateAt(RegionPage, NewsPage)
        self.assertCanNotCreateAt(HomePage, NewsPage)

    def test_a_pairing_cannot_be_created_outside_a_region(self):
        self.assertCanNotCreateAt(HomePage, PairingPage)
        self.assertCanNotCreateAt(RegionIndexPage, PairingPage)
        self.assertCanNotCreateAt(StandardPage, PairingPage)
        self.assertCanCreateAt(RegionPage, PairingPage)

    def test_there_is_one_home_page_and_one_region_index(self):
        self.assertEqual(HomePage.max_count, 1)
        self.assertEqual(RegionIndexPage.max_count, 1)

    def test_the_pairing_explorer_sits_once_under_the_home_page(self):
        self.assertAllowedParentPageTypes(PairingExplorerPage, {HomePage})
        self.assertAllowedSubpageTypes(PairingExplorerPage, set())
        self.assertEqual(PairingExplorerPage.max_count, 1)

    def test_a_library_sits_under_the_home_page_or_a_region_and_has_no_children(self):
        self.assertAllowedParentPageTypes(
            PublicationsLibraryPage, {HomePage, RegionPage}
        )
        self.assertAllowedSubpageTypes(PublicationsLibraryPage, set())
        self.assertEqual(PublicationsLibraryPage.max_count_per_parent, 1)

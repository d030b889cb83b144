"""Loading the demo content: the page tree, reference data, the 30 real pairings and the
programme's news (news.py), events and calls to apply (events.py), publications
(publications.py), maps of their places as illustrations (illustrations.py) and the
thematic networks (networks.py).

Every step finds what is already there (by a stable key: an English slug, an acronym,
a short name) and creates only what is missing. Nothing existing is changed, so the
loader can run on a database with real content, and running it twice changes nothing.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.html import escape
from django.utils.translation import override

from wagtail.models import Page, Site

from iurc_site.demo_content.events import load_events
from iurc_site.demo_content.illustrations import load_illustrations
from iurc_site.demo_content.networks import load_networks
from iurc_site.demo_content.news import load_news
from iurc_site.demo_content.publications import load_publications
from iurc_site.models import (
    HomePage,
    PhaseSubsiteLink,
    ProgrammePhasePage,
    SiteSettings,
    SocialLink,
    StandardPage,
    Testimonial,
)
from partners.models import Organisation, Place, PolicyFramework, Theme, ascii_slug
from partners.pairing_import import apply_plan, pairing_titles, plan_import, read_csv
from regions.editorial_roles import (
    COMMUNICATIONS,
    coordinators_group_name,
    setup_editorial_roles,
)
from regions.models import (
    PairingExplorerPage,
    PairingPage,
    RegionIndexPage,
    RegionPage,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_PASSWORD = "iurc-demo"  # noqa: S105 -- local development only; see README
DEMO_COMMUNICATIONS_USERNAME = "comms"
DEMO_COORDINATOR_PREFIX = "coordinator-"


def load_json(name):
    with open(DATA_DIR / name, encoding="utf-8") as handle:
        return json.load(handle)


def localized(field_name, language_code):
    return f"{field_name}_{language_code.replace('-', '_')}"


def set_translations(instance, field_name, values):
    """Set field_<lang> from {lang: value}; languages not given stay empty (English fallback)."""
    for code in LANGUAGE_CODES:
        if values.get(code):
            setattr(instance, localized(field_name, code), values[code])


def paragraphs_stream(paragraphs):
    """StreamField raw data for a list of plain-text paragraphs."""
    return [
        {"type": "paragraph", "value": f"<p>{escape(text)}</p>"} for text in paragraphs
    ]


@dataclass
class LoadReport:
    """What a run created; an empty report means everything was there already."""

    created: list = field(default_factory=list)

    def add(self, thing):
        self.created.append(str(thing))


class DemoContentLoader:
    """Creates whatever part of the demo content is missing."""

    def __init__(self, stdout=None):
        self.report = LoadReport()
        self.stdout = stdout
        # The demo pairings and news items, created now or before: they get illustrations.
        self.demo_pages = []

    # --- pages ---------------------------------------------------------------

    def child_page(self, parent, slug_en):
        """The child of `parent` with that English slug, or None."""
        page = parent.get_children().filter(slug_en=slug_en).first()
        return page.specific if page else None

    def add_page(self, parent, page, data, user=None):
        """Fill translated title/slug from `data`, add under `parent` and publish."""
        set_translations(page, "title", data["title"])
        set_translations(page, "slug", data.get("slug", {}))
        page.title = data["title"]["en"]
        page.slug = data.get("slug", {}).get("en") or ascii_slug(data["title"]["en"])
        parent.add_child(instance=page)
        page.save_revision(user=user, log_action=True).publish(user=user)
        self.report.add(page)
        return page

    def home_page(self, data):
        site = Site.objects.filter(is_default_site=True).first()
        root = Page.get_first_root_node()
        if site and isinstance(site.root_page.specific, HomePage):
            return site.root_page.specific
        home = HomePage.objects.first()
        if home is None:
            home = HomePage()
            set_translations(home, "intro", data["intro"])
            # Its slug never shows in a URL (it is the site root); "iurc" avoids Wagtail's "home".
            home = self.add_page(root, home, {**data, "slug": {"en": "iurc"}})
        if site is None:
            site = Site(
                hostname="localhost", port=80, is_default_site=True, site_name="IURC"
            )
        placeholder = site.root_page if site.pk else None
        site.root_page = home
        site.site_name = site.site_name or "IURC"
        site.save()  # through save(), so the per-language root-path caches are cleared (docs/stack-pitfalls.md, pitfall 9)
        if (
            placeholder
            and placeholder.specific_class is Page
            and not placeholder.get_children().exists()
        ):
            placeholder.delete()  # Wagtail's "Welcome to your new Wagtail site!" page
        return home

    def organisations(self, items):
        by_acronym = {}
        for item in items:
            organisation = Organisation.objects.filter(acronym=item["acronym"]).first()
            if organisation is None:
                organisation = Organisation(
                    acronym=item["acronym"], role=item["role"], url=item["url"]
                )
                set_translations(organisation, "name", item["name"])
                organisation.name = item["name"]["en"]
                organisation.save()
                self.report.add(organisation)
            by_acronym[item["acronym"]] = organisation
        return by_acronym

    def policy_frameworks(self, items):
        frameworks = []
        for item in items:
            framework = PolicyFramework.objects.filter(url=item["url"]).first()
            if framework is None:
                framework = PolicyFramework(url=item["url"])
                set_translations(framework, "name", item["name"])
                framework.name = item["name"]["en"]
                framework.save()
                self.report.add(framework)
            frameworks.append(framework)
        return frameworks

    def phases(self, home, items, organisations, frameworks):
        by_short_name = {}
        for item in items:
            phase = ProgrammePhasePage.objects.filter(
                short_name=item["short_name"]
            ).first()
            if phase is None:
                phase = ProgrammePhasePage(
                    show_in_menus=True,
                    short_name=item["short_name"],
                    phase_number=item["phase_number"],
                    start_year=item["start_year"],
                    end_year=item["end_year"],
                    subsite_kind=item["subsite_kind"],
                )
                set_translations(phase, "intro", item["intro"])
                set_translations(
                    phase, "funding_instrument", item["funding_instrument"]
                )
                phase.implementing_bodies = [
                    organisations[acronym] for acronym in item["implementing_bodies"]
                ]
                phase.policy_frameworks = [
                    frameworks[index] for index in item["policy_frameworks"]
                ]
                phase = self.add_page(home, phase, item)
            by_short_name[item["short_name"]] = phase
        return by_short_name

    def regional_rounds(self, home, items, regions):
        """The programme's later rounds, each run by one region: a phase of its own, out of
        the main menu, listed among its region's phases. The region is given the round
        once, when the round is created (an editor may take it off later)."""
        for item in items:
            if ProgrammePhasePage.objects.filter(
                short_name=item["short_name"]
            ).exists():
                continue
            phase = ProgrammePhasePage(
                show_in_menus=False,
                short_name=item["short_name"],
                phase_number=item["phase_number"],
                start_year=item["start_year"],
                end_year=item["end_year"],
                subsite_kind=ProgrammePhasePage.SubsiteKind.PAGES,
            )
            set_translations(phase, "intro", item["intro"])
            set_translations(phase, "round_name", item["round_name"])
            phase = self.add_page(home, phase, item)
            region = regions[item["region"]]
            region.phases.add(phase)
            region.save_revision(log_action=True).publish()

    def subsite_links(self, phases, items, regions):
        """Links are added once, when a phase has none (editors may have changed them since)."""
        for item in items:
            phase = phases[item["short_name"]]
            if phase.subsite_links.exists():
                continue
            links = []
            for position, link_data in enumerate(item["subsite_links"]):
                link = PhaseSubsiteLink(
                    sort_order=position, link_url=link_data.get("url", "")
                )
                if "region" in link_data:
                    link.link_page = regions[link_data["region"]]
                set_translations(link, "label", link_data["label"])
                link.label = link_data["label"]["en"]
                links.append(link)
                self.report.add(link)
            phase.subsite_links = links
            phase.save_revision(log_action=True).publish()

    def regions(self, home, index_data, items, phases):
        index = RegionIndexPage.objects.first() or self.add_page(
            home,
            self._with_intro(RegionIndexPage(show_in_menus=True), index_data),
            index_data,
        )
        by_slug = {}
        for item in items:
            region = self.child_page(index, item["slug"]["en"])
            if region is None:
                region = self._with_intro(RegionPage(countries=item["countries"]), item)
                region.phases = [phases[name] for name in item["phases"]]
                region = self.add_page(index, region, item)
            by_slug[item["slug"]["en"]] = region
        return by_slug

    def explorer(self, home, data):
        """The pairing explorer, in the main menu after the regions."""
        return PairingExplorerPage.objects.first() or self.add_page(
            home,
            self._with_intro(PairingExplorerPage(show_in_menus=True), data),
            data,
        )

    def _with_intro(self, page, data):
        set_translations(page, "intro", data.get("intro", {}))
        return page

    def about_page(self, home, data, organisations, phases):
        about = self.child_page(home, data["slug"]["en"])
        if about is not None:
            return about
        about = self._with_intro(StandardPage(show_in_menus=True), data)
        for code in LANGUAGE_CODES:
            if code not in data["paragraphs_before_testimonials"]:
                continue
            body = (
                paragraphs_stream(data["paragraphs_before_testimonials"][code])
                + [{"type": "testimonials", "value": None}]
                + paragraphs_stream(data["paragraphs_after_testimonials"][code])
                + [
                    {"type": "subsite_links", "value": {"phase": phases[short_name].pk}}
                    for short_name in ("IURC", "IUC")
                ]
            )
            setattr(about, localized("body", code), body)
        testimonials = []
        for position, item in enumerate(data["testimonials"]):
            testimonial = Testimonial(speaker=item["speaker"], sort_order=position)
            set_translations(testimonial, "quote", item["quote"])
            set_translations(testimonial, "role", item["role"])
            testimonial.quote = item["quote"]["en"]
            testimonial.role = item["role"]["en"]
            if item.get("organisation"):
                testimonial.organisation = organisations[item["organisation"]]
            if item.get("place"):
                testimonial.place = Place.objects.get(
                    country=item["place"]["country"], name_en=item["place"]["name"]
                )
            testimonials.append(testimonial)
        about.testimonials = testimonials
        return self.add_page(home, about, data)

    def pairings(self):
        """The real pairings, through the spreadsheet import, as drafts; only missing ones.

        They are published by publish_pairings() once place names are translated, so that
        each pairing is published once, with its title in every language.
        """
        plan = plan_import(read_csv((DATA_DIR / "city_pairings.csv").read_bytes()))
        if not plan.is_valid:
            raise ValueError("; ".join(str(error) for error in plan.errors))
        existing = [spec.existing for spec in plan.specs if spec.existing is not None]
        plan.specs = [spec for spec in plan.specs if spec.action == "create"]
        result = apply_plan(plan, publish=False, file_name="city_pairings.csv")
        for page in result.created:
            self.report.add(page)
        self.demo_pages.extend(existing + list(result.created))
        return result.created

    def place_facts(self):
        """Translated names everywhere; coordinates where the gazetteer has none (regions)."""
        for key, facts in load_json("places.json").items():
            country, name = key.split("/", 1)
            place = Place.objects.filter(country=country, name_en=name).first()
            if place is None:
                continue
            changed = False
            for code, value in facts.get("name", {}).items():
                if not getattr(place, localized("name", code)):
                    setattr(place, localized("name", code), value)
                    changed = True
            for attribute in ("latitude", "longitude", "population", "area_km2"):
                if attribute in facts and getattr(place, attribute) is None:
                    setattr(place, attribute, facts[attribute])
                    changed = True
            if changed:
                place.save()
                self.report.add(f"facts of {place}")

    def theme_names(self):
        for name_en, translations in load_json("themes.json").items():
            theme = Theme.objects.filter(slug=ascii_slug(name_en)).first()
            if theme is None:
                continue
            missing = {
                code: value
                for code, value in translations.items()
                if not getattr(theme, localized("name", code))
            }
            if missing:
                set_translations(theme, "name", missing)
                theme.save()
                self.report.add(f"translations of {theme}")

    def publish_pairings(self, pairings):
        """Title the new pairings in every language from their places' names, and publish them."""
        for pairing in pairings:
            pairing = PairingPage.objects.prefetch_related(
                "eu_places__place", "partner_places__place"
            ).get(pk=pairing.pk)
            titles = pairing_titles(pairing.eu_place_list, pairing.partner_place_list)
            for code in LANGUAGE_CODES:
                if code != "en" and titles[code] != titles["en"]:
                    setattr(pairing, localized("title", code), titles[code])
            pairing.save_revision(log_action=True).publish()

    def site_settings(self, data):
        site_settings = SiteSettings.load()
        if site_settings.footer_text_en:
            return
        set_translations(site_settings, "footer_text", data["footer_text"])
        set_translations(site_settings, "funding_notice", data["funding_notice"])
        site_settings.contact_email = data["contact_email"]
        site_settings.social_links = [
            SocialLink(platform=link["platform"], url=link["url"], sort_order=position)
            for position, link in enumerate(data["social_links"])
        ]
        site_settings.save()
        self.report.add(site_settings)

    def demo_admin(self):
        user_model = get_user_model()
        if user_model.objects.filter(username=DEMO_ADMIN_USERNAME).exists():
            return
        user_model.objects.create_superuser(
            DEMO_ADMIN_USERNAME, "admin@example.org", DEMO_ADMIN_PASSWORD
        )
        self.report.add(f"user {DEMO_ADMIN_USERNAME}")

    def demo_editors(self):
        """One user per role: "comms", and "coordinator-<region slug>" for each region."""
        user_model = get_user_model()
        people = [(DEMO_COMMUNICATIONS_USERNAME, COMMUNICATIONS)] + [
            (
                f"{DEMO_COORDINATOR_PREFIX}{region.slug_en}",
                coordinators_group_name(region),
            )
            for region in RegionPage.objects.order_by("path")
        ]
        for username, group_name in people:
            user = user_model.objects.filter(username=username).first()
            if user is None:
                user = user_model.objects.create_user(
                    username, f"{username}@example.org", DEMO_ADMIN_PASSWORD
                )
                self.report.add(f"user {username}")
            group = Group.objects.get(name=group_name)
            if not user.groups.filter(pk=group.pk).exists():
                user.groups.add(group)

    # --- all of it ---------------------------------------------------------------

    @transaction.atomic
    def load(self, *, with_demo_users=False):
        data = load_json("site.json")
        with override("en"):
            home = self.home_page(data["home"])
            organisations = self.organisations(data["organisations"])
            frameworks = self.policy_frameworks(data["policy_frameworks"])
            phases = self.phases(home, data["phases"], organisations, frameworks)
            regions = self.regions(home, data["region_index"], data["regions"], phases)
            self.subsite_links(phases, data["phases"], regions)
            self.regional_rounds(home, data["regional_rounds"], regions)
            new_pairings = self.pairings()
            self.place_facts()
            self.theme_names()
            self.publish_pairings(new_pairings)
            self.explorer(home, data["explorer"])
            about = self.about_page(
                home, load_json("about.json"), organisations, phases
            )
            if about.get_prev_sibling() is not None:
                about.move(home, pos="first-child")  # first in the main menu
            self.demo_pages.extend(load_news(self, home, regions))
            self.demo_pages.extend(load_events(self, home, regions))
            load_publications(self, home, regions)
            load_illustrations(self, self.demo_pages)
            # After the illustrations: members show their pairing's map.
            load_networks(self, home)
            self.site_settings(data["site_settings"])
            for change in setup_editorial_roles():
                self.report.add(f"editorial roles: {change}")
            if with_demo_users:
                self.demo_admin()
                self.demo_editors()
        return self.report

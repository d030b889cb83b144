"""Demo publications: six of the programme's real publications, as small stand-in PDFs.

The publications, with their dates and sources, are in data/publications.json; each file
is generated (publications/stand_in_pdf.py) and says that it stands in for the real
document. A library page is added under the home page and under each region. Like the
rest of the loader, only what is missing is created: a publication is found by its
English title.
"""

import hashlib

from django.conf import settings
from django.core.files.base import ContentFile

from iurc_site.models import ProgrammePhasePage
from partners.models import Place
from publications.models import Publication, PublicationsLibraryPage
from publications.stand_in_pdf import stand_in_pdf
from regions.models import PairingPage

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def load_publications(loader, home, regions):
    """Create the missing libraries and publications; `loader` is a DemoContentLoader.

    Returns the demo publications, those already there included.
    """
    from iurc_site.demo_content.loader import load_json, localized, set_translations

    data = load_json("publications.json")
    library = data["library"]
    _library(loader, home, library, library["title"])
    for region in regions.values():
        titles = {
            code: pattern.format(
                region=getattr(region, localized("title", code)) or region.title_en
            )
            for code, pattern in library["regional_title"].items()
        }
        _library(loader, region, library, titles)

    publications = []
    for item in data["publications"]:
        existing = Publication.objects.filter(title_en=item["title"]["en"]).first()
        if existing is not None:
            publications.append(existing)
            continue
        content = stand_in_pdf(
            item["title"]["en"],
            _date_text(item["date"]),
            item["source"] or "the public record of the IURC programme",
            {
                code: item["title"][code]
                for code in LANGUAGE_CODES
                if code != "en" and item["title"].get(code)
            },
            item["facts"],
        )
        publication = Publication(
            kind=item["kind"],
            file_languages=["en"],
            region=regions.get(item["region"]),
            phase=ProgrammePhasePage.objects.filter(slug_en=item["phase"]).first(),
            year=item["year"],
            source_url=item["source"],
            file_size=len(content),
            # Wagtail's own hash of a document's file: SHA-1 of its bytes.
            file_hash=hashlib.sha1(content, usedforsecurity=False).hexdigest(),
        )
        set_translations(publication, "title", item["title"])
        set_translations(publication, "summary", item["summary"])
        publication.title = item["title"]["en"]
        publication.summary = item["summary"]["en"]
        publication.file.save(f"{item['key']}.pdf", ContentFile(content), save=False)
        publication.save()
        pairing = _pairing(item["pairing"])
        if pairing is not None:
            # An action plan is about its pairing's themes. Parental many-to-many
            # links wait for commit(): a document is not a ClusterableModel.
            publication.pairings = [pairing]
            publication.themes = list(pairing.themes.all())
            publication.pairings.commit()
            publication.themes.commit()
        loader.report.add(f"publication {publication.title_en}")
        publications.append(publication)
    return publications


def _library(loader, parent, data, titles):
    library = loader.child_page(parent, data["slug"]["en"])
    if library is not None:
        return library
    page = PublicationsLibraryPage(show_in_menus=parent.depth == 2)
    loader._with_intro(page, data)
    return loader.add_page(parent, page, {"title": titles, "slug": data["slug"]})


def _date_text(value):
    """ "2024-03-04" as "4 March 2024"; other texts ("September 2020") as they are."""
    import datetime

    try:
        date = datetime.date.fromisoformat(value)
    except ValueError:
        return value
    return f"{date.day} {date:%B %Y}"


def _pairing(keys):
    """The demo pairing between the two places named "country/name", or None."""
    if not keys:
        return None
    places = []
    for key in keys:
        country, name = key.split("/", 1)
        places.append(Place.objects.filter(country=country, name_en=name).first())
    if None in places:
        return None
    eu_place, partner_place = places
    return (
        PairingPage.objects.filter(
            eu_places__place=eu_place, partner_places__place=partner_place
        )
        .order_by("pk")
        .first()
    )

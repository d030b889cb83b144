"""schema.org structured data (JSON-LD) for the programme, its pairings and places.

- The home page describes the programme as an Organization, funded by the European
  Union, and the site as a WebSite whose search takes a query (SearchAction).
- A pairing is a schema.org Project: "an enterprise, typically collaborative, planned
  to achieve a particular aim". It is a kind of Organization, so it can name its
  funder, parent organisation, start (foundingDate), themes (knowsAbout) and the
  cities or regions taking part (areaServed). Event or CreativeWork would describe a
  meeting or a document, not a years-long cooperation between places.
- A place profile describes the place as a City or an AdministrativeArea.
- A news item is a NewsArticle: headline, dates, authors (a Person, or an Organization
  for a team), image, the programme as publisher, and the places it is about.
- A thematic network is a CollectionPage: its members (places, organisations) are its
  parts (hasPart), its themes what it is about.
- A publication is a CreativeWork, or a Report for reports and final publications,
  in the languages of its file (inLanguage), with the file as its encoding.
"""

import json
from dataclasses import dataclass, field

from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, override

from iurc_site.seo.meta import page_description, social_image

SCHEMA = "https://schema.org"
EUROPEAN_UNION = {
    "@type": "GovernmentOrganization",
    "name": "European Union",
    "url": "https://european-union.europa.eu/",
}
# The characters that could end the <script> element or start markup, escaped the
# way Django's json_script escapes them.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld(data):
    """A <script type="application/ld+json"> element holding `data`, safe in HTML."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(_SCRIPT_ESCAPES)),  # noqa: S308 -- escaped above
    )


def _absolute(request, url):
    return request.build_absolute_uri(url) if url else None


def organisation_id(request, home):
    """A stable identifier for the programme: its English home address."""
    with override("en"):
        return f"{_absolute(request, home.get_url(request))}#organization"


def place_data(request, place):
    data = {
        "@type": "City" if place.kind == place.Kind.CITY else "AdministrativeArea",
        "name": place.name,
        "url": _absolute(request, place.get_absolute_url()),
        "address": {"@type": "PostalAddress", "addressCountry": place.country.code},
    }
    if place.has_coordinates:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": place.latitude,
            "longitude": place.longitude,
        }
    return data


@dataclass(frozen=True)
class SiteFacts:
    """What the programme's structured data takes from the site settings."""

    contact_email: str = ""
    same_as: list = field(default_factory=list)


def home_data(request, home, site_settings=None):
    """The programme (Organization) and the site (WebSite with its search)."""
    organisation = {
        "@type": "Organization",
        "@id": organisation_id(request, home),
        "name": home.title,
        "alternateName": "IURC",
        "url": _absolute(request, home.get_url(request)),
        "description": page_description(home),
        "image": social_image(request, getattr(home, "hero_image", None)).url,
        "funder": EUROPEAN_UNION,
    }
    if site_settings is not None:
        if site_settings.contact_email:
            organisation["email"] = site_settings.contact_email
        same_as = (
            list(site_settings.same_as)
            if isinstance(site_settings, SiteFacts)
            else [link.url for link in site_settings.social_links.all()]
        )
        if same_as:
            organisation["sameAs"] = same_as
    search_url = _absolute(request, reverse("search"))
    website = {
        "@type": "WebSite",
        "@id": f"{organisation['url']}#website",
        "url": organisation["url"],
        "name": home.title,
        "inLanguage": get_language(),
        "publisher": {"@id": organisation["@id"]},
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": f"{search_url}?q={{search_term_string}}",
            },
            "query-input": "required name=search_term_string",
        },
    }
    return {"@context": SCHEMA, "@graph": [organisation, website]}


def pairing_data(request, pairing, home=None):
    """A pairing as a schema.org Project between its places."""
    url = _absolute(request, pairing.get_url(request))
    data = {
        "@context": SCHEMA,
        "@type": "Project",
        "@id": f"{url}#pairing",
        "name": pairing.title,
        "url": url,
        "description": page_description(pairing),
        "areaServed": [place_data(request, place) for place in pairing.all_places],
        "funder": EUROPEAN_UNION,
    }
    if pairing.start_year:
        data["foundingDate"] = str(pairing.start_year)
    themes = [theme.name for theme in getattr(pairing, "theme_list", None) or []]
    if themes:
        data["knowsAbout"] = themes
    if home is not None:
        data["parentOrganization"] = {
            "@type": "Organization",
            "@id": organisation_id(request, home),
            "name": home.title,
            "alternateName": "IURC",
        }
    if pairing.source_url:
        data["sameAs"] = pairing.source_url
    return data


def news_article_data(request, news, home=None):
    """A news item as a schema.org NewsArticle."""
    url = _absolute(request, news.get_url(request))
    data = {
        "@context": SCHEMA,
        "@type": "NewsArticle",
        "@id": f"{url}#article",
        "headline": news.title[:110],
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": get_language(),
        "datePublished": news.date.isoformat(),
        "description": page_description(news),
        "image": [social_image(request, news.hero_image).url],
        "author": [
            {
                "@type": "Organization" if author.kind == "team" else "Person",
                "name": author.name,
            }
            for author in news.author_list
        ],
    }
    if news.last_published_at:
        data["dateModified"] = news.last_published_at.isoformat()
    if not data["author"] and home is not None:
        data["author"] = [{"@id": organisation_id(request, home)}]
    if home is not None:
        data["publisher"] = {
            "@type": "Organization",
            "@id": organisation_id(request, home),
            "name": home.title,
            "alternateName": "IURC",
        }
    themes = [theme.name for theme in news.theme_list]
    if themes:
        data["keywords"] = themes
    places = [place_data(request, place) for place in news.places.all()]
    if places:
        data["contentLocation"] = places
    if news.source_url:
        data["isBasedOn"] = news.source_url
    return data


ATTENDANCE_MODES = {
    "online": "https://schema.org/OnlineEventAttendanceMode",
    "in-person": "https://schema.org/OfflineEventAttendanceMode",
    "hybrid": "https://schema.org/MixedEventAttendanceMode",
}


def event_data(request, event, home=None):
    """An event as a schema.org Event: its dates with their offset, where, who organises."""
    url = _absolute(request, event.get_url(request))
    if event.all_day:
        start = event.local_start.date().isoformat()
        end = event.local_end.date().isoformat()
    else:
        start = event.local_start.isoformat()
        end = event.local_end.isoformat()
    data = {
        "@context": SCHEMA,
        "@type": "Event",
        "@id": f"{url}#event",
        "name": event.title,
        "url": url,
        "inLanguage": get_language(),
        "startDate": start,
        "endDate": end,
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": ATTENDANCE_MODES[event.attendance],
        "description": page_description(event),
        "image": [social_image(request, None).url],
    }
    locations = []
    if event.attendance in ("online", "hybrid"):
        # The page, which has the links to register and to the recording while
        # they apply (a cached copy of this data could not follow the clock).
        locations.append({"@type": "VirtualLocation", "url": url})
    if event.attendance in ("in-person", "hybrid"):
        physical = {"@type": "Place", "name": event.venue or ""}
        if event.place is not None:
            place = place_data(request, event.place)
            physical["name"] = physical["name"] or place["name"]
            physical["address"] = {
                "@type": "PostalAddress",
                "addressLocality": place["name"],
                "addressCountry": place["address"]["addressCountry"],
            }
            physical["containedInPlace"] = place
        if physical["name"]:
            locations.append(physical)
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    organisers = [
        {"@type": "Organization", "name": organisation.name}
        | ({"url": organisation.url} if organisation.url else {})
        for organisation in event.organisers.all()
    ]
    if organisers:
        data["organizer"] = organisers
    elif home is not None:
        data["organizer"] = {
            "@type": "Organization",
            "@id": organisation_id(request, home),
            "name": home.title,
        }
    sponsors = [
        {"@type": "Organization", "name": organisation.name}
        for organisation in event.supporters.all()
    ]
    if sponsors:
        data["sponsor"] = sponsors
    if event.source_url:
        data["isBasedOn"] = event.source_url
    return data


def network_data(request, network, home=None):
    """A thematic network as a schema.org CollectionPage whose parts are its members."""
    url = _absolute(request, network.get_url(request))
    parts = []
    for member in network.member_list:
        if member.place_id:
            parts.append(place_data(request, member.place))
        elif member.organisation_id:
            part = {"@type": "Organization", "name": member.organisation.name}
            if member.organisation.url:
                part["url"] = member.organisation.url
            parts.append(part)
    data = {
        "@context": SCHEMA,
        "@type": "CollectionPage",
        "@id": f"{url}#network",
        "name": network.title,
        "url": url,
        "description": page_description(network),
        "hasPart": parts,
    }
    themes = [theme.name for theme in network.theme_list]
    if themes:
        data["about"] = themes
    if home is not None:
        data["publisher"] = {
            "@type": "Organization",
            "@id": organisation_id(request, home),
            "name": home.title,
        }
    return data


# Publication types that are reports in schema.org's sense; the others are CreativeWorks.
REPORT_KINDS = {"report", "final_publication"}


def publication_data(request, publication, url, home=None):
    """A publication as a schema.org CreativeWork (or Report), with its file."""
    url = _absolute(request, url)
    data = {
        "@context": SCHEMA,
        "@type": "Report" if publication.kind in REPORT_KINDS else "CreativeWork",
        "@id": f"{url}#publication",
        "name": publication.title,
        "url": url,
        "image": social_image(request, publication.cover_image).url,
        "encoding": {
            "@type": "MediaObject",
            "contentUrl": _absolute(request, publication.url),
            "encodingFormat": publication.content_type,
        },
    }
    if publication.summary:
        data["description"] = publication.summary
    languages = list(publication.file_languages or [])
    if languages:
        data["inLanguage"] = languages[0] if len(languages) == 1 else languages
    if publication.file_size is not None:
        data["encoding"]["contentSize"] = f"{publication.file_size} B"
    if publication.year:
        data["datePublished"] = str(publication.year)
    themes = [theme.name for theme in publication.themes.all()]
    if themes:
        data["keywords"] = themes
    if home is not None:
        data["publisher"] = {
            "@type": "Organization",
            "@id": organisation_id(request, home),
            "name": home.title,
            "alternateName": "IURC",
        }
    if publication.source_url:
        data["isBasedOn"] = publication.source_url
    return data


def place_profile_data(request, place):
    return {"@context": SCHEMA, **place_data(request, place)}

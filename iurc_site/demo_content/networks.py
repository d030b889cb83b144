"""Demo thematic networks: an index under the home page and two IURC Phase II networks.

The networks and their members are in data/networks.json. A member's profile is made
from the demo data only (its country, its pairing's other places and the pairing's
themes) in every language; its photo is its pairing's generated map, if it has one,
credited as such. Like the rest of the loader, only what is missing is created: a
network that exists is left as it is, members included.
"""

from django.conf import settings
from django.utils.translation import override

from iurc_site.illustrations.captions import is_illustration
from iurc_site.models import ProgrammePhasePage
from networks.models import (
    NetworkMember,
    ThematicNetworkPage,
    ThematicNetworksIndexPage,
)
from partners.countries import country_name
from partners.models import Place, Theme
from regions.models import PairingPage

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def load_networks(loader, home):
    """Create the missing networks index and networks; returns the networks."""
    from iurc_site.demo_content.loader import load_json

    data = load_json("networks.json")
    index = loader.child_page(home, data["index"]["slug"]["en"])
    if index is None:
        index = ThematicNetworksIndexPage(show_in_menus=True)
        loader._with_intro(index, data["index"])
        index = loader.add_page(home, index, data["index"])

    networks = []
    for item in data["networks"]:
        existing = loader.child_page(index, item["slug"]["en"])
        if existing is not None:
            networks.append(existing)
            continue
        network = ThematicNetworkPage(
            phase=ProgrammePhasePage.objects.filter(short_name=item["phase"]).first()
        )
        loader._with_intro(network, item)
        network.themes = list(Theme.objects.filter(slug__in=item["themes"]))
        members = [_member(data, member) for member in item["members"]]
        network.members = [member for member in members if member is not None]
        networks.append(loader.add_page(index, network, item))
    return networks


def _member(data, item):
    from iurc_site.demo_content.loader import set_translations

    place = _place(item["place"])
    pairing = _pairing(*item["pairing"])
    if place is None or pairing is None:
        return None
    member = NetworkMember(place=place)
    set_translations(member, "profile", _profiles(data, place, pairing))
    if pairing.image is not None and is_illustration(pairing.image):
        member.photo = pairing.image
        member.photo_credit = data["photo_credit"]
        set_translations(member, "photo_licence", data["photo_licence"])
        member.photo_licence = data["photo_licence"]["en"]
    if item.get("phase_one"):
        earlier = _pairing(*item["phase_one"])
        if earlier is not None and earlier.source_url:
            member.phase_one_url = earlier.source_url
    return member


def _profiles(data, place, pairing):
    """{language: profile} from the place's country, its partners and the themes."""
    others = [other for other in pairing.all_places if other.pk != place.pk]
    themes = list(pairing.themes.order_by("name_en"))
    profiles = {}
    for code in LANGUAGE_CODES:
        with override(code):
            partners = [
                data["partner"][code].format(
                    place=other.name, country=country_name(other.country.code, code)
                )
                for other in others
            ]
            profiles[code] = data["profile"][code].format(
                place=place.name,
                country=country_name(place.country.code, code),
                partners=data["and"][code].join(partners),
                themes=data["theme_separator"][code].join(
                    str(theme.name) for theme in themes
                ),
            )
    return profiles


def _place(key):
    country, name = key.split("/", 1)
    return Place.objects.filter(country=country, name_en=name).first()


def _pairing(eu_key, partner_key):
    eu_place, partner_place = _place(eu_key), _place(partner_key)
    if eu_place is None or partner_place is None:
        return None
    return (
        PairingPage.objects.filter(
            eu_places__place=eu_place, partner_places__place=partner_place
        )
        .order_by("pk")
        .first()
    )

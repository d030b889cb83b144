"""Who may do what in the admin, role by role, through real admin requests.

The table below is the specification: for each kind of object and each action, the
roles that may do it. Every (role, object, action) is one test. Region A is Asia &
Australasia, region B is China; "coordinator_a" coordinates region A.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, Page
from wagtail.test.utils.form_data import querydict_from_html

import pytest

from iurc_site.models import ProgrammePhasePage
from newsroom.models import (
    Author,
    CallPage,
    EventPage,
    EventsIndexPage,
    NewsIndexPage,
    NewsPage,
)
from partners.models import Place, Theme
from publications.models import Publication
from regions.editorial_roles import COMMUNICATIONS, region_collection
from regions.models import PairingPage, RegionPage
from tests.publications.sample_files import pdf_bytes
from tests.support.two_factor import verified_login

ROLES = [
    "anonymous",
    "coordinator_a",
    "coordinator_b",
    "communications",
    "administrator",
]
EDITORIAL = {"communications", "administrator"}
A = {"coordinator_a"} | EDITORIAL
B = {"coordinator_b"} | EDITORIAL
NOBODY = set()

# (object, action): the roles allowed. Everything not listed here is not tested.
MATRIX = {
    # Region A and its pairings: coordinators edit and submit; only editors publish.
    ("region_a", "list"): A,
    ("region_a", "add"): A,
    ("region_a", "edit"): A,
    ("region_a", "delete"): EDITORIAL,
    ("region_a", "move"): EDITORIAL,
    ("region_a", "unpublish"): EDITORIAL,
    ("pairing_a", "list"): A,
    ("pairing_a", "edit"): A,
    ("pairing_a", "submit"): A,
    ("pairing_a", "publish"): EDITORIAL,
    ("pairing_a", "unpublish"): EDITORIAL,
    ("pairing_a", "delete"): EDITORIAL,
    ("pairing_a", "move"): EDITORIAL,
    ("draft_pairing_a", "delete"): A,  # a coordinator may delete a draft of theirs
    # Region B: the mirror image.
    ("region_b", "list"): B,
    ("region_b", "add"): B,
    ("region_b", "edit"): B,
    ("pairing_b", "list"): B,
    ("pairing_b", "edit"): B,
    ("pairing_b", "submit"): B,
    ("pairing_b", "publish"): EDITORIAL,
    ("pairing_b", "delete"): EDITORIAL,
    # Programme pages: editors only.
    ("home", "add"): EDITORIAL,
    ("home", "edit"): EDITORIAL,
    ("about", "list"): EDITORIAL,
    ("about", "edit"): EDITORIAL,
    ("about", "delete"): EDITORIAL,
    ("about", "move"): EDITORIAL,
    ("about", "unpublish"): EDITORIAL,
    ("phase", "list"): EDITORIAL,
    ("phase", "edit"): EDITORIAL,
    ("phase", "delete"): EDITORIAL,
    # News: a region's news index and items are its coordinators' like its pairings;
    # the programme-wide news is the editors'.
    ("news_index_a", "list"): A,
    ("news_index_a", "add"): A,
    ("news_index_a", "edit"): A,
    ("news_index_a", "delete"): EDITORIAL,
    ("news_a", "list"): A,
    ("news_a", "edit"): A,
    ("news_a", "submit"): A,
    ("news_a", "publish"): EDITORIAL,
    ("news_a", "unpublish"): EDITORIAL,
    ("news_a", "delete"): EDITORIAL,
    ("news_a", "move"): EDITORIAL,
    ("news_index_b", "add"): B,
    ("news_b", "edit"): B,
    ("news_b", "publish"): EDITORIAL,
    ("news_index_programme", "list"): EDITORIAL,
    ("news_index_programme", "add"): EDITORIAL,
    ("news_programme", "edit"): EDITORIAL,
    ("news_programme", "publish"): EDITORIAL,
    ("news_programme", "delete"): EDITORIAL,
    # Events and calls to apply: like news, a region's are its coordinators' (they
    # write and submit, editors publish); the programme-wide ones are the editors'.
    ("events_index_a", "list"): A,
    ("events_index_a", "add"): A,
    ("events_index_a", "edit"): A,
    ("events_index_a", "delete"): EDITORIAL,
    ("event_a", "list"): A,
    ("event_a", "edit"): A,
    ("event_a", "submit"): A,
    ("event_a", "publish"): EDITORIAL,
    ("event_a", "delete"): EDITORIAL,
    ("event_a", "move"): EDITORIAL,
    ("events_index_b", "add"): B,
    ("events_index_b", "edit"): B,
    ("events_index_programme", "list"): EDITORIAL,
    ("events_index_programme", "add"): EDITORIAL,
    ("event_programme", "edit"): EDITORIAL,
    ("event_programme", "publish"): EDITORIAL,
    ("event_programme", "delete"): EDITORIAL,
    ("call_programme", "edit"): EDITORIAL,
    ("call_programme", "publish"): EDITORIAL,
    # Thematic networks: under the home page, outside every region: the editors'.
    ("networks_index", "list"): EDITORIAL,
    ("networks_index", "add"): EDITORIAL,
    ("networks_index", "edit"): EDITORIAL,
    ("networks_index", "publish"): EDITORIAL,
    ("network", "list"): EDITORIAL,
    ("network", "edit"): EDITORIAL,
    ("network", "publish"): EDITORIAL,
    ("network", "delete"): EDITORIAL,
    # Authors of news: coordinators may add one (to sign their news), nothing more.
    ("author", "list"): A | B,
    ("author", "add"): A | B,
    ("author", "edit"): EDITORIAL,
    ("author", "delete"): EDITORIAL,
    # Reference data: coordinators may add a place, nothing more.
    ("place", "list"): A | B,
    ("place", "add"): A | B,
    ("place", "edit"): EDITORIAL,
    ("place", "delete"): EDITORIAL,
    ("theme", "list"): EDITORIAL,
    ("theme", "add"): EDITORIAL,
    ("theme", "edit"): EDITORIAL,
    # Site settings and users.
    ("settings", "edit"): EDITORIAL,
    ("users", "list"): {"administrator"},
    ("users", "add"): {"administrator"},
    ("groups", "edit"): {"administrator"},
    # Images: each coordinator in their region's collection.
    ("image_a", "list"): A,
    ("image_a", "edit"): A,
    ("image_a", "choose"): A,
    # Wagtail lets whoever may edit an image in a collection also delete it.
    ("image_a", "delete"): A,
    ("image_b", "list"): B,
    ("image_b", "edit"): B,
    ("image_b", "choose"): B,
    # Documents: each coordinator in their region's collection, of their region and
    # its pairings only; the programme's documents are the editors'.
    ("collection_a", "add_document"): A,
    ("collection_b", "add_document"): B,
    ("collection_programme", "add_document"): EDITORIAL,
    ("pairing_a", "attach_document"): A,
    ("pairing_b", "attach_document"): B,
    ("region_a", "document_region"): A,
    ("region_b", "document_region"): B,
    ("document_a", "list"): A,
    ("document_a", "edit"): A,
    ("document_a", "choose"): A,
    # As for images, whoever may edit a document in a collection may delete it.
    ("document_a", "delete"): A,
    ("document_b", "edit"): B,
    ("document_programme", "list"): EDITORIAL,
    ("document_programme", "edit"): EDITORIAL,
    ("document_programme", "delete"): EDITORIAL,
    ("document_programme", "choose"): EDITORIAL,
}


def _page_form(client, page):
    """The page editor's form data, or None if the editor does not open."""
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    if response.status_code != 200:
        return None
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    for field in page._meta.get_fields():
        if isinstance(field, StreamField):
            # A stream's inputs (body, agenda, in each language) are drawn by the
            # admin's JavaScript: sent empty here, which is enough to see who may
            # submit or publish.
            data.setdefault(f"{field.name}-count", "0")
    return data


def opens(url):
    """The action's admin screen opens (200), as opposed to a redirect or a 403."""

    def act(client, obj):
        return client.get(url(obj)).status_code == 200

    return act


def listed(index_url):
    """The object is linked from the listing it belongs in."""

    def act(client, obj):
        response = client.get(index_url(obj))
        return (
            response.status_code == 200 and obj.admin_link in response.content.decode()
        )

    return act


def submit(client, page):
    data = _page_form(client, page)
    if data is None:
        return False
    data["action-submit"] = "submit"
    client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), dict(data.lists()))
    return Page.objects.get(pk=page.pk).workflow_in_progress


def publish(client, page):
    data = _page_form(client, page)
    if data is None:
        return False
    data["title_en"] = page.title_en + " (new)"
    data["action-publish"] = "publish"
    client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), dict(data.lists()))
    return Page.objects.get(pk=page.pk).title_en.endswith("(new)")


def page_url(name):
    return lambda page: reverse(f"wagtailadmin_pages:{name}", args=[page.pk])


def add_news_url(index):
    return reverse("wagtailadmin_pages:add", args=("newsroom", "newspage", index.pk))


def add_event_url(index):
    return reverse("wagtailadmin_pages:add", args=("newsroom", "eventpage", index.pk))


def add_network_url(index):
    return reverse(
        "wagtailadmin_pages:add", args=("networks", "thematicnetworkpage", index.pk)
    )


PAGE_ACTIONS = {
    "list": opens(lambda page: reverse("wagtailadmin_explore", args=[page.pk])),
    "add": opens(page_url("add_subpage")),
    "edit": opens(page_url("edit")),
    "delete": opens(page_url("delete")),
    "move": opens(page_url("move")),
    "unpublish": opens(page_url("unpublish")),
    "submit": submit,
    "publish": publish,
}


def snippet_actions(model_name, app_label="partners"):
    def url(name, with_pk=True):
        return lambda obj: reverse(
            f"wagtailsnippets_{app_label}_{model_name}:{name}",
            args=[obj.pk] if with_pk else [],
        )

    return {
        "list": listed(url("list", with_pk=False)),
        "add": opens(url("add", with_pk=False)),
        "edit": opens(url("edit")),
        "delete": opens(url("delete")),
    }


IMAGE_ACTIONS = {
    "list": listed(lambda image: reverse("wagtailimages:index")),
    "edit": opens(lambda image: reverse("wagtailimages:edit", args=[image.pk])),
    "delete": opens(lambda image: reverse("wagtailimages:delete", args=[image.pk])),
    "choose": listed(lambda image: reverse("wagtailimages_chooser:choose")),
}


DOCUMENT_ACTIONS = {
    "list": listed(lambda doc: reverse("wagtaildocs:index")),
    "edit": opens(lambda doc: reverse("wagtaildocs:edit", args=[doc.pk])),
    "delete": opens(lambda doc: reverse("wagtaildocs:delete", args=[doc.pk])),
    "choose": listed(lambda doc: reverse("wagtaildocs_chooser:choose")),
}


def upload_document(client, title, collection, **fields):
    """Upload a PDF through the admin form; the new document, or None if refused."""
    client.post(
        reverse("wagtaildocs:add"),
        {
            "title": title,
            "collection": collection.pk,
            "kind": "report",
            "tags": "",
            "file": SimpleUploadedFile(f"{title}.pdf", pdf_bytes(title)),
            **fields,
        },
    )
    return Publication.objects.filter(title_en=title, collection=collection).first()


def document_collections():
    regions = RegionPage.objects.filter(slug_en__in=["asia-australasia", "china"])
    return [Collection.get_first_root_node()] + [
        region_collection(region) for region in regions
    ]


def add_document(client, collection):
    return upload_document(client, "Uploaded plan", collection) is not None


def attach_document(client, pairing):
    """A document of the pairing, uploaded into whichever collection the user may use."""
    return any(
        upload_document(
            client,
            "Pairing plan",
            collection,
            region=pairing.get_parent().pk,
            pairings=[pairing.pk],
        )
        for collection in document_collections()
    )


def document_region(client, region):
    return any(
        upload_document(client, "Regional plan", collection, region=region.pk)
        for collection in document_collections()
    )


# Documents of a pairing or a region, done from the document form.
DOCUMENT_PAGE_ACTIONS = {
    "attach_document": attach_document,
    "document_region": document_region,
}


def settings_open(client, _obj):
    """The settings form opens (the generic URL redirects to the one settings object)."""
    response = client.get(
        reverse("wagtailsettings:edit", args=["iurc_site", "sitesettings"]), follow=True
    )
    return response.status_code == 200 and response.request["PATH_INFO"].startswith(
        "/admin/settings/iurc_site/sitesettings/"
    )


OTHER_ACTIONS = {
    "settings": {"edit": settings_open},
    "users": {
        "list": opens(lambda _obj: reverse("wagtailusers_users:index")),
        "add": opens(lambda _obj: reverse("wagtailusers_users:add")),
    },
    "groups": {
        "edit": opens(
            lambda group: reverse("wagtailusers_groups:edit", args=[group.pk])
        )
    },
}


def actions_for(kind):
    if kind in ("place", "theme"):
        return snippet_actions(kind)
    if kind == "author":
        return snippet_actions("author", app_label="newsroom")
    if kind.startswith("image"):
        return IMAGE_ACTIONS
    if kind.startswith("document"):
        return DOCUMENT_ACTIONS
    if kind.startswith("collection"):
        return {"add_document": add_document}
    if kind.startswith("news_index"):
        # A news index takes news pages only: "add" opens their form directly.
        return {**PAGE_ACTIONS, "add": opens(add_news_url)}
    if kind.startswith("events_index"):
        # An events index takes events and calls: "add" opens the event form.
        return {**PAGE_ACTIONS, "add": opens(add_event_url)}
    if kind == "networks_index":
        # The index takes network pages only: "add" opens their form directly.
        return {**PAGE_ACTIONS, "add": opens(add_network_url)}
    return OTHER_ACTIONS.get(kind, {**PAGE_ACTIONS, **DOCUMENT_PAGE_ACTIONS})


def news_pages(demo_page, region_a, region_b):
    """The news indexes of both regions and the programme, and an item in each."""
    found = {}
    for key, index in (
        ("a", NewsIndexPage.objects.child_of(region_a).get()),
        ("b", NewsIndexPage.objects.child_of(region_b).get()),
        ("programme", demo_page("/news/")),
    ):
        found[f"news_index_{key}"] = index
        found[f"news_{key}"] = NewsPage.objects.child_of(index).live().first()
    return found


def event_pages(demo_page, region_a, region_b):
    """The events indexes of both regions and the programme, an event and a call."""
    found = {}
    for key, index in (
        ("a", EventsIndexPage.objects.child_of(region_a).get()),
        ("b", EventsIndexPage.objects.child_of(region_b).get()),
        ("programme", demo_page("/events/")),
    ):
        found[f"events_index_{key}"] = index
        event = EventPage.objects.child_of(index).live().first()
        if event is not None:
            found[f"event_{key}"] = event
    found["call_programme"] = CallPage.objects.child_of(index).live().first()
    return found


def build_objects():
    """One object of each kind, each with `admin_link`, the path its listings link to."""

    def demo_page(path_en):
        return Page.objects.get(url_path_en=f"/iurc{path_en}").specific

    region_a, region_b = (
        demo_page("/regions/asia-australasia/"),
        demo_page("/regions/china/"),
    )
    pairing_a = PairingPage.objects.child_of(region_a).live().first()
    pairing_b = PairingPage.objects.child_of(region_b).live().first()
    draft = PairingPage(title="Draft pairing", slug="draft-pairing", live=False)
    region_a.add_child(instance=draft)
    pages = {
        "region_a": region_a,
        "region_b": region_b,
        "pairing_a": pairing_a,
        "pairing_b": pairing_b,
        "draft_pairing_a": draft,
        "home": demo_page("/"),
        "about": demo_page("/about/"),
        "phase": ProgrammePhasePage.objects.get(short_name="IURC"),
        **news_pages(demo_page, region_a, region_b),
        **event_pages(demo_page, region_a, region_b),
        "networks_index": demo_page("/thematic-networks/"),
        "network": demo_page("/thematic-networks/ecological-transition-green-deal/"),
    }
    for page in pages.values():
        page.admin_link = f"/admin/pages/{page.pk}/"
    image_model = get_image_model()
    found = dict(pages)
    for key, region in (("image_a", region_a), ("image_b", region_b)):
        image = image_model.objects.create(
            # The title is what both the image listing and the chooser show.
            title=f"Photo{key.replace('_', '')}",
            file=get_test_image_file(),
            collection=region_collection(region),
        )
        image.admin_link = image.title
        found[key] = image
    for key, collection in (
        ("a", region_collection(region_a)),
        ("b", region_collection(region_b)),
        ("programme", Collection.get_first_root_node()),
    ):
        found[f"collection_{key}"] = collection
        title = f"Document{key}"
        document = Publication.objects.create(
            title=title,
            file=ContentFile(pdf_bytes(title), name=f"{title}.pdf"),
            collection=collection,
        )
        # The title is what both the document listing and the chooser show.
        document.admin_link = title
        found[f"document_{key}"] = document
    place = Place.objects.order_by("name").first()  # on the listing's first page
    place.admin_link = place.name
    found["place"] = place
    theme = Theme.objects.order_by("pk").first()
    theme.admin_link = reverse("wagtailsnippets_partners_theme:edit", args=[theme.pk])
    found["theme"] = theme
    found["settings"] = found["users"] = None
    found["groups"] = Group.objects.get(name=COMMUNICATIONS)
    author = Author.objects.order_by("name").first()
    author.admin_link = author.name
    found["author"] = author
    return found


def build_users():
    """A user for each role but the anonymous visitor."""
    User = get_user_model()

    def in_group(username, group_name):
        user = User.objects.create_user(username, password="not-a-real-password")
        user.groups.add(Group.objects.get(name=group_name))
        return user

    coordinators = {
        role: RegionPage.objects.get(slug_en=slug).title_en + " coordinators"
        for role, slug in (
            ("coordinator_a", "asia-australasia"),
            ("coordinator_b", "china"),
        )
    }
    return {
        "administrator": User.objects.create_superuser("root", "root@example.org", "x"),
        "communications": in_group("communications", COMMUNICATIONS),
        **{role: in_group(role, group) for role, group in coordinators.items()},
    }


@pytest.fixture(scope="module")
def matrix_data(django_db_setup, django_db_blocker):
    """The objects and users, made once for the module's ~250 cells.

    They live in a transaction opened here and rolled back after the module's last
    test; each test runs in a savepoint inside it (pytest-django's `db`), so what one
    cell changes (a publish, a submission) is undone before the next.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        data = build_objects(), build_users()
    try:
        yield data
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def objects(db, matrix_data):
    return matrix_data[0]


@pytest.fixture
def client_for(db, client, matrix_data):
    users = matrix_data[1]

    def log_in(role):
        if role != "anonymous":
            verified_login(client, users[role])
        return client

    return log_in


CELLS = [
    pytest.param(role, kind, action, role in allowed, id=f"{role}-{action}-{kind}")
    for (kind, action), allowed in MATRIX.items()
    for role in ROLES
]


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "kind", "action", "allowed"), CELLS)
def test_permission_matrix(client_for, objects, role, kind, action, allowed):
    client = client_for(role)

    assert actions_for(kind)[action](client, objects[kind]) is allowed


@pytest.mark.django_db
def test_coordinator_explorer_starts_at_their_region(client_for, objects):
    client = client_for("coordinator_a")
    region = objects["region_a"]

    response = client.get(reverse("wagtailadmin_explore", args=[objects["home"].pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_explore", args=[region.pk])
    html = client.get(response["Location"]).content.decode()
    assert objects["pairing_a"].admin_link in html
    assert objects["about"].admin_link not in html
    assert objects["region_b"].admin_link not in html

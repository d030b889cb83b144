"""Creating the new pairing pages of an import in bulk: a few queries for the whole file.

Wagtail's way of adding a page (add_child, save_revision, publish) costs about a
hundred queries per page: the parent is read again, the tree position computed from
the database, the page saved three times, a revision and log entries written one by
one, and every signal handler run per page. Here the pages of a file are written as
Wagtail would leave them, but in batches:

- tree positions come from one locked read of each region's last child and are
  counted on in memory; each region's `numchild` is raised once;
- the page rows (`wagtailcore_page`, then `regions_pairingpage`) are inserted in bulk,
  with every language's `url_path_<lang>` worked out from the region;
- places and themes links, revisions (whose content is what `save_revision` would
  store) and the audit log entries (wagtail.create, wagtail.publish and
  partners.import_pairing, each with its user) are inserted in bulk;
- `page_published` is still sent for each published page, so that its receivers run;
  search documents and Wagtail's search and reference indexes are written in bulk when
  the import ends (sitesearch.indexing and iurc_site.editorial.deferred_indexing defer them).

Nothing is validated here: the planner has checked every value and the slugs come
from SlugAllocator, free among their siblings in every language.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from django.utils import timezone

from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations
from wagtail.log_actions import get_active_log_context
from wagtail.models import Page, PageLogEntry, Revision
from wagtail.signals import page_published, published

from iurc_site.editorial import deferred_indexing as indexing
from iurc_site.private_apis import (
    insert_rows,
    mark_saved,
    set_cached_parent,
    tree_path,
    tree_step_number,
)
from partners.models import Place, Theme
from regions.models import PairingEuPlace, PairingPage, PairingPartnerPlace

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractUser

BATCH_SIZE = 500
IMPORT_LOG_ACTION = "partners.import_pairing"

# A pairing's EU places, partner places and themes, as saved objects.
PairingLinks = tuple[list[Place], list[Place], list[Theme]]
# What create_pages() saves for one row: (unsaved page, region id, links, row number).
NewPage = tuple[PairingPage, int, PairingLinks, int]


class TreePositions:
    """The next free tree path under each parent, from one locked read per parent.

    The parents' rows stay locked until the import's transaction ends, so that no
    other page can be added under them meanwhile (treebeard's add_child would compute
    the same path).
    """

    def __init__(self, parent_ids: Iterable[int]) -> None:
        self.parents = {
            page.pk: page
            for page in Page.objects.select_for_update().filter(pk__in=parent_ids)
        }
        self.last_step, self.added = {}, {}
        for parent in self.parents.values():
            last = (
                Page.objects.filter(
                    path__startswith=parent.path, depth=parent.depth + 1
                )
                .order_by("-path")
                .values_list("path", flat=True)
                .first()
            )
            self.last_step[parent.pk] = (
                tree_step_number(last[-Page.steplen :]) if last else 0
            )
            self.added[parent.pk] = 0

    def place(self, page: PairingPage, parent_id: int) -> None:
        """Give the page the next path under the parent, and the parent's locale."""
        parent = self.parents[parent_id]
        self.last_step[parent_id] += 1
        self.added[parent_id] += 1
        page.depth = parent.depth + 1
        page.path = tree_path(parent.path, page.depth, self.last_step[parent_id])
        page.numchild = 0
        page.locale_id = parent.locale_id
        set_cached_parent(page, parent)
        # Every language's url_path_<lang> (wagtail-modeltranslation's set_url_path).
        page.set_url_path(parent)

    def count_children(self) -> None:
        """Raise each parent's numchild by the pages added under it."""
        for parent_id, added in self.added.items():
            if added:
                Page.objects.filter(pk=parent_id).update(numchild=F("numchild") + added)


def _insert_pages(pages: list[PairingPage]) -> None:
    """INSERT the rows of new pages: the Page table, then the PairingPage table."""
    # Django refuses bulk_create on a multi-table model; the two tables are filled one
    # after the other instead, as Model.save_base would, but for all pages at once.
    Page.objects.bulk_create(pages, batch_size=BATCH_SIZE)
    for page in pages:
        page.page_ptr_id = page.id
    local_fields = PairingPage._meta.local_concrete_fields
    for start in range(0, len(pages), BATCH_SIZE):
        insert_rows(PairingPage, pages[start : start + BATCH_SIZE], local_fields)
    for page in pages:
        mark_saved(page)


def _insert_links(pages: list[PairingPage], relations: list[PairingLinks]) -> None:
    """Places and themes of the new pages; set in memory too, for their revisions."""
    eu_links, partner_links, theme_links = [], [], []
    ThemeLink = PairingPage.themes.through
    for page, (eu, partner, themes) in zip(pages, relations, strict=True):
        eu_links += [
            PairingEuPlace(pairing=page, place=place, sort_order=i)
            for i, place in enumerate(eu)
        ]
        partner_links += [
            PairingPartnerPlace(pairing=page, place=place, sort_order=i)
            for i, place in enumerate(partner)
        ]
        theme_links += [
            ThemeLink(pairingpage_id=page.pk, theme_id=theme.pk)
            for theme in dict.fromkeys(themes)
        ]
    PairingEuPlace.objects.bulk_create(eu_links, batch_size=BATCH_SIZE)
    PairingPartnerPlace.objects.bulk_create(partner_links, batch_size=BATCH_SIZE)
    ThemeLink.objects.bulk_create(theme_links, batch_size=BATCH_SIZE)
    # In memory, as modelcluster holds an edited page's relations: the revision
    # content and the indexes read them from there without a query per page.
    others = [
        relation.get_accessor_name()
        for relation in get_all_child_relations(PairingPage)
        if relation.get_accessor_name() not in ("eu_places", "partner_places")
    ]
    other_m2m = [
        field.name
        for field in get_all_child_m2m_relations(PairingPage)
        if field.name != "themes"
    ]
    by_page = {}
    for link in eu_links + partner_links:
        by_page.setdefault((type(link), link.pairing_id), []).append(link)
    for page, (_eu, _partner, themes) in zip(pages, relations, strict=True):
        page.eu_places = by_page.get((PairingEuPlace, page.pk), [])
        page.partner_places = by_page.get((PairingPartnerPlace, page.pk), [])
        page.themes = list(dict.fromkeys(themes))
        for name in others + other_m2m:
            setattr(page, name, [])


def _insert_revisions(
    pages: list[PairingPage],
    *,
    user: AbstractUser | None,
    publish: bool,
    now: datetime.datetime,
) -> list[Revision]:
    """One revision per page, as save_revision() stores it; then point the pages at it."""
    page_type = ContentType.objects.get_for_model(PairingPage)
    base_type = ContentType.objects.get_for_model(Page)
    revisions = Revision.objects.bulk_create(
        [
            Revision(
                content_type=page_type,
                base_content_type=base_type,
                object_id=str(page.pk),
                user=user,
                created_at=now,
                content=page.serializable_data(),
                object_str=str(page),
            )
            for page in pages
        ],
        batch_size=BATCH_SIZE,
    )
    for page, revision in zip(pages, revisions, strict=True):
        page.latest_revision = revision
        page.live_revision = revision if publish else None
    Page.objects.bulk_update(
        pages, ["latest_revision", "live_revision"], batch_size=BATCH_SIZE
    )
    return revisions


def _insert_log_entries(
    pages: list[PairingPage],
    revisions: list[Revision],
    *,
    user: AbstractUser | None,
    publish: bool,
    now: datetime.datetime,
    entry_data: list[dict[str, object]],
) -> None:
    """The audit log of each page: created, published (if so) and imported, one action."""
    page_type = ContentType.objects.get_for_model(PairingPage)
    user = user or get_active_log_context().user
    entries = []
    for page, revision, data in zip(pages, revisions, entry_data, strict=True):
        action_uuid = uuid.uuid4()  # the three entries are one action in the history
        common = {
            "page": page,
            "content_type": page_type,
            "label": page.get_admin_display_title(),
            "timestamp": now,
            "uuid": action_uuid,
        }
        entries.append(
            PageLogEntry(
                action="wagtail.create",
                user=user or page.owner,
                content_changed=True,
                data={},
                **common,
            )
        )
        if publish:
            entries.append(
                PageLogEntry(
                    action="wagtail.publish",
                    user=user,
                    revision=revision,
                    content_changed=True,
                    data={},
                    **common,
                )
            )
        entries.append(
            PageLogEntry(action=IMPORT_LOG_ACTION, user=user, data=data, **common)
        )
    PageLogEntry.objects.bulk_create(entries, batch_size=BATCH_SIZE)


def create_pages(
    new_pages: list[NewPage],
    *,
    user: AbstractUser | None,
    publish: bool,
    file_name: str,
) -> list[PairingPage]:
    """Save new pairing pages under their regions, live or as drafts, in bulk.

    `new_pages` is a list of (unsaved PairingPage with its fields set, region id,
    (EU places, partner places, themes), import row number).
    """
    if not new_pages:
        return []
    now = timezone.now()
    positions = TreePositions({region_id for _page, region_id, *_rest in new_pages})
    pages, relations, entry_data = [], [], []
    for page, region_id, links, row_number in new_pages:
        positions.place(page, region_id)
        page.owner = page.owner or user
        page.draft_title = page.title
        page.live = publish
        page.has_unpublished_changes = not publish
        page.latest_revision_created_at = now
        if publish:
            page.first_published_at = page.last_published_at = now
        pages.append(page)
        relations.append(links)
        entry_data.append({"row": row_number, "file": file_name, "action": "create"})
    _insert_pages(pages)
    positions.count_children()
    _insert_links(pages, relations)
    revisions = _insert_revisions(pages, user=user, publish=publish, now=now)
    _insert_log_entries(
        pages, revisions, user=user, publish=publish, now=now, entry_data=entry_data
    )
    for page, revision in zip(pages, revisions, strict=True):
        indexing.defer(page)  # Wagtail's search and reference indexes
        if publish:
            # The receivers see each page published, as after an editor's publish;
            # sitesearch notes it and writes its documents with the others at the end.
            page_published.send(sender=PairingPage, instance=page, revision=revision)
            published.send(sender=PairingPage, instance=page, revision=revision)
    return pages

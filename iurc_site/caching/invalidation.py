"""What visitors see: the one list of what changes it, and the one handler that reacts.

Every change below calls `content_changed()`, which does the two things a change needs:
- bumps the content version (caching/content_version.py), so that cached fragments,
  routes and facet counts are computed anew, and
- bumps the page-cache generation once the transaction commits (caching/generation.py),
  so that no stored page is served again, and purges a front-end cache if one is
  configured (caching/frontend.py).

They are two numbers on purpose: a page-cache hit must not touch the database, so its
number lives in the shared cache only, while the content version is kept in the
database so that each process's own fragments stay right while Redis is away.

A new content type that pages show registers here, in SHOWN_MODELS (saved or deleted,
it empties the caches); a new page type needs nothing: every page type is covered.
docs/architecture.md draws the whole path.
"""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save

from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from iurc_site.caching import content_version
from iurc_site.caching.generation import bump_generation_after_commit

# Models outside the page tree that pages show: saving or deleting one changes pages.
SHOWN_MODELS = [
    "partners.Place",
    "partners.Theme",
    "partners.Organisation",
    "partners.PolicyFramework",
    "newsroom.Author",
    "iurc_site.SiteSettings",
    "iurc_site.SocialLink",
    "iurc_site.Testimonial",
    "iurc_site.SiteImage",
    "publications.Publication",  # a replaced file changes the links to it (/documents/<id>/<name>)
    "wagtailredirects.Redirect",
    "wagtailcore.PageViewRestriction",
    "wagtailcore.CollectionViewRestriction",  # which publications are listed and searched
    "wagtailcore.Site",
]
# Apps whose many-to-many relations pages show (a pairing's themes, ...).
SHOWN_APPS = {
    "iurc_site",
    "partners",
    "regions",
    "newsroom",
    "publications",
    "networks",
}
# Fields of a page that only editors see: saving a draft of a live page touches these.
EDITORIAL_FIELDS = {
    "wagtail_admin_comments",
    "latest_revision_created_at",
    "draft_title",
    "latest_revision",
    "has_unpublished_changes",
    "locked",
    "locked_by",
    "locked_at",
    "numchild",
}


def content_changed(sender=None, raw=False, **kwargs) -> None:
    """Something visitors see changed: make every cached page and fragment stale.

    Callable as a signal handler or directly (scripts that write to the tables).
    """
    if raw:  # loading fixtures
        return
    content_version.bump()
    bump_generation_after_commit()


def page_saved(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    """A live page saved directly (scripts, data fixes) changes what visitors see.

    Publishing also sends page_published; saving a draft does not change a live page.
    """
    if raw or not instance.live:
        return
    if update_fields is not None and set(update_fields) <= EDITORIAL_FIELDS:
        return
    content_changed()


def page_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        content_changed()


def relation_changed(sender, action, **kwargs) -> None:
    if action.startswith("post_") and sender._meta.app_label in SHOWN_APPS:
        content_changed()


def connect() -> None:
    """Connect the handlers (called from IurcSiteConfig.ready)."""
    uid = "iurc_site.caching.invalidation"
    page_published.connect(content_changed, dispatch_uid=f"{uid}.published")
    page_unpublished.connect(content_changed, dispatch_uid=f"{uid}.unpublished")
    post_page_move.connect(content_changed, dispatch_uid=f"{uid}.moved")
    post_delete.connect(page_deleted, dispatch_uid=f"{uid}.page_deleted")
    m2m_changed.connect(relation_changed, dispatch_uid=f"{uid}.m2m")
    for model in apps.get_models():
        if issubclass(model, Page):
            post_save.connect(
                page_saved, sender=model, dispatch_uid=f"{uid}.saved.{model._meta}"
            )
    for label in SHOWN_MODELS:
        model = apps.get_model(label)
        post_save.connect(
            content_changed, sender=model, dispatch_uid=f"{uid}.s.{label}"
        )
        post_delete.connect(
            content_changed, sender=model, dispatch_uid=f"{uid}.d.{label}"
        )

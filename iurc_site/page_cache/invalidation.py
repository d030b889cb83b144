"""What empties the page cache: every change a visitor could see, in any language."""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save

from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from iurc_site.page_cache.generation import bump_generation_after_commit

# Models outside the page tree that pages show; saving or deleting one empties the cache.
SHOWN_MODELS = (
    "partners.Place",
    "partners.Theme",
    "partners.Organisation",
    "partners.PolicyFramework",
    "iurc_site.SiteSettings",
    "iurc_site.SocialLink",
    "iurc_site.Testimonial",
    "iurc_site.SiteImage",
    "wagtailredirects.Redirect",
    "wagtailcore.PageViewRestriction",
    "wagtailcore.Site",
)
# The apps whose many-to-many relations pages show (a pairing's themes, ...).
SHOWN_APPS = {"iurc_site", "partners", "regions"}
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


def content_changed(sender=None, raw=False, **kwargs):
    """A change that pages show: empty the page cache once the transaction commits."""
    if not raw:  # raw: loading fixtures
        bump_generation_after_commit()


def page_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    # Publishing sends page_published; a live page saved directly (scripts, data fixes)
    # changes what visitors see without it. Saving a draft does not.
    if raw or not instance.live:
        return
    if update_fields is not None and set(update_fields) <= EDITORIAL_FIELDS:
        return
    bump_generation_after_commit()


def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        bump_generation_after_commit()


def relation_changed(sender, action, **kwargs):
    if action.startswith("post_") and sender._meta.app_label in SHOWN_APPS:
        bump_generation_after_commit()


def connect():
    """Connect the handlers (called from IurcSiteConfig.ready)."""
    uid = "iurc_site.page_cache"
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

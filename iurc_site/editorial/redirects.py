"""Permanent redirects from a page's old URLs in every language, when its URL changes.

Wagtail creates a redirect only in the language that is active when a slug changes
(docs/stack-pitfalls.md, pitfall 7): a new Malay slug would leave the old Malay URL a 404, and a
moved page would keep its old URL only in English. Here every save of a live page
compares its URL path in each language before and after; for each language that
changed, the old public URL (with its language prefix: /ms/wilayah/lama/) of the page
and of each of its live descendants answers 301 to where the page is now. A move is
covered too: it saves the page with its new URL paths. Wagtail's own automatic
redirects are off (WAGTAILREDIRECTS_AUTO_CREATE = False), so that there is one mechanism.
"""

from django.conf import settings
from django.db.models.signals import post_save, pre_save
from django.urls import reverse
from django.utils.translation import override

from modeltranslation.utils import build_localized_fieldname
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
URL_PATH_FIELDS = {
    code: build_localized_fieldname("url_path", code) for code in LANGUAGE_CODES
}
# A save that writes none of these cannot change a URL (e.g. saving a revision).
URL_FIELDS = {
    "slug",
    "url_path",
    *URL_PATH_FIELDS.values(),
    *(build_localized_fieldname("slug", code) for code in LANGUAGE_CODES),
}


def public_path(code, url_path, root_url_path):
    """/ms/wilayah/lama/ for a page whose url_path is /iurc/wilayah/lama/ under /iurc/."""
    with override(code):
        return reverse("wagtail_serve", args=(url_path[len(root_url_path) :],))


def _url_paths(pks):
    """{page id: {language: url_path}} read straight from the columns."""
    rows = (
        Page.objects.rewrite(False)
        .filter(pk__in=pks)
        .values("pk", "live", *URL_PATH_FIELDS.values())
    )
    return {row.pop("pk"): row for row in rows}


def remember_url_paths(sender, instance, raw=False, update_fields=None, **kwargs):
    """pre_save: note a live page's URL paths as the database still has them."""
    if raw or instance.pk is None or not isinstance(instance, Page):
        return
    if update_fields is not None and not URL_FIELDS.intersection(update_fields):
        return
    before = _url_paths([instance.pk]).get(instance.pk)
    if before and before["live"]:
        instance._url_paths_before = before


def redirect_old_urls(sender, instance, raw=False, **kwargs):
    """post_save: redirect each URL of the page (and its descendants) that changed."""
    before = instance.__dict__.pop("_url_paths_before", None)
    if raw or before is None:
        return
    changed = {}
    for code, field in URL_PATH_FIELDS.items():
        old, new = before[field], getattr(instance, field, None)
        if old and new and old != new:
            changed[code] = (old, new)
    if changed:
        create_redirects(instance, changed)


def create_redirects(page, changed):
    """301 redirects for `changed` = {language: (old url_path, new url_path)}."""
    sites = list(Site.objects.all())
    roots = _url_paths([site.root_page_id for site in sites])
    descendants = (
        Page.objects.rewrite(False)
        .filter(path__startswith=page.path, depth__gt=page.depth, live=True)
        .values("pk", *URL_PATH_FIELDS.values())
    )
    redirects, now_served = {}, set()
    for code, (old, new) in changed.items():
        field = URL_PATH_FIELDS[code]
        moved = [(page.pk, old, new)]
        for descendant in descendants:
            current = descendant[field] or ""
            # Descendants' paths may not be updated yet (they are after this save).
            for prefix in (new, old):
                if current.startswith(prefix):
                    rest = current[len(prefix) :]
                    moved.append((descendant["pk"], old + rest, new + rest))
                    break
        for site in sites:
            root = roots.get(site.root_page_id, {}).get(field)
            if not root:
                continue
            for page_id, old_path, new_path in moved:
                if old_path.startswith(root):
                    path = Redirect.normalise_path(public_path(code, old_path, root))
                    redirects[(site.pk, path)] = page_id
                if new_path.startswith(root):
                    path = Redirect.normalise_path(public_path(code, new_path, root))
                    now_served.add((site.pk, path, page_id == page.pk))
    # A page that takes back an earlier URL of its own must not be sent away from it.
    for site_id, path, is_page in now_served:
        redirects.pop((site_id, path), None)
        if is_page:
            Redirect.objects.filter(
                site_id=site_id, old_path=path, automatically_created=True
            ).delete()
    Redirect.objects.bulk_create(
        [
            Redirect(
                site_id=site_id,
                old_path=old_path,
                redirect_page_id=page_id,
                is_permanent=True,
                automatically_created=True,
            )
            for (site_id, old_path), page_id in redirects.items()
        ],
        update_conflicts=True,
        unique_fields=["old_path", "site"],
        update_fields=["redirect_page", "redirect_link", "is_permanent"],
    )


def connect_signal_handlers():
    pre_save.connect(remember_url_paths, dispatch_uid="iurc_site.remember_url_paths")
    post_save.connect(redirect_old_urls, dispatch_uid="iurc_site.redirect_old_urls")

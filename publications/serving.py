"""Who may download a document: private documents are not found by the public.

Documents are served only through Wagtail's view (WAGTAILDOCS_SERVE_METHOD =
"serve_view"), which runs the `before_serve_document` hooks. This one runs before
Wagtail's own collection check and answers 404, so that nobody learns that a private
document exists:

- to whoever does not pass a login or group restriction of the document's collection
  (a password restriction keeps Wagtail's password form: the password is its way in);
- to whoever may not see any page that uses the document, when pages use it and
  nothing else does (Wagtail's reference index). A page is seen by a visitor when it
  is live and every view restriction on it or its ancestors lets them in. A document
  used by no page, by a public page or by something other than a page stays public.

Editors who may change or choose the document get it whatever its use.
"""

from django.contrib.contenttypes.models import ContentType
from django.http import Http404

from wagtail.documents import get_document_model
from wagtail.models import BaseViewRestriction, Page, ReferenceIndex
from wagtail.permissions import policy_registry


def may_manage(user, document):
    if not user.is_authenticated:
        return False
    policy = policy_registry.get_by_type(get_document_model())
    return policy.user_has_any_permission_for_instance(
        user, ["change", "choose"], document
    )


def refused_by_collection(document, request):
    return any(
        restriction.restriction_type != BaseViewRestriction.PASSWORD
        and not restriction.accept_request(request)
        for restriction in document.collection.get_view_restrictions()
    )


def page_can_be_seen(page, request):
    if not page.live:
        return False
    return all(
        restriction.accept_request(request)
        for restriction in page.get_view_restrictions()
    )


def refused_by_pages(document, request):
    """Pages use the document, nothing else does, and the visitor sees none of them."""
    page_type = ContentType.objects.get_for_model(Page).pk
    page_ids = set()
    for base_type, object_id in (
        ReferenceIndex.get_references_to(document)
        .values_list("base_content_type_id", "object_id")
        .distinct()
    ):
        if base_type != page_type:
            return False
        page_ids.add(object_id)
    if not page_ids:
        return False
    pages = Page.objects.filter(pk__in=page_ids)
    return not any(page_can_be_seen(page, request) for page in pages)


def refuse_private_documents(document, request):
    """The `before_serve_document` hook (publications/wagtail_hooks.py)."""
    if may_manage(request.user, document):
        return None
    if refused_by_collection(document, request) or refused_by_pages(document, request):
        raise Http404("No document here.")
    return None

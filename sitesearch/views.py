"""The search page (/<lang>/search/?q=) and its autocomplete endpoint."""

import hashlib

from django.conf import settings
from django.core.paginator import Paginator
from django.http import JsonResponse, QueryDict
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from iurc_site.caching import content_version
from sitesearch.models import SearchDocument
from sitesearch.query import MAX_MATCHES, add_urls, search, suggest
from sitesearch.text import MAX_QUERY_CHARACTERS, MAX_QUERY_WORDS

RESULTS_PER_PAGE = 20
SEARCH_CACHE_SECONDS = 10 * 60
PREVIEW_PER_KIND = 5


def _first(request, name):
    """The first value of a parameter given once or more (?q=a&q=b reads "a")."""
    values = request.GET.getlist(name)
    return values[0] if values else ""


def _page_number(raw, page_count, notices):
    """The page to show, with a notice when the asked-for page is not one."""
    if not raw:
        return 1
    try:
        number = int(raw)
    except ValueError:
        notices.append(
            _("“%(page)s” is not a page number; showing the first page.")
            % {"page": raw[:20]}
        )
        return 1
    if number < 1:
        notices.append(_("Pages start at 1; showing the first page."))
        return 1
    if number > page_count:
        notices.append(
            _("There is no page %(page)s; showing the last page, %(last)s.")
            % {"page": number, "last": page_count}
        )
        return page_count
    return number


def _notices(results):
    notices = []
    if results.was_shortened:
        notices.append(
            _(
                "Your search was very long: only its first %(count)s characters were used."
            )
            % {"count": MAX_QUERY_CHARACTERS}
        )
    if results.too_many_words:
        notices.append(
            _("Only the first %(count)s words of your search were used.")
            % {"count": MAX_QUERY_WORDS}
        )
    if results.reached_limit:
        notices.append(
            _("Showing the %(count)s best matches. Add words to narrow your search.")
            % {"count": MAX_MATCHES}
        )
    return notices


def _groups(results, request, kind, notices):
    """The results by type: a preview of each, or one type's page of results."""
    groups = []
    page_obj = None
    for value, label in SearchDocument.Kind.choices:
        matches = results.of_kind(value)
        if not matches or (kind and kind != value):
            continue
        group = {"kind": value, "label": label, "count": len(matches)}
        if kind:
            paginator = Paginator(matches, RESULTS_PER_PAGE)
            number = _page_number(_first(request, "page"), paginator.num_pages, notices)
            page_obj = paginator.page(number)
            group["matches"] = add_urls(page_obj.object_list, request)
        else:
            group["matches"] = add_urls(matches[:PREVIEW_PER_KIND], request)
            group["has_more"] = len(matches) > PREVIEW_PER_KIND
        groups.append(group)
    return groups, page_obj


def _canonical_params(query, kind, page_obj):
    """The parameters of this results page's own address, cleaned."""
    params = QueryDict(mutable=True)
    if query:
        params["q"] = query
    if kind:
        params["type"] = kind
    if page_obj is not None and page_obj.number > 1:
        params["page"] = str(page_obj.number)
    return params


@require_GET
def search_view(request):
    """Search the site in the visitor's language; results grouped by type."""
    raw_query = _first(request, "q")
    kind = _first(request, "type")
    notices = []
    if kind and kind not in SearchDocument.Kind.values:
        notices.append(
            _("There is no result type “%(type)s”; showing results of every type.")
            % {"type": kind[:40]}
        )
        kind = ""
    context = {
        "query": "",
        "kind": kind,
        "notices": notices,
        "results": None,
        "canonical_params": QueryDict(mutable=True),
    }
    if raw_query.strip():
        # The same search gives the same results until something is published: kept
        # under the content version, per language and host (the results' addresses).
        page = _first(request, "page")
        digest = hashlib.sha256("\x1f".join([raw_query, kind, page]).encode())
        found = content_version.cached_for(
            request,
            ["search", get_language(), digest.hexdigest()[:32]],
            lambda: _search(raw_query, kind, request),
            SEARCH_CACHE_SECONDS,
        )
        context.update(found, notices=[*notices, *found["notices"]])
    return render(request, "sitesearch/search.html", context)


def _search(raw_query, kind, request):
    """The search page's context for a query: results, groups, page, notices."""
    notices = []
    results = search(raw_query)
    notices.extend(_notices(results))
    if kind and results.matches and not results.of_kind(kind):
        notices.append(
            _("Nothing was found in “%(type)s”; showing results of every type.")
            % {"type": SearchDocument.Kind(kind).label}
        )
        kind = ""
    groups, page_obj = _groups(results, request, kind, notices)
    return {
        "kind": kind,
        "query": results.query,
        "results": results,
        "groups": groups,
        "page_obj": page_obj,
        "total": len(results.of_kind(kind) if kind else results.matches),
        "kind_label": str(dict(SearchDocument.Kind.choices).get(kind, "")),
        "canonical_params": _canonical_params(results.query, kind, page_obj),
        "language_name": str(dict(settings.LANGUAGES).get(results.language, "")),
        "notices": notices,
    }


@require_GET
def suggest_view(request):
    """Up to eight titles in the visitor's language starting with what they typed (JSON)."""
    kinds = dict(SearchDocument.Kind.choices)
    suggestions = [
        {
            "title": match.title,
            "url": match.url,
            "kind": str(kinds.get(match.kind, "")),
            "lang": match.title_language,
        }
        for match in suggest(_first(request, "q"))
    ]
    response = JsonResponse({"language": get_language(), "results": suggestions})
    response["Cache-Control"] = "public, max-age=300"
    return response

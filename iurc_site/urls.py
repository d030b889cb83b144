"""URLs: the admin outside the language prefix, every public page inside it (/en/, /ms/, ...)."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from iurc_site.accounts.urls import webauthn_patterns
from iurc_site.illustrations import views as illustration_views
from iurc_site.seo import views as seo_views
from iurc_site.web import views as web_views
from opendata.api import api

urlpatterns = [
    path("robots.txt", seo_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", seo_views.sitemap_index, name="sitemap"),
    path(
        "sitemap-<slug:section>.xml", seo_views.sitemap_section, name="sitemap_section"
    ),
    path("", include("opendata.metadata_urls")),
    # The second login step and passkeys (docs/two-factor.md), before Wagtail's admin.
    path("admin/two-factor/", include("iurc_site.accounts.urls")),
    path("admin/two-factor/webauthn/", include(webauthn_patterns)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # The JSON API, one address for every language (?lang=): docs/api.md.
    path("api/v1/", api.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

if settings.BENCH_BASELINE_VIEW:
    # Only in the server `make bench` starts (see BENCH_BASELINE_VIEW in settings).
    urlpatterns.append(path("bench/baseline/", web_views.bench_baseline))

# Wagtail's catch-all must stay last.
urlpatterns += i18n_patterns(
    path("", include("opendata.urls")),
    path("", include("partners.urls")),
    path("", include("sitesearch.urls")),
    path("", include("regions.urls")),
    path("", include("newsroom.urls")),
    path(
        "og/<int:page_id>.png",
        illustration_views.open_graph_image,
        name="open_graph_image",
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler404 = "iurc_site.web.errors.page_not_found"
handler500 = "iurc_site.web.errors.server_error"

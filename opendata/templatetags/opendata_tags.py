"""Template tags of the open data: the download links of an explorer view."""

from django import template
from django.urls import reverse

from opendata.catalogue import DOWNLOAD_FORMATS

register = template.Library()


@register.inclusion_tag("opendata/download_links.html")
def download_links(query):
    """Links to the pairings of an explorer view (its filters, a QueryDict) in every format."""
    encoded = query.urlencode()
    return {
        "downloads": [
            {
                "label": download.label,
                "extension": download.extension,
                "url": reverse(
                    "pairings_download", kwargs={"extension": download.extension}
                )
                + (f"?{encoded}" if encoded else ""),
            }
            for download in DOWNLOAD_FORMATS
        ]
    }

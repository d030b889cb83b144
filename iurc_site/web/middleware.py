"""Request middleware of our own."""

from django.conf import settings
from django.utils import translation


class AdminInEnglishMiddleware:
    """Run the Wagtail admin in English, whatever the browser's Accept-Language says.

    With the admin in another language, saving a page overwrites the untranslated
    `title` column, and the page explorer then shows that language to every editor
    (docs/stack-pitfalls.md, pitfall 6). Place right after LocaleMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/admin/"

    def __call__(self, request):
        if request.path_info.startswith(self.admin_prefix):
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE
        return self.get_response(request)

"""Media on S3-compatible storage with the documents private on the bucket.

Images are public objects with stable unsigned URLs (pages, the page cache and the
CDN keep them). Documents, which may be private, are stored with a private ACL and
their storage URL is signed and short-lived, so the bucket answers 403 to a link
without signature; visitors get documents through Wagtail's serve view only
(WAGTAILDOCS_SERVE_METHOD = "serve_view"), after its checks (publications/serving.py).
"""

from storages.backends.s3 import S3Storage
from storages.utils import clean_name

# Where Wagtail's document field stores files (AbstractDocument.file upload_to).
PRIVATE_PREFIXES = ("documents/",)
# Seconds a signed document URL stays valid; only editors' tools ever see one.
SIGNED_URL_SECONDS = 300


class MediaStorage(S3Storage):
    """S3Storage with one more option, `documents_acl`: the canned ACL of documents.

    "private" by default. A bucket with ACLs disabled (S3's "bucket owner enforced",
    the default of new AWS buckets) accepts only "bucket-owner-full-control", which
    is private too; its bucket policy must then grant public reads only under images/
    and original_images/ (docs/publications.md).
    """

    private_prefixes = PRIVATE_PREFIXES

    def __init__(self, **settings):
        super().__init__(**settings)
        signed = {
            name: value for name, value in settings.items() if name != "documents_acl"
        }
        # The same bucket, addressed with signed URLs and never through a public CDN.
        self.signing_storage = S3Storage(
            **{
                **signed,
                "querystring_auth": True,
                "querystring_expire": SIGNED_URL_SECONDS,
                "custom_domain": None,
            }
        )

    def get_default_settings(self):
        return {**super().get_default_settings(), "documents_acl": "private"}

    def is_private(self, name):
        return clean_name(name).lstrip("/").startswith(self.private_prefixes)

    def get_object_parameters(self, name):
        params = super().get_object_parameters(name)
        if self.is_private(name):
            params["ACL"] = self.documents_acl or "private"
        return params

    def url(self, name, parameters=None, expire=None, http_method=None):
        if self.is_private(name):
            return self.signing_storage.url(name, parameters, expire, http_method)
        return super().url(name, parameters, expire, http_method)

"""The publications' admin and serving hooks."""

from wagtail import hooks

from publications.serving import refuse_private_documents

# Before Wagtail's own collection check (order 0), so that a private document answers
# 404 rather than a login page that tells it exists.
hooks.register("before_serve_document", refuse_private_documents, order=-10)

"""Fixtures of the library's tests (registered in tests/conftest.py): publications made
in the test, and the libraries."""

import itertools

from django.core.files.base import ContentFile

import pytest

from publications.models import Publication, PublicationsLibraryPage

_numbers = itertools.count(1)


@pytest.fixture
def make_publication(db):
    """make_publication(title="...", kind="report", region=..., year=2022, ...)."""

    def make(title=None, *, themes=(), pairings=(), content=b"%PDF-1.4 test", **fields):
        number = next(_numbers)
        title = title or f"Test publication {number}"
        fields.setdefault("file_languages", ["en"])
        publication = Publication(title=title, title_en=title, **fields)
        publication.file.save(
            f"test-publication-{number}.pdf", ContentFile(content), save=False
        )
        publication.file_size = len(content)
        publication.save()
        # Parental many-to-many links wait for commit() (a document is not a
        # ClusterableModel, whose save() would commit them).
        publication.themes = list(themes)
        publication.pairings = list(pairings)
        publication.themes.commit()
        publication.pairings.commit()
        return publication

    return make


@pytest.fixture
def programme_library(demo_page):
    return demo_page("/library/")


@pytest.fixture
def library_of(demo_page):
    """library_of("china"): the library page of that region."""

    def find(region_slug):
        region = demo_page(f"/regions/{region_slug}/")
        return PublicationsLibraryPage.objects.child_of(region).get()

    return find

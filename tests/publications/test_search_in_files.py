"""Visitors find publications by the words inside their files, in every site language;
private publications stay out of the public search."""

from io import StringIO
from urllib.parse import quote

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import translation

from wagtail.models import Collection, CollectionViewRestriction

import pytest
from bs4 import BeautifulSoup

from iurc_site.settings.base import task_backends
from publications import extraction
from publications.models import Publication
from publications.urls_for import public_url
from sitesearch.documents import FILE_WORDS_MAX_BYTES
from sitesearch.indexing import language_codes
from sitesearch.models import SearchDocument
from sitesearch.text import long_text_words
from tests.publications.pdfs import CHINESE_FONT, THAI_FONT, pdf_bytes
from tests.publications.uploads import replace_file, upload

pytestmark = pytest.mark.django_db
THAI_PHRASE = "ป่าชายเลนลำพูนยั่งยืน"  # "sustainable Lamphun mangroves"
CHINESE_PHRASE = "红树林湿地修复"  # "mangrove wetland restoration"
ENGLISH_PHRASE = "Vanadinite rooftop orchards"


def search(client, language_code, query):
    response = client.get(f"/{language_code}/search/?q={quote(query)}")
    assert response.status_code == 200
    return response


def address(publication, language):
    """Where a result for the publication links in that language: its library page."""
    with translation.override(language):
        return public_url(publication)


def result_links(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return {
        link["href"]: link.get_text(strip=True)
        for link in soup.select("#results-publication ~ ol .search-result__title a")
    }


def in_other_languages(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.select_one(".notice--info") is not None


def publication_with(text, font=None, title="Urban mangroves", **fields):
    return Publication.objects.create(
        title=title,
        file=ContentFile(pdf_bytes(text, font=font), name="mangroves.pdf"),
        **fields,
    )


def test_a_thai_phrase_in_a_file_is_found_from_the_thai_and_the_english_search(
    client, superuser_client
):
    publication = upload(
        superuser_client,
        "lamphun.pdf",
        pdf_bytes(f"รายงาน {THAI_PHRASE} ของเมือง", font=THAI_FONT),
        title="Lamphun mangroves",
    )
    assert publication.extraction_status == Publication.Extraction.DONE

    thai = search(client, "th", THAI_PHRASE)
    english = search(client, "en", THAI_PHRASE)
    word = search(client, "th", "ป่าชายเลน")  # one word of the phrase, inside it

    for language, response in (("th", thai), ("en", english), ("th", word)):
        assert result_links(response) == {
            address(publication, language): "Lamphun mangroves"
        }
        # Found in the visitor's own language, not as a fallback to another one.
        assert not in_other_languages(response)


def test_an_english_phrase_in_a_file_is_found_from_english(client):
    publication = publication_with(f"The pairing planted {ENGLISH_PHRASE} in Penang.")

    response = search(client, "en", f'"{ENGLISH_PHRASE}"')

    # The result is the publication's page in the library, not the bare file.
    assert address(publication, "en").startswith("/en/library/")
    assert result_links(response) == {address(publication, "en"): "Urban mangroves"}
    assert "Vanadinite" not in search(client, "en", "Zygomorphic").content.decode()


def test_a_chinese_phrase_in_a_file_is_found(client):
    publication = publication_with(f"深圳{CHINESE_PHRASE}项目", font=CHINESE_FONT)

    assert address(publication, "zh-hans") in result_links(
        search(client, "zh-hans", CHINESE_PHRASE)
    )
    assert address(publication, "en") in result_links(search(client, "en", "湿地"))


def test_every_site_language_has_a_document_with_its_own_title(client):
    publication = publication_with(
        ENGLISH_PHRASE, title_en="Urban mangroves", title_th="ป่าชายเลนในเมือง"
    )

    documents = SearchDocument.objects.filter(
        content_type__model="publication", object_id=publication.pk
    )

    assert sorted(documents.values_list("language", flat=True)) == sorted(
        language_codes()
    )
    assert documents.get(language="th").title == "ป่าชายเลนในเมือง"
    assert documents.get(language="th").kind == SearchDocument.Kind.PUBLICATION
    assert documents.get(language="ms").title == "Urban mangroves"  # English fallback
    assert result_links(search(client, "th", "vanadinite")) == {
        address(publication, "th"): "ป่าชายเลนในเมือง"
    }


def test_the_summary_is_searched_and_shown(client):
    publication = publication_with(
        "Nothing special", summary="Wetland bookkeeping for Quezon City."
    )

    response = search(client, "en", "bookkeeping")

    assert address(publication, "en") in result_links(response)
    assert "Wetland bookkeeping for Quezon City." in response.content.decode()


def test_a_publication_in_a_private_collection_is_not_in_the_public_search(client):
    private = Collection.get_first_root_node().add_child(name="Internal drafts")
    restriction = CollectionViewRestriction.objects.create(
        collection=private, restriction_type="password", password="not-public"
    )
    publication = publication_with(ENGLISH_PHRASE, collection=private)
    assert result_links(search(client, "en", ENGLISH_PHRASE)) == {}

    publication.collection = private.add_child(name="Drafts under it")
    publication.save()
    assert result_links(search(client, "en", ENGLISH_PHRASE)) == {}

    restriction.delete()  # lifted: the collection's publications come back
    assert address(publication, "en") in result_links(
        search(client, "en", ENGLISH_PHRASE)
    )


def test_a_collection_made_private_takes_its_publications_out(client):
    shared = Collection.get_first_root_node().add_child(name="Shared")
    publication = publication_with(ENGLISH_PHRASE, collection=shared)
    assert address(publication, "en") in result_links(
        search(client, "en", ENGLISH_PHRASE)
    )

    CollectionViewRestriction.objects.create(
        collection=shared, restriction_type="password", password="not-public"
    )

    assert result_links(search(client, "en", ENGLISH_PHRASE)) == {}
    assert not SearchDocument.objects.filter(
        content_type__model="publication", object_id=publication.pk
    ).exists()


def test_a_deleted_publication_leaves_the_search(client):
    publication = publication_with(ENGLISH_PHRASE)
    assert address(publication, "en") in result_links(
        search(client, "en", ENGLISH_PHRASE)
    )

    publication.delete()

    assert result_links(search(client, "en", ENGLISH_PHRASE)) == {}
    assert not SearchDocument.objects.filter(
        content_type__model="publication", object_id=publication.pk
    )


def test_a_replaced_file_is_searched_by_its_new_words(client, superuser_client):
    publication = upload(superuser_client, "v1.pdf", pdf_bytes(ENGLISH_PHRASE))

    replace_file(
        superuser_client, publication, "v2.pdf", pdf_bytes("Xerophyte gardens")
    )

    assert result_links(search(client, "en", ENGLISH_PHRASE)) == {}
    assert address(publication, "en") in result_links(search(client, "en", "Xerophyte"))


def test_a_large_file_is_found_once_the_worker_extracted_it(
    client, superuser_client, settings
):
    settings.TASKS = task_backends("database")
    settings.PUBLICATION_EXTRACT_INLINE_MAX_BYTES = 100
    publication = upload(superuser_client, "big.pdf", pdf_bytes(ENGLISH_PHRASE))
    assert result_links(search(client, "en", ENGLISH_PHRASE)) == {}
    assert address(publication, "en") in result_links(
        search(client, "en", "test publication")
    )

    extraction.extract_text_job.call(
        publication.pk, extraction.file_source(publication), "en"
    )

    assert address(publication, "en") in result_links(
        search(client, "en", ENGLISH_PHRASE)
    )


def test_the_words_of_a_very_long_text_stay_within_a_search_vector():
    # Distinct made-up words: the worst case for the size of a vector.
    text = " ".join(f"w{number:07d}" for number in range(200_000))

    words = long_text_words(text, FILE_WORDS_MAX_BYTES)

    assert words.startswith("w0000000 w0000001")
    assert sum(len(word) + 8 for word in set(words.split())) <= FILE_WORDS_MAX_BYTES
    assert "w0199999" not in words


def test_a_file_of_many_distinct_words_is_indexed_in_postgresql(client):
    text = " ".join(f"lexeme{number:06d}" for number in range(120_000))
    publication = Publication.objects.create(
        title="Glossary", file=ContentFile(b"", name="glossary.pdf")
    )
    Publication.objects.filter(pk=publication.pk).update(extracted_text=text)
    publication.refresh_from_db()
    publication.title = "Glossary of terms"
    publication.save()  # indexed with its text, however many words

    assert address(publication, "en") in result_links(
        search(client, "en", "lexeme000042")
    )


def test_rebuilding_the_search_writes_the_public_publications_again(client):
    public = publication_with(ENGLISH_PHRASE)
    private = Collection.get_first_root_node().add_child(name="Board papers")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type="password", password="not-public"
    )
    hidden = publication_with(ENGLISH_PHRASE, collection=private)
    SearchDocument.objects.filter(content_type__model="publication").delete()

    call_command("update_search_documents", stdout=StringIO())

    assert result_links(search(client, "en", ENGLISH_PHRASE)) == {
        address(public, "en"): "Urban mangroves"
    }
    assert not SearchDocument.objects.filter(
        content_type__model="publication", object_id=hidden.pk
    ).exists()

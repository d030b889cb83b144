"""Plain text from spreadsheets into rich text, and back out for the downloads."""

from hypothesis import given
from hypothesis import strategies as st

from iurc_site.rich_text import plain_text_to_rich_text, rich_text_to_plain_text


def test_spreadsheet_text_is_escaped_not_taken_as_markup():
    html = plain_text_to_rich_text('<script>alert(1)</script>\n\nSecond "para"')

    assert html == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p><p>Second &quot;para&quot;</p>"
    )


def test_editor_markup_is_dropped_and_paragraphs_kept():
    html = '<p>Green <b>cities</b> &amp; <a href="https://example.org">ports</a></p><ul><li>one</li><li>two</li></ul>'

    assert rich_text_to_plain_text(html) == "Green cities & ports\n\none\n\ntwo"


paragraph = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1
).map(lambda text: " ".join(text.split()))


@given(st.lists(paragraph.filter(bool), min_size=1, max_size=4))
def test_text_made_into_rich_text_comes_back_the_same(paragraphs):
    """What the import writes, the export reads back unchanged (the round trip)."""
    text = "\n\n".join(paragraphs)

    assert rich_text_to_plain_text(plain_text_to_rich_text(text)) == text

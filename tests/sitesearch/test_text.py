"""Search words: accents folded, Chinese and Thai cut into words, queries cleaned."""

import pytest

from sitesearch.text import (
    MAX_QUERY_CHARACTERS,
    MAX_QUERY_WORDS,
    clean_query,
    parse_query,
    search_words,
    tsquery_text,
)


def test_accents_are_removed_from_latin_letters():
    assert search_words("Jardín São Paulo Việt Nam Đà Nẵng Umeå Łódź") == [
        "jardin",
        "sao",
        "paulo",
        "viet",
        "nam",
        "da",
        "nang",
        "umea",
        "lodz",
    ]


def test_thai_vowel_and_tone_marks_stay_part_of_the_word():
    words = search_words("เกี่ยวกับ IURC")

    assert words == ["เกี่ยวกับ", "iurc"]


def test_a_thai_sentence_is_cut_into_words():
    words = search_words("โครงการความร่วมมือระหว่างเมือง")

    assert "ความร่วมมือ" in words
    assert "เมือง" in words


def test_a_chinese_sentence_is_cut_into_two_character_words():
    words = search_words("鹿特丹与釜山开展合作项目")

    assert {"鹿特丹", "釜山", "合作", "项目"} <= set(words)


def test_chinese_next_to_latin_letters_is_two_words():
    assert search_words("关于IURC") == ["关于", "iurc"]


def test_full_width_letters_and_case_are_unified():
    assert search_words("ＩＵＲＣ Rotterdam") == ["iurc", "rotterdam"]


def test_punctuation_and_operators_are_not_words():
    assert search_words("&|!:*()'\"<->\\") == []


def test_control_characters_and_nul_are_removed_from_a_query():
    cleaned, was_shortened = clean_query("ro\x00tter\x07dam\u200b \n\t")

    assert "\x00" not in cleaned and "\x07" not in cleaned
    assert cleaned.startswith("ro tter dam")
    assert not was_shortened


def test_a_very_long_query_is_cut_and_says_so():
    cleaned, was_shortened = clean_query("rotterdam " * 1000)

    assert was_shortened
    assert len(cleaned) <= MAX_QUERY_CHARACTERS


def test_only_the_first_words_of_a_wordy_query_are_used():
    parsed = parse_query(" ".join(f"word{number}" for number in range(40)))

    assert parsed.too_many_words
    assert len(parsed.words) == MAX_QUERY_WORDS


def test_quoted_phrase_and_excluded_word_are_understood():
    parsed = parse_query('"urban cooperation" -china busan')

    assert tsquery_text(parsed) == "('urban' <-> 'cooperation') & !'china' & 'busan':*"


@pytest.mark.parametrize(
    "query",
    ["'; DROP TABLE x; --", "a:* | b & !c", "\\'\\", "it's", "o'brien & co"],
)
def test_query_syntax_never_reaches_postgres_unquoted(query):
    text = tsquery_text(parse_query(query))

    # Every lexeme is a quoted run of letters and digits; only our operators remain.
    lexemes = text.replace("(", " ").replace(")", " ").split()
    for lexeme in lexemes:
        assert lexeme in {"&", "|", "<->"} or (
            lexeme.lstrip("!").startswith("'")
            and lexeme.lstrip("!").rstrip("*:").endswith("'")
            and lexeme.lstrip("!").rstrip("*:").strip("'").isalnum()
        )

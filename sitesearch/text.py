"""Turning text into search words, the same way for documents and for queries.

PostgreSQL's "simple" parser only splits on spaces and punctuation: it keeps a run of
Chinese or Thai characters as one word and "São" apart from "Sao". So every text is
turned into words here, in Python, before PostgreSQL sees it:

- compatibility forms are unified (NFKC: full-width Ａ becomes A) and case is folded;
- accents are removed from Latin letters ("Jardín" -> "jardin", "Việt" -> "viet"),
  but never from Thai, whose vowel and tone marks are letters of the word;
- runs of Chinese characters are cut into words with jieba, runs of Thai with
  PyThaiNLP's dictionary segmenter (newmm), so that "合作" inside a sentence is a word.

Documents are cut with jieba's search mode (a long word and the shorter words inside
it), queries with its precise mode, so a query word is found inside longer words.
"""

import logging
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache

# Letters that do not decompose into a base letter and an accent under NFKD.
LATIN_EXTRA_FOLDS = str.maketrans(
    {"đ": "d", "ø": "o", "ł": "l", "æ": "ae", "œ": "oe", "ı": "i", "þ": "th", "ð": "d"}
)
MAX_QUERY_CHARACTERS = 200
MAX_QUERY_WORDS = 12
# Words this long and longer also match as prefixes ("pairing" finds "pairings").
PREFIX_MIN_LENGTH = 3


def _is_han(character):
    code = ord(character)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x2FFFF
    )


def _is_thai(character):
    return 0x0E00 <= ord(character) <= 0x0E7F


def _is_latin(character):
    code = ord(character)
    return code < 0x0250 or 0x1E00 <= code <= 0x1EFF


def _script(character):
    """'han', 'thai', 'word' (any other letter, digit or mark), or None for a separator."""
    if _is_han(character):
        return "han"
    if _is_thai(character):
        return "thai"
    if unicodedata.category(character)[0] in "LNM":
        return "word"
    return None


def _runs(text):
    """Consecutive characters of the same script, as (script, run) pairs."""
    current_script, current = None, []
    for character in text:
        script = _script(character)
        if script != current_script and current:
            if current_script:
                yield current_script, "".join(current)
            current = []
        current_script = script
        current.append(character)
    if current and current_script:
        yield current_script, "".join(current)


def fold_latin(word):
    """The word without accents on its Latin letters: "são" -> "sao", "đà" -> "da"."""
    folded = []
    previous_is_latin = False
    for character in unicodedata.normalize("NFKD", word.translate(LATIN_EXTRA_FOLDS)):
        if unicodedata.combining(character):
            if previous_is_latin:
                continue  # an accent on a Latin letter
        else:
            previous_is_latin = _is_latin(character)
        folded.append(character)
    return unicodedata.normalize("NFC", "".join(folded))


@cache
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


@cache
def _thai_tokenizer():
    from pythainlp.tokenize import word_tokenize

    return word_tokenize


def _segment(script, run, *, for_query):
    if script == "han":
        jieba = _jieba()
        cut = jieba.cut(run) if for_query else jieba.cut_for_search(run)
        return [word for word in cut if word.strip()]
    if script == "thai":
        return [
            word
            for word in _thai_tokenizer()(run, engine="newmm", keep_whitespace=False)
            if word.strip()
        ]
    return [fold_latin(run)]


def search_words(text, *, for_query=False):
    """The words of `text` as the search index stores them (lower case, no accents, cut)."""
    if not text:
        return []
    text = unicodedata.normalize("NFKC", str(text)).casefold()
    words = []
    for script, run in _runs(text):
        words.extend(_segment(script, run, for_query=for_query))
    return words


@lru_cache(maxsize=20_000)
def _document_words(text):
    # Documents repeat the same texts (place, country and theme names, English in
    # every language without a translation): cut each once, not once per document.
    return " ".join(search_words(text))


def search_text(*texts):
    """The texts' search words joined by spaces: what a document's search column holds."""
    return " ".join(
        words for text in texts if text and (words := _document_words(str(text)))
    )


def long_text_words(text, max_distinct_bytes):
    """The search words of a long text (a file's), without the document-text cache.

    PostgreSQL refuses a search vector over 1 MB, which its distinct words make up
    (every occurrence after the 16,383rd word shares one position). Words first seen
    once the distinct words reach `max_distinct_bytes` are left out; the rest, in order,
    keeps phrases findable.
    """
    kept, seen, size = [], set(), 0
    for word in search_words(text):
        if word not in seen:
            # Each distinct word costs its UTF-8 bytes and a few more in the vector.
            cost = len(word.encode()) + 8
            if size + cost > max_distinct_bytes:
                continue
            seen.add(word)
            size += cost
        kept.append(word)
    return " ".join(kept)


def clean_query(raw):
    """The query without control characters and extra spaces; also whether it was cut short."""
    characters = []
    for character in str(raw or ""):
        category = unicodedata.category(character)
        # Cc: controls, NUL included (PostgreSQL refuses it); Cs: lone surrogates;
        # Co, Cn: private-use and unassigned code points.
        characters.append(" " if category in {"Cc", "Cs", "Co", "Cn"} else character)
    cleaned = " ".join("".join(characters).split())
    if len(cleaned) > MAX_QUERY_CHARACTERS:
        return cleaned[:MAX_QUERY_CHARACTERS].rsplit(" ", 1)[0], True
    return cleaned, False


@dataclass
class Term:
    """Words that must all appear (or, negated, must not); a phrase keeps them in order."""

    words: list
    phrase: bool = False
    negated: bool = False


@dataclass
class ParsedQuery:
    """A visitor's query as terms: words, "quoted phrases" and -excluded words."""

    terms: list = field(default_factory=list)
    too_many_words: bool = False

    @property
    def positive_terms(self):
        return [term for term in self.terms if not term.negated]

    @property
    def words(self):
        return [word for term in self.positive_terms for word in term.words]

    @property
    def is_searchable(self):
        return bool(self.words)


def parse_query(cleaned):
    """Parse a cleaned query: "quoted phrases", -excluded words, everything else required."""
    parsed = ParsedQuery()
    word_count = 0
    # Between double quotes (odd pieces) is a phrase; an unclosed quote runs to the end.
    for position, piece in enumerate(cleaned.split('"')):
        if position % 2:
            items = [(piece, True, False)]
        else:
            items = [
                (item[1:], False, True)
                if item.startswith("-") and len(item) > 1
                else (item, False, False)
                for item in piece.split()
            ]
        for text, phrase, negated in items:
            words = search_words(text, for_query=True)
            if not words:
                continue
            if word_count + len(words) > MAX_QUERY_WORDS:
                parsed.too_many_words = True
                words = words[: MAX_QUERY_WORDS - word_count]
                if not words:
                    break
            word_count += len(words)
            parsed.terms.append(Term(words, phrase=phrase, negated=negated))
    return parsed


def _lexeme(word, *, prefix, weight=""):
    # Words hold only letters, marks and digits; quoting keeps PostgreSQL's tsquery
    # syntax out of them all the same.
    quoted = "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"
    label = ("*" if prefix else "") + weight
    return f"{quoted}:{label}" if label else quoted


def tsquery_text(parsed, *, all_prefixes=False, weight=""):
    """The parsed query in PostgreSQL's to_tsquery syntax ('' when nothing to search).

    Words of PREFIX_MIN_LENGTH letters or more also match longer words; with
    `all_prefixes` (autocomplete) every word does. `weight` "A" looks in titles only.
    """
    if not parsed.is_searchable:
        return ""
    parts = []
    for term in parsed.terms:
        lexemes = [
            _lexeme(
                word,
                prefix=all_prefixes
                or (
                    not (term.phrase or term.negated) and len(word) >= PREFIX_MIN_LENGTH
                ),
                weight=weight,
            )
            for word in term.words
        ]
        part = (" <-> " if term.phrase else " & ").join(lexemes)
        if len(lexemes) > 1:
            part = f"({part})"
        parts.append(f"!{part}" if term.negated else part)
    return " & ".join(parts)

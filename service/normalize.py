"""How names, quotes and URLs are compared.

Three kinds of sameness matter to a newsroom:

* two URLs of one article (``HTTPS://Example.com/a/#top`` and
  ``https://example.com/a``);
* two renderings of one quote (curly or straight quotes, case, spacing);
* two spellings of one name (Qassem/Qasem, Muhandis/Mohandes,
  Mohammad/Mohammed, with or without "al-").
"""

from __future__ import annotations

import functools
import importlib.resources
import json
import re
import unicodedata
from urllib.parse import urlsplit, urlunsplit

import regex

_ARTICLES = {"al", "el", "ul", "ad", "an", "ar", "as", "at", "az", "ash", "the"}
_VOWELS = set("aeiouy")
# Consonant spellings that stand for one Arabic or Persian letter.
_DIGRAPHS = (("ph", "f"), ("kh", "k"), ("gh", "g"), ("sh", "s"), ("th", "t"), ("dh", "d"), ("ou", "u"))
_ASCII_PUNCTUATION = re.compile(r"[^a-z0-9]+")
_SAME_SOUND = str.maketrans({"q": "k", "c": "k", "z": "s", "j": "g", "w": "v"})


_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_PERCENT_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def _normal_escape(found: re.Match[str]) -> str:
    character = chr(int(found.group(1), 16))
    return character if character in _UNRESERVED else "%" + found.group(1).upper()


def _remove_dot_segments(path: str) -> str:
    """RFC 3986 section 5.2.4, for an absolute path: resolve ``.`` and ``..``."""
    kept: list[str] = []
    for segment in path.split("/"):
        if segment == "..":
            if len(kept) > 1:
                kept.pop()
        elif segment != ".":
            kept.append(segment)
    return "/".join(kept)


def normalize_url(url: str) -> str:
    """The key under which two spellings of one web address are one address.

    RFC 3986 section 6.2.2 and 6.2.3: scheme and host in lower case, the
    scheme's default port dropped, percent-escapes of unreserved characters
    decoded and the others in upper case, ``.`` and ``..`` segments resolved.
    Then, for a newsroom's purposes, ``http`` and ``https`` are one address,
    and the fragment and a trailing slash are dropped. Only the key is
    compared: a source keeps its URL as the editor gave it.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    userinfo, _, hostport = parts.netloc.rpartition("@")
    host, colon, port = hostport.rpartition(":")
    if not colon or "]" in port:  # no port, or the colon was inside an IPv6 address
        host, port = hostport, ""
    if port.isdigit():
        port = "" if int(port) == _DEFAULT_PORTS.get(scheme) else str(int(port))
    netloc = (userinfo + "@" if userinfo else "") + host.lower().rstrip(".") + (f":{port}" if port else "")
    path = _remove_dot_segments(_PERCENT_ESCAPE.sub(_normal_escape, parts.path)).rstrip("/")
    query = _PERCENT_ESCAPE.sub(_normal_escape, parts.query)
    return urlunsplit(("https" if scheme == "http" else scheme, netloc, path, query, ""))


#: Characters Unicode says to render as nothing when unsupported: zero-width
#: space and joiners, soft hyphen, direction marks, word joiner, combining
#: grapheme joiner, variation selectors, Hangul fillers, tags...
_INVISIBLE = regex.compile(r"\p{Default_Ignorable_Code_Point}+")
_LATIN_LETTER = regex.compile(r"^\p{Script=Latin}$")
_ASCII_LETTER = re.compile(r"^[a-z]$")
#: Unicode's confusables (UTS #39), as the pinned ``confusable_homoglyphs``
#: distribution ships them (one JSON file, both directions of each pair);
#: read from there, never fetched.
CONFUSABLES_PACKAGE, CONFUSABLES_DATA = "confusable_homoglyphs", "confusables.json"


def _strip_marks(text: str) -> str:
    # Decomposed before and after case folding: a compatibility form may
    # decompose to a capital (mathematical bold A to A), and a folded
    # letter to a base and a mark.
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@functools.cache
def lookalikes() -> dict[int, str]:
    """Letters of other scripts that UTS #39 says look like one ASCII letter
    (Cyrillic о, Greek ο, Armenian օ, Cherokee Ꭵ...), mapped to it, as
    ``str.translate`` takes them: the part of the skeleton's table that folds
    a letter onto a basic Latin letter, which is what a spoof of English text
    needs.

    Latin letters are never changed, so rn and m, cl and d stay apart;
    letters of right-to-left scripts are never changed, so Arabic and Hebrew
    text de-duplicates as before; digits, symbols and letters that look like
    several ASCII letters are left alone.
    """
    data = importlib.resources.files(CONFUSABLES_PACKAGE).joinpath(CONFUSABLES_DATA).read_text(encoding="utf-8")
    table: dict[str, str] = {}
    for character, lookalike_entries in json.loads(data).items():
        letter = _strip_marks(character)
        if (
            len(letter) != 1
            or not letter.isalpha()
            or _LATIN_LETTER.match(letter)
            or unicodedata.bidirectional(letter) in ("R", "AL")
        ):
            continue
        # A prototype keeps its marks: Cyrillic ө looks like o with a stroke, not like o.
        prototypes = {unicodedata.normalize("NFKD", entry["c"]).casefold() for entry in lookalike_entries}
        ascii_letters = {prototype for prototype in prototypes if _ASCII_LETTER.match(prototype)}
        if len(ascii_letters) != 1:
            continue
        prototype = ascii_letters.pop()
        if table.setdefault(letter, prototype) != prototype:
            table[letter] = ""  # two readings (its capital and small forms differ): not folded
    return {ord(letter): prototype for letter, prototype in table.items() if prototype}


def fold(text: str) -> str:
    """Case-fold and strip accents, so Sudaní and sudani compare equal; drop
    invisible characters and read look-alike letters of other scripts as
    the Latin letters they pass for, so that neither can make one text two."""
    return _INVISIBLE.sub("", _strip_marks(_INVISIBLE.sub("", text))).translate(lookalikes())


def text_key(text: str) -> str:
    """The key under which two renderings of one quote are the same quote.

    Case, punctuation (quotation marks, apostrophes, ellipses, brackets) and
    runs of whitespace are ignored; letters and digits in any script are kept.
    """
    if text.isascii():
        # The same key, faster: ASCII needs no folding, and its letters and
        # digits are exactly the characters isalnum() keeps.
        return " ".join(_ASCII_PUNCTUATION.sub(" ", text.lower()).split())
    return folded_key(text)


def folded_key(text: str) -> str:
    """:func:`text_key` for text in any script."""
    kept = [char if char.isalnum() else " " for char in fold(text)]
    return " ".join("".join(kept).split())


def words(text: str) -> list[str]:
    """The words of a name, without apostrophes, hyphens or articles."""
    folded = fold(text).replace("'", "").replace("\u2019", "").replace("\u02bc", "")
    tokens = re.split(r"[^\w]+|_", folded)
    return [token for token in tokens if token and token not in _ARTICLES]


def word_skeleton(word: str) -> str:
    """A spelling-tolerant key for one word of a transliterated name.

    Keep the first letter, drop the other vowels, merge consonant digraphs and
    letters that transliterations swap, and collapse doubled letters:
    qassem, qasem -> ksm; muhandis, mohandes -> mhnds; mohammad, mohammed -> mhmd.
    """
    if not word.isascii():
        return word
    for digraph, single in _DIGRAPHS:
        word = word.replace(digraph, single)
    word = word.translate(_SAME_SOUND)
    head, rest = word[0], word[1:]
    consonants = head + "".join(char for char in rest if char not in _VOWELS)
    collapsed = re.sub(r"(.)\1+", r"\1", consonants)
    return collapsed


def name_key(name: str) -> str:
    """Space-separated skeletons of a name's words, for spelling-tolerant search."""
    return " ".join(word_skeleton(word) for word in words(name))

"""Sentence boundaries, found on text whose quotations are masked so that a
quotation never splits the sentence that carries it.

A rule set of a dozen lines rather than pysbd: pysbd takes about 170 ms for a
5,000-word article, over the whole extraction's 30 ms budget, and the
attribution rules only need the boundaries between the sentences of one
paragraph.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

import regex

from .quotes import QuoteSpan, positions_of

ABBREVIATIONS = frozenset(
    """mr mrs ms dr gen col lt sgt capt maj gov sen rep st jr sr prof rev hon adm brig cmdr cpl pvt
    supt insp det no nos vs etc inc ltd co corp jan feb mar apr jun jul aug sep sept oct nov dec mt ft
    ave blvd dept est approx fig al pres sec amb gens cdr""".split()
)
BOUNDARY = regex.compile(r"[.!?…]+[”\"’'»)\]]*(?=\s+[\p{Lu}\p{N}\"“‘'«(\[\p{Arabic}])|[.!?؟…]+[”\"’'»)\]]*(?=\s*$)")
STOPS = ".!?؟…"
WORD_BEFORE = regex.compile(r"([\p{L}.]+)\.$")
MASKABLE = regex.compile(r"[^\s.!?…]")


# Words that open a sentence but never follow a title or an initial inside one: "until 4:15 p.m. Its lawyer".
SENTENCE_OPENERS = frozenset(
    "The It Its He She They We His Her Their This These Those There But However Some Many Most".split()
)
# Abbreviations that end a sentence as often as not: an initialism with inner stops, a month, a company form.
ENDING_ABBREVIATIONS = frozenset("etc inc ltd co corp jan feb mar apr jun jul aug sep sept oct nov dec".split())


def _opens_after_abbreviation(masked: str, start: int, end: int, before: str) -> bool:
    """Whether a sentence opens after "p.m.", "U.S." or "Oct.": the next word is one that opens sentences."""
    if "." not in before and before.lower().rstrip(".") not in ENDING_ABBREVIATIONS:
        return False
    following = masked[start : min(end, start + 16)].split(maxsplit=1)
    return bool(following) and following[0] in SENTENCE_OPENERS


def mask_quotes(text: str, spans: list[QuoteSpan]) -> str:
    """The text with every quoted character replaced by NUL (same length), so that sentence
    and cue rules see only the narration. Sentence-final punctuation inside a quotation
    is kept at its end, where it ends the sentence that carries the quotation."""
    pieces = []
    position = 0
    for span in spans:
        pieces.append(text[position : span.start])
        inner = text[span.start : span.end]
        tail = len(inner) - len(inner.rstrip(".!?…"))
        pieces.append("\x00" * (len(inner) - tail) + inner[len(inner) - tail :])
        position = span.end
    pieces.append(text[position:])
    return "".join(pieces)


def split(masked: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence spans (start, end) over the whole text, within paragraphs."""
    sentences = []
    # Every boundary opens with one of these marks: the pattern is tried from each mark found by a
    # string search, rather than at every offset of the paragraph.
    stops = positions_of(masked, STOPS)
    for start, end in paragraphs:
        position = start
        scan = start
        while True:
            index = bisect_left(stops, scan)
            if index == len(stops) or stops[index] >= end:
                break
            match = BOUNDARY.search(masked, stops[index], end)
            if match is None:
                break
            scan = match.end()
            # Only a full stop inside the paragraph can follow an abbreviation: the word before it is looked
            # up only then.
            if masked[match.start()] == "." and match.end() < end:
                word = WORD_BEFORE.search(masked, max(start, match.start() - 20), match.start() + 1)
                if word:
                    before = word.group(1)
                    if (
                        before.lower().rstrip(".") in ABBREVIATIONS or "." in before or len(before) == 1
                    ) and not _opens_after_abbreviation(masked, match.end(), end, before):
                        continue
            sentences.append((position, match.end()))
            position = match.end()
            while position < end and masked[position].isspace():
                position += 1
        if position < end:
            sentences.append((position, end))
    return sentences


class Sentences:
    """Lookup of the sentence that holds a given offset."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self.starts = [start for start, _ in spans]

    def index(self, offset: int) -> int:
        return max(0, bisect_right(self.starts, offset) - 1)

    def at(self, offset: int) -> tuple[int, int]:
        return self.spans[self.index(offset)]

"""Anchoring a quote in its source's text.

An anchor is a W3C Web Annotation ``TextQuoteSelector`` (``exact``, with
optional ``prefix`` and ``suffix`` for context) plus a
``TextPositionSelector`` (``start`` and ``end`` offsets, counted in Unicode
code points as the Web Annotation model specifies). The quote selector is
what survives edits to the source; the offsets make lookups cheap.

A quote is looked for as written first. If it is not there, it is looked
for again setting aside what an editor's copy changes without changing the
words: the style of quotation marks (straight, curly, guillemets), runs of
whitespace (spaces, no-break spaces, newlines) and a final ``.``, ``,`` or
``;``. Either way the anchor stores the source's own characters. A quote
found neither way is refused with the nearest passage of the source and
what differs from it (:class:`Nearest`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

CONTEXT_CHARS = 32

#: Characters that open or close a quotation in one style or another, or
#: stand for an apostrophe: any of them matches any other.
QUOTATION_MARKS = (
    "\"'\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f"  # straight, curly, low-9 and reversed
    "\u00ab\u00bb\u2039\u203a"  # guillemets
    "\u300c\u300d\u301d\u301e\uff02\u2032\u2033"  # CJK brackets, full-width, primes
)
#: A quote's final punctuation that need not be the source's.
END_PUNCTUATION = ".,;"
_QUOTATION_CLASS = "[" + re.escape(QUOTATION_MARKS) + "]"
_END_PUNCTUATION_CLASS = "[" + re.escape(END_PUNCTUATION) + "]"
_ONE_QUOTATION_MARK = str.maketrans(dict.fromkeys(QUOTATION_MARKS, '"'))
_TOKEN = re.compile(r"\s+|[" + re.escape(QUOTATION_MARKS) + r"]|[^\s" + re.escape(QUOTATION_MARKS) + r"]+")

#: How far (characters) around a likely place the nearest passage is looked
#: for, beyond the quote's own length.
NEAREST_SLACK = 64
#: The shortest run of a quote's characters, found in the source, that
#: counts as a clue to where the quote should be.
SHORTEST_CLUE = 8
#: Below this many character comparisons, the whole text is also searched
#: for the nearest passage (rapidfuzz's partial alignment); above it, only
#: the places the clues point at, so a long text costs a few scans.
WHOLE_TEXT_COMPARISONS = 20_000_000
#: The least partial-alignment score (0-100) of a passage worth showing.
NEAREST_FLOOR = 50
#: rapidfuzz's Levenshtein weights (insertion, deletion, substitution) for
#: choosing the nearest passage's ends.
_SPAN_WEIGHTS = (1, 2, 2)
#: How much of a quote's start and end the nearest passage's ends are chosen by.
EDGE_CHARS = 128
#: How many differences are spelled out in the error's detail.
DIFFERENCES_IN_DETAIL = 3


@dataclass(frozen=True)
class Nearest:
    """The passage of the source nearest a quote that did not anchor."""

    start: int
    end: int
    exact: str
    score: float
    differences: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "exact": self.exact, "score": self.score}

    def summary(self) -> str:
        said = [difference["description"] for difference in self.differences[:DIFFERENCES_IN_DETAIL]]
        more = len(self.differences) - len(said)
        if more > 0:
            said.append(f"{more} more difference{'s' if more > 1 else ''}")
        count = len(self.differences)
        places = f"{count} place{'s' if count > 1 else ''}"
        return f"the nearest passage, characters {self.start} to {self.end}, differs in {places}: " + "; ".join(said)


class AnchorError(ValueError):
    """The anchor does not match the source's text; ``nearest`` is the
    closest passage when the exact text was not found at all."""

    def __init__(self, message: str, nearest: Nearest | None = None) -> None:
        super().__init__(f"{message}; {nearest.summary()}" if nearest and nearest.differences else message)
        self.nearest = nearest

    def extra(self) -> dict[str, Any]:
        """The members this error adds to the problem document."""
        if self.nearest is None:
            return {}
        return {"nearest": self.nearest.as_dict(), "differences": self.nearest.differences}


@dataclass(frozen=True)
class Anchor:
    exact: str
    prefix: str | None = None
    suffix: str | None = None
    start: int | None = None
    end: int | None = None

    def as_dict(self) -> dict[str, str | int | None]:
        return {
            "exact": self.exact,
            "prefix": self.prefix,
            "suffix": self.suffix,
            "start": self.start,
            "end": self.end,
        }


def _occurrences(text: str, exact: str) -> list[tuple[int, int]]:
    found, position = [], text.find(exact)
    while position != -1:
        found.append((position, position + len(exact)))
        position = text.find(exact, position + 1)
    return found


def _loose_pattern(words: str) -> str:
    """A regular expression for ``words`` in any quotation-mark style and
    with any whitespace between them."""
    parts = []
    for token in _TOKEN.findall(words):
        if token.isspace():
            parts.append(r"\s+")
        elif token in QUOTATION_MARKS:
            parts.append(_QUOTATION_CLASS)
        else:
            parts.append(re.escape(token))
    return "".join(parts)


def _loose_occurrences(text: str, exact: str) -> list[tuple[int, int]]:
    """Where ``exact`` occurs in ``text`` once quotation-mark style,
    whitespace and a final ``.``, ``,`` or ``;`` (before or after a closing
    quotation mark) are set aside. The span takes in the source's own final
    mark, if it has one there."""
    words = exact.strip()
    kept = words.rstrip(END_PUNCTUATION + QUOTATION_MARKS + " \t\n\r\u00a0")
    if not kept:
        return []
    ending = []
    for character in words[len(kept) :]:
        if character in QUOTATION_MARKS:
            ending.append(_QUOTATION_CLASS)
        elif character in END_PUNCTUATION:
            ending.append(_END_PUNCTUATION_CLASS + "?")
        else:
            ending.append(r"\s*")
    pattern = re.compile(_loose_pattern(kept) + "".join(ending))
    return [match.span() for match in pattern.finditer(text)]


def _ends_with(text: str, end: int, context: str) -> bool:
    if text.endswith(context, 0, end):
        return True
    # Loosely: whitespace may have been collapsed, so look a little further back.
    window_start = max(0, end - 4 * len(context) - NEAREST_SLACK)
    pattern = re.compile(_loose_pattern(context) + r"\Z")
    return pattern.search(text, window_start, end) is not None


def _starts_with(text: str, start: int, context: str) -> bool:
    return text.startswith(context, start) or re.compile(_loose_pattern(context)).match(text, start) is not None


def resolve(text: str, anchor: Anchor) -> Anchor:
    """Check ``anchor`` against ``text`` and return it complete.

    Every part that is given must agree with the text. The match must be
    unique: if ``exact`` occurs more than once, ``prefix``, ``suffix`` or
    ``start`` must single one occurrence out. Missing parts are filled in
    from the text, and ``exact`` is always the text's own characters.
    """
    if not anchor.exact:
        raise AnchorError("the anchor's exact text is empty")
    candidates = _occurrences(text, anchor.exact) or _loose_occurrences(text, anchor.exact)
    if not candidates:
        found = nearest(text, anchor.exact)
        message = "the exact text does not occur in the source's text"
        raise AnchorError(message if found else f"{message}, nor anything near it", found)
    if anchor.prefix:
        candidates = [(s, e) for s, e in candidates if _ends_with(text, s, anchor.prefix)]
        if not candidates:
            raise AnchorError("the prefix does not match the text before the quote")
    if anchor.suffix:
        candidates = [(s, e) for s, e in candidates if _starts_with(text, e, anchor.suffix)]
        if not candidates:
            raise AnchorError("the suffix does not match the text after the quote")
    if anchor.start is not None:
        candidates = [(s, e) for s, e in candidates if s == anchor.start]
        if not candidates:
            raise AnchorError("start does not point at the exact text")
    if anchor.end is not None and anchor.end != candidates[0][1]:
        raise AnchorError("end does not point at the end of the exact text")
    if len(candidates) > 1:
        raise AnchorError(f"the exact text occurs {len(candidates)} times; give a prefix, suffix or start")
    start, end = candidates[0]
    # Context given loosely (other quotation marks, other spacing) is
    # replaced by the text's own, as the exact text is.
    prefix = anchor.prefix if anchor.prefix and text.endswith(anchor.prefix, 0, start) else None
    suffix = anchor.suffix if anchor.suffix and text.startswith(anchor.suffix, end) else None
    return Anchor(
        exact=text[start:end],
        prefix=prefix or text[max(0, start - CONTEXT_CHARS) : start] or None,
        suffix=suffix or text[end : end + CONTEXT_CHARS] or None,
        start=start,
        end=end,
    )


def _longest_found(text: str, piece: str, *, from_end: bool = False) -> tuple[int, int]:
    """The longest start (or end) of ``piece`` that occurs in ``text``, as
    (its length, where it first occurs): a binary search, since any part of
    a found string is found too; a few linear scans of the text."""
    low, high, where = 0, len(piece), -1
    while low < high:
        middle = (low + high + 1) // 2
        position = text.find(piece[len(piece) - middle :] if from_end else piece[:middle])
        if position == -1:
            high = middle - 1
        else:
            low, where = middle, position
    return low, where


def _likely_starts(text: str, quote: str) -> set[int]:
    """Where the quote probably begins in the text, going by the longest
    runs of its characters (from its start, quarters, middle and end) that
    the text holds."""
    length = len(quote)
    clue = max(1, min(SHORTEST_CLUE, length // 2))
    starts = set()
    for offset in sorted({0, length // 4, length // 2, 3 * length // 4}):
        found, position = _longest_found(text, quote[offset:])
        if found >= clue:
            starts.add(max(0, position - offset))
    found, position = _longest_found(text, quote, from_end=True)
    if found >= clue:
        starts.add(max(0, position + found - length))
    return starts


def _closest_span(text: str, quote: str, start: int, end: int) -> tuple[int, int]:
    """Move ``start``, then ``end``, by up to :data:`NEAREST_SLACK` / 2 to
    where the text's span is fewest edits from the quote: a word the source
    has and the quote lacks, or the reverse, changes the passage's length.

    Characters the source has and the quote lacks cost half as much as the
    other edits, so a span is not cut short to spare an inserted word. Only
    the quote's first (for the start) and last (for the end)
    :data:`EDGE_CHARS` characters are compared, so that a long quote costs
    no more than a short one.
    """
    reach = NEAREST_SLACK // 2

    def cost(compared: str, span: str) -> int:
        return Levenshtein.distance(compared, span, weights=_SPAN_WEIGHTS)

    # The far side of the compared stretch stays put while one side moves,
    # so the costs differ by the moving side alone.
    fixed_end = min(end, start + EDGE_CHARS + reach)
    head = quote[: max(0, len(quote) - (end - fixed_end))]
    starts = range(max(0, start - reach), min(end, start + reach) + 1)
    # On a tie, the longer span: a changed first or last letter is shown
    # as changed, not as missing; and a span that ends in a quotation mark
    # or a space only where the quote does too.
    start = min(starts, key=lambda p: (cost(head, text[p:fixed_end]), p))
    fixed_start = max(start, end - EDGE_CHARS - reach)
    tail = quote[max(0, len(quote) - (end - fixed_start)) :] if fixed_start > start else quote
    ends = range(max(start + 1, end - reach), min(len(text), end + reach) + 1)
    end = min(
        ends,
        key=lambda p: (cost(tail, text[fixed_start:p]), _loose_end(text[start:p]) != _loose_end(quote), -p),
    )
    return start, end


def _loose_end(text: str) -> bool:
    """Whether a span ends in spacing or a quotation mark."""
    return bool(text) and (text[-1].isspace() or text[-1] in QUOTATION_MARKS)


def _where(begin: int, finish: int, length: int) -> str:
    """Where in the quote a difference is, in words."""
    if begin == finish:
        return "at the end" if begin == length else "at the start" if begin == 0 else f"after character {begin}"
    count = finish - begin
    if count == 1:
        if finish == length:
            return "the last character"
        return "the first character" if begin == 0 else f"character {finish}"
    if finish == length:
        return f"the last {count} characters"
    if begin == 0:
        return f"the first {count} characters"
    return f"characters {begin + 1} to {finish}"


def _loose(text: str) -> str:
    return "".join(text.split()).translate(_ONE_QUOTATION_MARK)


def _shown(text: str) -> str:
    return "'" + text.replace("\n", "\\n") + "'"


def differences(quote: str, passage: str, offset: int = 0) -> list[dict[str, Any]]:
    """What differs between a quote and a passage (at ``offset`` in its
    text), each difference with its place in both and in words."""
    found: list[dict[str, Any]] = []
    pending: list[int] | None = None  # quote start, quote end, passage start, passage end

    def flush() -> None:
        if pending is None:
            return
        q1, q2, p1, p2 = pending
        said, source = quote[q1:q2], passage[p1:p2]
        if _loose(said) == _loose(source):
            return  # only spacing or quotation marks, which anchoring sets aside
        where = _where(q1, q2, len(quote))
        if not source:
            description = f"{where}: {_shown(said)}, which the source does not have"
        elif not said:
            description = f"{where}: the source has {_shown(source)}, which the quote does not"
        else:
            description = f"{where}: {_shown(said)} where the source has {_shown(source)}"
        found.append(
            {
                "quote_start": q1,
                "quote_end": q2,
                "quote": said,
                "source_start": offset + p1,
                "source_end": offset + p2,
                "source": source,
                "description": description,
            }
        )

    for opcode in Levenshtein.opcodes(quote, passage):
        tag, q1, q2, p1, p2 = opcode.tag, opcode.src_start, opcode.src_end, opcode.dest_start, opcode.dest_end
        if tag == "equal":
            flush()
            pending = None
        elif pending is None:
            pending = [q1, q2, p1, p2]
        else:
            pending[1], pending[3] = q2, p2
    flush()
    return found


def nearest(text: str, quote: str) -> Nearest | None:
    """The passage of ``text`` nearest ``quote``, by rapidfuzz's partial
    alignment, or None when no passage is near.

    Only windows around the places the quote's longest found runs point at
    are compared, plus the whole text when it is short, so the cost grows
    with the text's length, not with the product of the two lengths.
    """
    if not text or not quote:
        return None
    windows = [
        (max(0, start - NEAREST_SLACK), min(len(text), start + len(quote) + NEAREST_SLACK))
        for start in _likely_starts(text, quote)
    ]
    if len(text) * len(quote) <= WHOLE_TEXT_COMPARISONS:
        windows.append((0, len(text)))
    best: tuple[float, int, int] | None = None
    for window_start, window_end in windows:
        window = text[window_start:window_end]
        if len(window) <= len(quote):
            found = (fuzz.ratio(quote, window), window_start, window_end)
        else:
            alignment = fuzz.partial_ratio_alignment(quote, window)
            assert alignment is not None  # None only below a score_cutoff, and none is given
            found = (alignment.score, window_start + alignment.dest_start, window_start + alignment.dest_end)
        if best is None or (found[0], -found[1]) > (best[0], -best[1]):
            best = found
    if best is None or best[0] < NEAREST_FLOOR:
        return None
    start, end = _closest_span(text, quote, best[1], best[2])
    passage = text[start:end]
    return Nearest(start, end, passage, round(fuzz.ratio(quote, passage) / 100, 3), differences(quote, passage, start))


def check_offsets(anchor: Anchor) -> Anchor:
    """For a source with no text to check against: the offsets, where given,
    must at least span exactly the quoted words."""
    if not anchor.exact:
        raise AnchorError("the anchor's exact text is empty")
    start, end = anchor.start, anchor.end
    if start is not None and end is None:
        end = start + len(anchor.exact)
    elif end is not None and start is None:
        start = end - len(anchor.exact)
        if start < 0:
            raise AnchorError("end is before the length of the exact text")
    elif start is not None and end is not None and end - start != len(anchor.exact):
        raise AnchorError("start and end do not span the exact text")
    return Anchor(anchor.exact, anchor.prefix, anchor.suffix, start, end)


def from_columns(row: dict, *, keep_offsets: bool = True) -> Anchor:
    """The anchor stored in a row's ``anchor_*`` columns."""
    return Anchor(
        exact=row["anchor_exact"],
        prefix=row["anchor_prefix"],
        suffix=row["anchor_suffix"],
        start=row["anchor_start"] if keep_offsets else None,
        end=row["anchor_end"] if keep_offsets else None,
    )

"""Quotation-mark spans: which marks open and close a quotation, and which are apostrophes.

Marks are paired within a paragraph. A quotation left open at the end of a
paragraph counts only when the next paragraph opens with a mark of the same
family: the newsroom convention for a quotation that runs over paragraphs.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

import regex

DOUBLE_MARKS = '"“”„'
SINGLE_MARKS = "'‘’‚"
ANGLE_PAIRS = {"«": "»", "‹": "›"}
ANGLE_MARKS = "«»‹›"
ALL_MARKS = DOUBLE_MARKS + SINGLE_MARKS + ANGLE_MARKS

# Words that lose their first letters to an apostrophe: 'til, 'em, 'cause, the '90s.
ELISIONS = regex.compile(r"(?:til|tis|twas|em|cause|bout|n|round|nuff|s)\b|\d\ds?\b", regex.IGNORECASE)
PARAGRAPH_BREAK = regex.compile(r"\n[^\S\n]*\n\s*")
LINE_BREAK = regex.compile(r"\n\s*")
# Characters after which a mark opens rather than closes.
OPENING_CONTEXT = set(" \t\n\r\u00a0\u2009\u202f([{—–-/:") | set("“‘«‹„")


@dataclass(frozen=True, slots=True, init=False)
class QuoteSpan:
    """One quoted piece: the marks at ``open_mark`` and ``close_mark`` (``close_mark`` is
    None for a piece left open at the end of its paragraph), the words between them."""

    open_mark: int
    start: int
    end: int
    close_mark: int | None
    family: str
    paragraph: int

    # Written out rather than generated: mypyc compiles this one, and calls it about ten times as fast.
    def __init__(
        self, open_mark: int, start: int, end: int, close_mark: int | None, family: str, paragraph: int
    ) -> None:
        object.__setattr__(self, "open_mark", open_mark)
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "close_mark", close_mark)
        object.__setattr__(self, "family", family)
        object.__setattr__(self, "paragraph", paragraph)

    @property
    def outer_end(self) -> int:
        return self.close_mark + 1 if self.close_mark is not None else self.end


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: blank-line separated, or line separated when the text has no blank lines."""
    separator = PARAGRAPH_BREAK if PARAGRAPH_BREAK.search(text) else LINE_BREAK
    spans = []
    position = 0
    for match in separator.finditer(text):
        if match.start() > position:
            spans.append((position, match.start()))
        position = match.end()
    if position < len(text):
        spans.append((position, len(text)))
    return [(start, end) for start, end in spans if text[start:end].strip()]


def _before(text: str, index: int, floor: int) -> str:
    return text[index - 1] if index > floor else " "


def _after(text: str, index: int, ceiling: int) -> str:
    return text[index + 1] if index + 1 < ceiling else " "


def _is_space_or_punct(char: str) -> bool:
    return char.isspace() or (not char.isalnum() and char not in "([{")


def _double_pieces(
    text: str, start: int, end: int, marks: list[int]
) -> tuple[list[tuple[int, int | None]], int | None]:
    """Pairs of (open, close) for the double-mark family in text[start:end], and an
    opening mark left unclosed at the end."""
    pairs: list[tuple[int, int | None]] = []
    opened: int | None = None
    for index in marks:
        char = text[index]
        before, after = _before(text, index, start), _after(text, index, end)
        can_open = (before in OPENING_CONTEXT or before in DOUBLE_MARKS) and not after.isspace()
        can_close = not before.isspace() and (_is_space_or_punct(after) or after in ALL_MARKS)
        if char == "„":
            can_open, can_close = True, False
        elif char == "“":
            # Opens in English; closes a German „ or a quotation typed with two openers.
            can_close = opened is not None and (text[opened] == "„" or (can_close and not can_open))
            can_open = can_open and not can_close
        elif char == "”":
            can_open = can_open and not can_close and opened is None
        if opened is None:
            if can_open:
                opened = index
        elif can_close:
            pairs.append((opened, index))
            opened = None
        elif can_open:
            opened = index  # an earlier mark was never closed: start again here
    return pairs, opened


def _angle_pieces(marks: list[int], text: str) -> tuple[list[tuple[int, int | None]], int | None]:
    pairs: list[tuple[int, int | None]] = []
    stack: list[int] = []
    unclosed: int | None = None
    for index in marks:
        char = text[index]
        if char in ANGLE_PAIRS:
            stack.append(index)
        elif char in ANGLE_PAIRS.values() and stack:
            opened = stack.pop()
            if not stack and ANGLE_PAIRS[text[opened]] == char:
                pairs.append((opened, index))
    if stack:
        unclosed = stack[0]
    return pairs, unclosed


def _is_apostrophe(text: str, index: int, start: int, end: int) -> bool:
    before, after = _before(text, index, start), _after(text, index, end)
    if before.isalnum() and after.isalnum():
        return True  # don't, Iraq's, O'Brien
    if not before.isalnum() and ELISIONS.match(text, index + 1, end):
        return True  # 'til, the '90s
    return False


def _single_pieces(
    text: str, start: int, end: int, taken: list[tuple[int, int]], candidates: list[int]
) -> list[tuple[int, int | None]]:
    """Single-mark quotations outside the double-mark ones; nested ones are left to their parent."""
    pairs: list[tuple[int, int | None]] = []
    marks = [
        index
        for index in candidates
        if not _is_apostrophe(text, index, start, end)
        if not any(left <= index <= right for left, right in taken)
    ]
    used: set[int] = set()
    for position, index in enumerate(marks):
        if index in used:
            continue
        before, after = _before(text, index, start), _after(text, index, end)
        if text[index] == "’" or before not in OPENING_CONTEXT or after.isspace():
            continue
        # The closer: a mark after a non-space and before a space or punctuation.
        fallback = None
        plural_fallback = None  # "the players' wages" or "her side's 'togetherness' and": kept as a last resort
        for candidate in marks[position + 1 :]:
            if candidate in used:
                continue
            if text[candidate] == "‘":
                if fallback is not None and _before(text, candidate, start) in OPENING_CONTEXT:
                    # A new quotation opens, so the quotation cannot run on past it: the earlier mark
                    # after a word ("‘safe for now’ but ... ‘We’re ...,’") was its close.
                    pairs.append((index, fallback))
                    used.update((index, fallback))
                    break
                continue
            prev, nxt = text[candidate - 1], _after(text, candidate, end)
            closer: int | None = fallback if fallback is not None else plural_fallback
            if closer is not None and prev in OPENING_CONTEXT and nxt.isalnum():
                # A straight mark that opens a new quotation ("a banner reading 'Believe' ..., and the club
                # posted: 'Heads up.'"): the earlier mark after a word closed the first one.
                pairs.append((index, closer))
                used.update((index, closer))
                break
            if prev.isspace() or not _is_space_or_punct(nxt):
                continue
            if prev in ",.?!;:…—-" or nxt in ",.;:?!)—–" or candidate + 1 >= end:
                pairs.append((index, candidate))
                used.update((index, candidate))
                break
            if fallback is None and prev.lower() != "s":
                fallback = candidate
            elif plural_fallback is None and prev.lower() == "s":
                plural_fallback = candidate
        else:
            fallback = fallback if fallback is not None else plural_fallback
            if fallback is not None:
                pairs.append((index, fallback))
                used.update((index, fallback))
    return pairs


def _single_left_open(
    text: str, start: int, end: int, singles: list[int], pieces: list[tuple[int, int | None, str]]
) -> int | None:
    """A single mark that opens a quotation after every paired one and is never closed, in a paragraph
    that ends on a full stop: "'...,' said Heskett. 'These two don't like each other." then a paragraph
    opening with a mark goes on with the same quotation."""
    if text[start:end].rstrip()[-1:] not in (".", "!", "?", "…"):
        return None
    reach = max((right if right is not None else left for left, right, _ in pieces), default=-1)
    for index in singles:
        if index <= reach or text[index] == "’" or _is_apostrophe(text, index, start, end):
            continue
        if _before(text, index, start) in OPENING_CONTEXT and not _after(text, index, end).isspace():
            return index
        return None  # a closing mark after the last pair: the paragraph's quotations are all closed
    return None


def _first_mark_family(text: str, start: int, end: int) -> str | None:
    stripped = text[start:end].lstrip()
    if not stripped:
        return None
    char = stripped[0]
    if char in DOUBLE_MARKS:
        return "double"
    if char in ANGLE_PAIRS:
        return "angle"
    if char in "‘'":
        return "single"
    return None


def positions_of(text: str, characters: str) -> list[int]:
    """Every offset of any of ``characters`` in ``text``, in order. One ``str.find`` pass per
    character: a character class tested at every offset costs about twice as much."""
    positions = []
    for character in characters:
        position = text.find(character)
        while position >= 0:
            positions.append(position)
            position = text.find(character, position + 1)
    positions.sort()
    return positions


def mark_positions(text: str) -> list[int]:
    """Every quotation mark of the text, in order, shared out to the paragraphs by offset."""
    return positions_of(text, ALL_MARKS)


def find_quotes(text: str, spans: list[tuple[int, int]] | None = None) -> list[QuoteSpan]:
    """Every outermost quoted piece, in text order."""
    spans = paragraphs(text) if spans is None else spans
    found: list[QuoteSpan] = []
    all_marks = mark_positions(text)
    for number, (start, end) in enumerate(spans):
        pieces: list[tuple[int, int | None, str]] = []
        marks = all_marks[bisect_left(all_marks, start) : bisect_left(all_marks, end)]
        double, double_open = _double_pieces(
            text, start, end, [index for index in marks if text[index] in DOUBLE_MARKS]
        )
        angle, angle_open = _angle_pieces([index for index in marks if text[index] in ANGLE_MARKS], text)
        pieces += [(left, right, "double") for left, right in double]
        pieces += [(left, right, "angle") for left, right in angle]
        taken = [(left, right) for left, right, _ in pieces if right is not None]
        singles = [index for index in marks if text[index] in SINGLE_MARKS]
        pieces += [(left, right, "single") for left, right in _single_pieces(text, start, end, taken, singles)]
        following = spans[number + 1] if number + 1 < len(spans) else None
        single_open = None
        if following and _first_mark_family(text, *following) == "single":
            single_open = _single_left_open(text, start, end, singles, pieces)
        for family, unclosed in (("double", double_open), ("angle", angle_open), ("single", single_open)):
            if unclosed is not None and following and _first_mark_family(text, *following) == family:
                pieces.append((unclosed, None, family))
        # Keep the outermost: a quotation inside another belongs to it.
        pieces.sort(key=lambda piece: (piece[0], -(piece[1] if piece[1] is not None else end)))
        reach = -1
        for left, right, family in pieces:
            close = right if right is not None else end
            if left < reach:
                continue
            reach = close
            inner_start, inner_end = left + 1, close
            while inner_start < inner_end and text[inner_start].isspace():
                inner_start += 1
            while inner_end > inner_start and text[inner_end - 1].isspace():
                inner_end -= 1
            if inner_end > inner_start:
                found.append(QuoteSpan(left, inner_start, inner_end, right, family, number))
    return found

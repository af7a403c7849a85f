"""How a source writes the speaker's name, for the claim page's appearances.

A second outlet that repeats a claim often spells the speaker its own way
("Mohammed Mohi" in one, "Mohammad Mohie" as stored). The spelling is not
stored; it is read from the outlet's own text near the repeated words: the
speaker's name or one of its aliases where it occurs there, or else the
passage that best matches one of them (rapidfuzz's partial alignment), so a
spelling not yet among the aliases is found too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz import fuzz

#: How far before and after the repeated words the name is looked for.
BEFORE, AFTER = 600, 300
#: A fuzzy match below this score is not taken to be the name.
MIN_SCORE = 80.0
WORD_CHARACTER = re.compile(r"\w")
PUNCTUATION = ".,;:!?\"'“”‘’«»()[]"


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen text[start:end] to the words it cuts through."""
    while start > 0 and WORD_CHARACTER.match(text[start - 1]):
        start -= 1
    while end < len(text) and WORD_CHARACTER.match(text[end]):
        end += 1
    return start, end


def _bare(words: str) -> str:
    return words.strip(PUNCTUATION)


def spelling_in(text: str | None, start: int | None, end: int | None, names: Iterable[str]) -> str | None:
    """The speaker's name as ``text`` writes it, looked for near text[start:end]."""
    if not text:
        return None
    names = [name for name in dict.fromkeys(names) if name and name.strip()]
    anchor_start = start if start is not None else 0
    anchor_end = end if end is not None else anchor_start
    window_start = max(0, anchor_start - BEFORE)
    window = text[window_start : anchor_end + AFTER]
    folded = window.casefold()
    nearest: tuple[int, str] | None = None
    for name in names:
        found = folded.find(name.casefold())
        while found != -1:
            distance = abs(window_start + found - anchor_start)
            if nearest is None or distance < nearest[0]:
                nearest = (distance, window[found : found + len(name)])
            found = folded.find(name.casefold(), found + 1)
    if nearest is not None:
        return nearest[1]
    best: tuple[float, str] | None = None
    for name in names:
        aligned = fuzz.partial_ratio_alignment(name.casefold(), folded, score_cutoff=MIN_SCORE)
        if aligned is None:
            continue
        found_start, found_end = _whole_words(window, aligned.dest_start, aligned.dest_end)
        # The aligned stretch may take in part of a word beside the name:
        # keep the run of whole words closest to the name.
        words = window[found_start:found_end].split()
        runs = [" ".join(words[first:last]) for first in range(len(words)) for last in range(first + 1, len(words) + 1)]
        score, run = max((fuzz.ratio(name.casefold(), run.casefold()), run) for run in map(_bare, runs))
        if score >= MIN_SCORE and (best is None or score > best[0]):
            best = (score, run)
    return best[1] if best else None

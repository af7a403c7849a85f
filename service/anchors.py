"""Anchoring a quote in its source's text.

An anchor is a W3C Web Annotation ``TextQuoteSelector`` (``exact``, with
optional ``prefix`` and ``suffix`` for context) plus a
``TextPositionSelector`` (``start`` and ``end`` offsets, counted in Unicode
code points as the Web Annotation model specifies). The quote selector is
what survives edits to the source; the offsets make lookups cheap.
"""

from __future__ import annotations

from dataclasses import dataclass

CONTEXT_CHARS = 32


class AnchorError(ValueError):
    """The anchor does not match the source's text."""


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


def _occurrences(text: str, exact: str) -> list[int]:
    found, position = [], text.find(exact)
    while position != -1:
        found.append(position)
        position = text.find(exact, position + 1)
    return found


def resolve(text: str, anchor: Anchor) -> Anchor:
    """Check ``anchor`` against ``text`` and return it complete.

    Every part that is given must agree with the text. The match must be
    unique: if ``exact`` occurs more than once, ``prefix``, ``suffix`` or
    ``start`` must single one occurrence out. Missing parts are filled in
    from the text.
    """
    if not anchor.exact:
        raise AnchorError("the anchor's exact text is empty")
    candidates = _occurrences(text, anchor.exact)
    if not candidates:
        raise AnchorError("the exact text does not occur in the source's text")
    if anchor.prefix:
        candidates = [p for p in candidates if text[:p].endswith(anchor.prefix)]
        if not candidates:
            raise AnchorError("the prefix does not match the text before the quote")
    if anchor.suffix:
        candidates = [p for p in candidates if text.startswith(anchor.suffix, p + len(anchor.exact))]
        if not candidates:
            raise AnchorError("the suffix does not match the text after the quote")
    if anchor.start is not None:
        if anchor.start not in candidates:
            raise AnchorError("start does not point at the exact text")
        candidates = [anchor.start]
    if anchor.end is not None and anchor.end != candidates[0] + len(anchor.exact):
        raise AnchorError("end does not point at the end of the exact text")
    if len(candidates) > 1:
        raise AnchorError(f"the exact text occurs {len(candidates)} times; give a prefix, suffix or start")
    start = candidates[0]
    end = start + len(anchor.exact)
    return Anchor(
        exact=anchor.exact,
        prefix=anchor.prefix or text[max(0, start - CONTEXT_CHARS) : start] or None,
        suffix=anchor.suffix or text[end : end + CONTEXT_CHARS] or None,
        start=start,
        end=end,
    )


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

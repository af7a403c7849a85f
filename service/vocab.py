"""The allowed values: kinds, relations, ratings. This module is their one owner.

The API's schemas, the store, the public site and its metadata, and the
ClaimReview export all read these. The database enforces them too, with
CHECK constraints that the migrations wrote from frozen copies of the values
they shipped with: adding or removing a value here needs a new migration that
rebuilds the constraint (tests/test_vocab.py fails until it exists).

Speaker kinds (``speakers.kind``): a ``person``; an ``organization`` such as a
company, party or newspaper; a ``government`` or one of its bodies; a
``group`` such as an armed group or a movement, or people quoted together
with no name ("Western diplomats", "unnamed Iraqi officials"); ``other``.

Source kinds (``sources.kind``): where a claim was made or reported. An
``article``, a ``press_conference``, a ``social_post``, a ``broadcast``, an
official ``statement``, an ``interview``, a ``report``; ``other``.

Claim kinds (``claims.kind``): a ``quote`` holds the speaker's exact words,
anchored in the source's text; a ``paraphrase`` holds the editors' wording of
a reported position.

Link relations (``claim_links.relation``), read "claim <relation> target":
``contradicts`` (the target is its counter-claim), ``supports``,
``responds_to``, ``qualifies`` (adds a condition or exception), ``repeats``.
Only ``contradicts`` reads the same both ways: storing one direction stores
the other, and a claim's counter-claims are the claims it contradicts. The
others are read from the target's side as "supported by", "answered by",
"qualified by", "repeated by".

Ratings (``reviews.rating``, copied to ``claims.verdict``), best first, each
with its number on ClaimReview's scale from 5 (best) to 1 (worst):
``true`` 5, ``mostly_true`` 4, ``mixed`` 3, ``mostly_false`` 2, ``false`` 1.
``unproven`` says the evidence settles nothing; it is not a point on the
scale of truth, so it has no number.

Revision actions (``revisions.action``): ``create``, ``update``, ``delete``,
and ``retract`` (a claim withdrawn from the record, its row kept).

Counted facets: the columns of ``claims`` whose published counts triggers
keep in ``claim_facet_counts``, for the public site's default facets.
"""

from __future__ import annotations

SPEAKER_KINDS = ("person", "organization", "government", "group", "other")
SOURCE_KINDS = (
    "article",
    "press_conference",
    "social_post",
    "broadcast",
    "statement",
    "interview",
    "report",
    "other",
)
CLAIM_KINDS = ("quote", "paraphrase")
LINK_RELATIONS = ("contradicts", "supports", "responds_to", "qualifies", "repeats")
#: Relations where "A relation B" is also "B relation A".
SYMMETRIC_RELATIONS = frozenset({"contradicts"})

#: Each rating, best first, with its ClaimReview ``ratingValue`` (None: off the scale).
RATING_SCALE: dict[str, int | None] = {
    "true": 5,
    "mostly_true": 4,
    "mixed": 3,
    "mostly_false": 2,
    "false": 1,
    "unproven": None,
}
RATINGS = tuple(RATING_SCALE)
BEST_RATING, WORST_RATING = 5, 1

REVISION_ACTIONS = ("create", "update", "delete", "retract")

COUNTED_FACETS = ("speaker_id", "source_id", "kind", "verdict")

#: A speaker's spellings: what a PUT or PATCH may send, and what adding
#: aliases or merging another speaker in may leave stored.
MAX_ALIASES = 100


def spelled_out(values: tuple[str, ...]) -> str:
    """``a, b or c``: the values as the docs and descriptions list them."""
    return f"{', '.join(values[:-1])} or {values[-1]}"
